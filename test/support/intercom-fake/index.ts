/**
 * A contract-checked Intercom fake on loopback, for tests and benchmarks.
 *
 *   const fake = await startIntercomFake({ searchLagMs: 500 });
 *   const client = new IntercomClient({ token: fake.token, baseUrl: fake.baseUrl, maxRetries: 0 });
 *   const lead = fake.seed.lead({ email: 'ann@example.org' });
 *   …exercise the code under test…
 *   fake.expectNoInvalidRequests();          // or useIntercomFake() from './jest' does it after each test
 *   expect(fake.store.contactsWithEmail('ann@example.org')).toHaveLength(1);
 *   await fake.close();
 *
 * Every request is checked against Intercom's OpenAPI 2.14 description (method and path, path/query/header
 * parameters, JSON body, Bearer token, Intercom-Version header). A request that breaks the contract gets a
 * 400 error.list (401 for a wrong or missing token) and lands in `fake.invalidRequests`.
 * Faults: `fake.faults.fail({ status: 503, probability: 0.1 })`, `.delay({ ms: 20 })`, `.hang({ count: 1 })`.
 * Rate limit: `rateLimit: { limit, windowMs }` (default 1,666 per 10 s), headers on every authorised answer.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { allBehaviours } from './behaviours';
import type { BehaviourConfig } from './behaviours/types';
import { Faults, seededRandom } from './faults';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitOptions } from './rate-limiter';
import { describeInvalidRequests, type InvalidRequest, type InvalidResponse, type RecordedRequest, TrafficLog } from './records';
import { Seeder } from './seed';
import { RequestPipeline } from './server';
import { DEFAULT_SPEC_PATH, loadSpec } from './spec';
import { Store, type StoredAdmin } from './store';
import { validatorFor } from './validator';

export interface IntercomFakeOptions {
	/** The access token the fake accepts (default `fake-intercom-token`). */
	token?: string;
	/** Where the OpenAPI document is (default: the shared 2.14 file; env INTERCOM_OPENAPI_SPEC overrides). */
	specPath?: string;
	/** Writes stay invisible (new) or stale (updated) in search for this long. Default 0. */
	searchLagMs?: number;
	/** Requests per window; `false` lifts the limit (headers still sent). Default 1,666 per 10 s. */
	rateLimit?: Partial<RateLimitOptions> | false;
	/** Latency added to every request, in ms. Default 0. */
	latencyMs?: number;
	/** Time source in ms (default `Date.now`); drives search lag, rate windows and timestamps. */
	clock?: () => number;
	/** Seed for probabilistic faults, so runs repeat. Default 1. */
	faultSeed?: number;
	/** When set, the only contact custom attributes that exist (others answer 400). */
	customAttributes?: string[];
	/** Answer for removing a tag that is not on the conversation. Default `tag_not_found` (404). */
	untagAbsentTag?: BehaviourConfig['untagAbsentTag'];
	/** Check the fake's own answers against the contract into `invalidResponses`. Default true. */
	validateResponses?: boolean;
	/** The admin who owns the token (`GET /me`). */
	admin?: { name?: string; email?: string };
}

export interface IntercomFake {
	/** `http://127.0.0.1:<port>` — pass as the SDK's `baseUrl` or the credential's custom base URL. */
	readonly baseUrl: string;
	readonly token: string;
	/** The admin `GET /me` answers with. */
	readonly me: StoredAdmin;
	/** The workspace's state: contacts, tags, conversations, tickets, ticket types, admins, events, notes. */
	readonly store: Store;
	readonly seed: Seeder;
	readonly faults: Faults;
	/** Every request, in arrival order (status 0: held by a hang fault). */
	readonly requests: RecordedRequest[];
	/** Requests that broke the contract (or hit an operation the fake lacks). */
	readonly invalidRequests: InvalidRequest[];
	/** Answers of the fake itself that the contract would not allow (a bug in the fake). */
	readonly invalidResponses: InvalidResponse[];
	/** Throws, listing them, if any request broke the contract. */
	expectNoInvalidRequests(): void;
	/** Returns the invalid requests recorded so far and forgets them (for tests that send bad ones on purpose). */
	takeInvalidRequests(): InvalidRequest[];
	/** Requests served for `METHOD /contract/template`, e.g. `count('POST', '/contacts/search')`. */
	count(method: string, templateOrPath: string): number;
	/** All counters, keyed `METHOD /template`. */
	requestCounts(): Record<string, number>;
	setSearchLag(ms: number): void;
	setRateLimit(options: Partial<RateLimitOptions> | false): void;
	setLatency(ms: number): void;
	/** Stops listening, drops held requests and open connections. */
	close(): Promise<void>;
}

export const DEFAULT_TOKEN = 'fake-intercom-token';
const UNLIMITED: RateLimitOptions = { limit: Number.MAX_SAFE_INTEGER, windowMs: 10_000 };

function rateLimitFrom(option: IntercomFakeOptions['rateLimit']): RateLimitOptions {
	return option === false ? UNLIMITED : { ...DEFAULT_RATE_LIMIT, ...option };
}

export async function startIntercomFake(options: IntercomFakeOptions = {}): Promise<IntercomFake> {
	const spec = loadSpec(options.specPath ?? process.env.INTERCOM_OPENAPI_SPEC ?? DEFAULT_SPEC_PATH);
	const clock = options.clock ?? Date.now;
	const token = options.token ?? DEFAULT_TOKEN;
	const store = new Store(clock, options.searchLagMs ?? 0);
	const seed = new Seeder(store);
	const me = seed.admin({ name: options.admin?.name ?? 'Fake Owner', email: options.admin?.email ?? 'owner@example.org' });
	store.meAdminId = me.id;
	const faults = new Faults(seededRandom(options.faultSeed ?? 1));
	const limiter = new RateLimiter(rateLimitFrom(options.rateLimit), clock);
	const log = new TrafficLog();
	const pipeline = new RequestPipeline({
		token,
		spec,
		validator: validatorFor(spec),
		store,
		config: { customAttributes: options.customAttributes, untagAbsentTag: options.untagAbsentTag ?? 'tag_not_found' },
		behaviours: allBehaviours,
		limiter,
		faults,
		log,
		validateResponses: options.validateResponses ?? true,
	});
	pipeline.latencyMs = options.latencyMs ?? 0;

	const server: Server = createServer(pipeline.handle);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	let closing: Promise<void> | undefined;

	return {
		baseUrl: `http://127.0.0.1:${port}`,
		token,
		me,
		store,
		seed,
		faults,
		requests: log.requests,
		invalidRequests: log.invalidRequests,
		invalidResponses: log.invalidResponses,
		expectNoInvalidRequests() {
			if (log.invalidRequests.length === 0) return;
			throw new Error(
				`The Intercom fake received ${log.invalidRequests.length} request(s) that break the contract:\n` +
					describeInvalidRequests(log.invalidRequests),
			);
		},
		takeInvalidRequests: () => log.invalidRequests.splice(0),
		count: (method, templateOrPath) => log.countOf(method, templateOrPath),
		requestCounts: () => log.countsByOperation(),
		setSearchLag: (ms) => {
			store.searchLagMs = ms;
		},
		setRateLimit: (rateLimit) => {
			limiter.options = rateLimitFrom(rateLimit);
		},
		setLatency: (ms) => {
			pipeline.latencyMs = ms;
		},
		close: () => {
			closing ??= new Promise<void>((resolve, reject) => {
				for (const res of pipeline.held) res.destroy();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			});
			return closing;
		},
	};
}

export type { InvalidRequest, InvalidResponse, RecordedRequest } from './records';
export type { RateLimitOptions } from './rate-limiter';
export type { ErrorFault, FaultHandle, HangFault, LatencyFault } from './faults';
export type { SeedContact, SeedConversation, SeedTicket, SeedTicketType } from './seed';
export type * from './store';
