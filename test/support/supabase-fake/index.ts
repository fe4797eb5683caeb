/**
 * A loopback stand-in for a Supabase project's REST API (PostgREST behind Supabase's gateway), backed by a
 * real Postgres engine (PGlite). It serves the reads supabase-js sends for plain table queries, checks the
 * `apikey` and `Authorization` headers like the gateway and PostgREST, keeps Supabase's limits (1,000 rows
 * per response, an 8 KB request line), and refuses every request outside that grammar with a 400 that it
 * also records in `rejected`, so a change in what the node sends fails the test.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Engine } from './engine';
import { GrammarError, parseReadRequest } from './grammar';
import { errorResponse, jsonResponse, restRoot, runRead, type RestResponse } from './sql';
import { fixturePath } from '../fixtures';

export const POSITIONS_SQL = fixturePath('members', 'supabase-positions.sql');

export interface SupabaseFakeOptions {
	/** SQL files run after start, in order, read in place. Default: the reference positions table. */
	sqlFiles?: string[];
	/** Default: a fresh random `sb_secret_…` key. */
	serviceRoleKey?: string;
	/** Supabase's "Max rows" API setting. Default 1000, as on a new project. */
	maxRows?: number;
	/** Longest request line the gateway accepts; longer ones get 414. Default 8192 (nginx/Kong's buffer). */
	maxRequestLineBytes?: number;
}

/** Shaped like the `supabaseSyncApi` credential. */
export interface SupabaseCredentials {
	url: string;
	serviceRoleKey: string;
}

export interface RecordedRequest {
	method: string;
	/** Path and query string exactly as received. */
	url: string;
	headers: Record<string, string>;
	status: number;
}

export interface RejectedRequest extends RecordedRequest {
	reason: string;
}

/** `refuse`: the port stops accepting connections. `unavailable`: every request gets PostgREST's 503. */
export type DownMode = 'refuse' | 'unavailable';

export interface SupabaseFake {
	url: string;
	serviceRoleKey: string;
	credentials: SupabaseCredentials;
	/** Every request answered, in order (clear with `requests.length = 0`). */
	requests: RecordedRequest[];
	/** Requests refused because the fake does not serve them (also in `requests`). Tests expect it empty. */
	rejected: RejectedRequest[];
	/** Runs SQL directly on the database (several statements allowed without params). Returns the rows. */
	query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
	setDown(down: boolean, mode?: DownMode): Promise<void>;
	close(): Promise<void>;
}

const REST_PREFIX = '/rest/v1';

/** A request the fake will not serve; the message becomes the `reason` in `rejected`. */
class Refusal extends Error {
	constructor(
		readonly response: RestResponse,
		reason: string,
	) {
		super(reason);
	}
}

function refuse(error: GrammarError | string): Refusal {
	if (typeof error === 'string' || error.kind === 'unsupported') {
		const message = `The Supabase test server does not support ${typeof error === 'string' ? error : error.message}`;
		return new Refusal(errorResponse(400, 'TEST_UNSUPPORTED', message, 'See test/support/supabase-fake'), message);
	}
	return new Refusal(errorResponse(400, 'PGRST100', `"${error.message}"`), error.message);
}

/** The gateway checks `apikey`, then PostgREST checks the bearer token; both must be the service role key. */
function checkKeys(request: IncomingMessage, serviceRoleKey: string): RestResponse | undefined {
	const apikey = request.headers.apikey;
	if (!apikey) {
		return jsonResponse(401, { message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' });
	}
	if (apikey !== serviceRoleKey) {
		return jsonResponse(401, { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' });
	}
	if (request.headers.authorization !== `Bearer ${serviceRoleKey}`) {
		const response = errorResponse(401, 'PGRST301', 'JWSError JWSInvalidSignature');
		response.headers['www-authenticate'] = 'Bearer error="invalid_token", error_description="JWSError JWSInvalidSignature"';
		return response;
	}
	return undefined;
}

/** Media types that make PostgREST answer in another shape than a JSON array. */
const OTHER_REPRESENTATIONS = /vnd\.pgrst|text\/csv|geo\+json|openapi|octet-stream/i;

/** Headers that change what PostgREST returns: only the defaults supabase-js sends for a plain read pass. */
function checkRepresentation(request: IncomingMessage): { countExact: boolean } {
	const { accept, prefer, range } = request.headers;
	if (accept && OTHER_REPRESENTATIONS.test(accept)) throw refuse(`Accept: ${accept}`);
	if (range) throw refuse('the Range header');
	if (request.headers['content-profile']) throw refuse('Content-Profile on a read');
	const preferences = String(prefer ?? '').split(',').map((part) => part.trim()).filter(Boolean);
	const unsupported = preferences.find((preference) => preference !== 'count=exact');
	if (unsupported) throw refuse(`Prefer: ${unsupported}`);
	return { countExact: preferences.length > 0 };
}

async function answer(db: Engine, request: IncomingMessage, options: Required<Omit<SupabaseFakeOptions, 'sqlFiles'>>): Promise<RestResponse> {
	const requestLine = `${request.method} ${request.url} HTTP/1.1\r\n`;
	if (Buffer.byteLength(requestLine) > options.maxRequestLineBytes) {
		const reason = `request line of ${Buffer.byteLength(requestLine)} bytes is over the gateway's ${options.maxRequestLineBytes}`;
		throw new Refusal({ status: 414, headers: { 'content-type': 'text/plain' }, body: 'URI too long\n' }, reason);
	}
	const url = new URL(request.url ?? '/', 'http://fake');
	if (url.pathname !== REST_PREFIX && !url.pathname.startsWith(`${REST_PREFIX}/`)) {
		throw new Refusal(jsonResponse(404, { message: 'no Route matched with those values' }), `no route ${url.pathname}`);
	}
	const keyProblem = checkKeys(request, options.serviceRoleKey);
	if (keyProblem) return keyProblem;
	if (request.method !== 'GET') throw refuse(`the ${request.method} method`);
	const profile = request.headers['accept-profile'];
	if (profile && profile !== 'public') {
		return errorResponse(406, 'PGRST106', `Invalid schema: ${profile}`);
	}
	const resource = url.pathname.slice(REST_PREFIX.length + 1);
	if (resource === '') {
		if (url.search) throw refuse('query parameters on the REST root');
		return restRoot(db, request.headers.host ?? '');
	}
	const { countExact } = checkRepresentation(request);
	if (resource.includes('/')) throw refuse(`the path ${url.pathname}`);
	let table: string;
	try {
		table = decodeURIComponent(resource);
	} catch {
		throw refuse(new GrammarError('invalid', `malformed path ${url.pathname}`));
	}
	try {
		const read = parseReadRequest(table, url.searchParams);
		return await runRead(db, read, { maxRows: options.maxRows, countExact });
	} catch (error) {
		throw error instanceof GrammarError ? refuse(error) : error;
	}
}

/**
 * One request per connection: with keep-alive, a client could still hold an open socket when the server is
 * switched down and see "other side closed" instead of the refused connection the test asked for.
 */
function send(response: ServerResponse, { status, headers, body }: RestResponse): void {
	response.writeHead(status, { ...headers, connection: 'close' }).end(body);
}

export async function startSupabaseFake(options: SupabaseFakeOptions = {}): Promise<SupabaseFake> {
	const settings = {
		serviceRoleKey: options.serviceRoleKey ?? `sb_secret_${randomBytes(24).toString('base64url')}`,
		maxRows: options.maxRows ?? 1000,
		maxRequestLineBytes: options.maxRequestLineBytes ?? 8192,
	};
	const db = await Engine.start();
	for (const file of options.sqlFiles ?? [POSITIONS_SQL]) {
		await db.exec(await readFile(file, 'utf8'));
	}
	const requests: RecordedRequest[] = [];
	const rejected: RejectedRequest[] = [];
	let unavailable = false;

	// Node's own header limit (16 KB) would cut in before the gateway's; raise it so ours decides.
	const server = createServer({ maxHeaderSize: 64 * 1024 }, (request, response) => {
		const record = (status: number) => ({
			method: request.method ?? '',
			url: request.url ?? '',
			headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
			status,
		});
		// Reads carry no body, but drain anything sent so the connection stays usable.
		request.resume();
		const reply = unavailable
			? Promise.resolve(errorResponse(503, 'PGRST002', 'Could not query the database for the schema cache. Retrying.'))
			: answer(db, request, settings);
		reply.then(
			(result) => {
				requests.push(record(result.status));
				send(response, result);
			},
			(error: unknown) => {
				const result = error instanceof Refusal ? error.response : errorResponse(500, 'TEST_SERVER', String(error));
				requests.push(record(result.status));
				rejected.push({ ...record(result.status), reason: error instanceof Error ? error.message : String(error) });
				send(response, result);
			},
		);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;

	const stopListening = () =>
		new Promise<void>((resolve) => {
			if (!server.listening) return resolve();
			server.close(() => resolve());
			// Keep-alive connections would otherwise keep serving a "down" server.
			server.closeAllConnections();
		});
	let closed: Promise<void> | undefined;

	return {
		url,
		serviceRoleKey: settings.serviceRoleKey,
		credentials: { url, serviceRoleKey: settings.serviceRoleKey },
		requests,
		rejected,
		async query<Row>(sql: string, params?: unknown[]): Promise<Row[]> {
			if (params) return (await db.query<Row>(sql, params)).rows;
			const results = await db.exec(sql);
			return (results.at(-1)?.rows ?? []) as Row[];
		},
		async setDown(down: boolean, mode: DownMode = 'refuse') {
			unavailable = down && mode === 'unavailable';
			if (down && mode === 'refuse') await stopListening();
			if (!down && !server.listening) {
				await new Promise<void>((resolve, reject) => {
					server.once('error', reject);
					server.listen(port, '127.0.0.1', () => {
						server.off('error', reject);
						resolve();
					});
				});
			}
		},
		close() {
			closed ??= stopListening().then(() => db.close());
			return closed;
		},
	};
}
