import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startIntercomFake, type IntercomFake } from '../support/intercom-fake';
import { startMariaDb, type MariaDb } from '../support/mariadb';
import { startN8n, type CredentialInput, type N8nInstance } from '../support/n8n';
import { startSupabaseFake, type SupabaseFake } from '../support/supabase-fake';

// The credentials' built-in tests, run by a real n8n 2.41 through the endpoint behind the editor's
// "Test" (POST /rest/credentials/test). The services listen on loopback: n8n's SSRF protection is off by
// default (N8N_SSRF_PROTECTION_ENABLED), so nothing stands between n8n and 127.0.0.1 here.

const TODOIST_TOKEN = 'todoist-e2e-token';

/**
 * After a 401 n8n sends the request once more (its refresh-and-retry for expiring tokens, which these
 * credentials do not have), so failing tests compare the distinct requests, not their number.
 */
function distinct<T>(values: T[]): T[] {
	return [...new Map(values.map((value) => [JSON.stringify(value), value])).values()];
}

describe("the credentials' Test in a real n8n", () => {
	let n8n: N8nInstance;
	let intercom: IntercomFake;
	let supabase: SupabaseFake;
	let mariadb: MariaDb;
	let todoist: TodoistStandIn;
	let saved = 0;

	const saveAndTest = async (type: string, data: Record<string, unknown>) =>
		await n8n.saveAndTestCredential({ name: `${type} ${++saved}`, type, data } satisfies CredentialInput);

	beforeAll(async () => {
		[n8n, intercom, supabase, mariadb, todoist] = await Promise.all([
			startN8n(),
			startIntercomFake(),
			startSupabaseFake(),
			startMariaDb(),
			startTodoistStandIn(TODOIST_TOKEN),
		]);
	}, 600_000);

	afterAll(async () => {
		await Promise.all([n8n?.stop(), intercom?.close(), supabase?.close(), mariadb?.stop(), todoist?.close()]);
	});

	describe('Intercom (GET /me)', () => {
		const intercomData = (accessToken: string) => ({
			accessToken,
			region: 'custom',
			baseUrl: intercom.baseUrl,
			apiVersion: '2.14',
			webhookClientSecret: 'webhook-secret',
		});

		it('passes with the workspace token, after asking Intercom who owns it', async () => {
			const before = intercom.count('GET', '/me');
			expect(await saveAndTest('intercomSyncApi', intercomData(intercom.token))).toMatchObject({ status: 'OK' });
			expect(intercom.count('GET', '/me')).toBe(before + 1);
			intercom.expectNoInvalidRequests();
		});

		it('fails with a wrong token', async () => {
			const result = await saveAndTest('intercomSyncApi', intercomData('not-the-token'));
			expect(result.status).toBe('Error');
			expect(distinct(intercom.takeInvalidRequests().map(({ path, status, problems }) => ({ path, status, problems })))).toEqual([
				{ path: '/me', status: 401, problems: ['The Bearer token is not the one this fake issued'] },
			]);
		});
	});

	describe('Supabase (the REST root)', () => {
		it('passes with the service role key', async () => {
			supabase.requests.length = 0;
			expect(await saveAndTest('supabaseSyncApi', { ...supabase.credentials })).toMatchObject({ status: 'OK' });
			expect(supabase.requests.map(({ method, url, status }) => ({ method, url, status }))).toEqual([
				{ method: 'GET', url: '/rest/v1/', status: 200 },
			]);
		});

		it('fails with a wrong key', async () => {
			supabase.requests.length = 0;
			const result = await saveAndTest('supabaseSyncApi', { ...supabase.credentials, serviceRoleKey: 'sb_secret_wrong' });
			expect(result.status).toBe('Error');
			expect(distinct(supabase.requests.map(({ method, url, status }) => ({ method, url, status })))).toEqual([
				{ method: 'GET', url: '/rest/v1/', status: 401 },
			]);
		});
	});

	describe('Todoist (GET /api/v1/projects)', () => {
		it('passes with the API token', async () => {
			todoist.seen.length = 0;
			const result = await saveAndTest('todoistSyncApi', { apiToken: TODOIST_TOKEN, appClientSecret: 's', baseUrl: todoist.baseUrl });
			expect(result).toMatchObject({ status: 'OK' });
			expect(todoist.seen).toEqual([{ method: 'GET', path: '/api/v1/projects', authorized: true }]);
		});

		it('fails with a wrong token', async () => {
			todoist.seen.length = 0;
			const result = await saveAndTest('todoistSyncApi', { apiToken: 'not-the-token', appClientSecret: 's', baseUrl: todoist.baseUrl });
			expect(result.status).toBe('Error');
			expect(distinct(todoist.seen)).toEqual([{ method: 'GET', path: '/api/v1/projects', authorized: false }]);
		});
	});

	// No request test of its own: the Member Lookup node's memberDatabaseConnectionTest runs, via testedBy.
	describe('Member Database (connect and SELECT 1)', () => {
		it('passes with the database user and password', async () => {
			expect(await saveAndTest('memberDatabase', { ...mariadb.credentials })).toMatchObject({ status: 'OK' });
		});

		it('fails with a wrong password and says so', async () => {
			const result = await saveAndTest('memberDatabase', { ...mariadb.credentials, password: 'not-the-password' });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/password/i);
		});
	});
});

interface TodoistStandIn {
	baseUrl: string;
	/** Every request received, in order. */
	seen: Array<{ method: string; path: string; authorized: boolean }>;
	close(): Promise<void>;
}

/** Just enough of Todoist's API v1 for the credential test: the project list, behind the Bearer token. */
async function startTodoistStandIn(token: string): Promise<TodoistStandIn> {
	const seen: TodoistStandIn['seen'] = [];
	const server: Server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://loopback');
		const authorized = request.headers.authorization === `Bearer ${token}`;
		seen.push({ method: request.method ?? '', path: url.pathname, authorized });
		const isProjectList = request.method === 'GET' && url.pathname === '/api/v1/projects';
		const [status, body] = !isProjectList
			? [404, { error: 'Not found' }]
			: authorized
				? [200, { results: [], next_cursor: null }]
				: [401, { error: 'Unauthorized', error_tag: 'AUTH_INVALID_TOKEN', http_code: 401 }];
		response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		seen,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
