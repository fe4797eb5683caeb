import { RETRY_API_KEY_SCOPES } from '../../scripts/n8n/api-key';
import { startIntercomFake, type IntercomFake } from '../support/intercom-fake';
import { closedLoopbackPort, startStandIn, type StandIn } from '../support/loopbackStandIn';
import { startMariaDb, type MariaDb } from '../support/mariadb';
import { startN8n, type CredentialInput, type N8nInstance } from '../support/n8n';
import { startSupabaseFake, type SupabaseFake } from '../support/supabase-fake';

// The credentials' tests, run by a real n8n 2.41 through the endpoint the editor calls when a credential is saved
// (POST /rest/credentials/test). n8n picks the package's testedBy functions (no credential has a declarative
// test), so the messages are ours. The services listen on loopback: n8n's SSRF protection is off by default
// (N8N_SSRF_PROTECTION_ENABLED), so nothing stands between n8n and 127.0.0.1 here.

const TODOIST_TOKEN = 'todoist-e2e-token';
/** Names under .invalid never resolve (RFC 6761). */
const DNS_FAILURE = /\((no server has that name|the name could not be looked up \(DNS\))\)/;

describe("the credentials' tests in a real n8n", () => {
	let n8n: N8nInstance;
	let intercom: IntercomFake;
	let supabase: SupabaseFake;
	let mariadb: MariaDb;
	let todoist: StandIn;
	let refusedUrl: string;
	let saved = 0;

	const saveAndTest = async (type: string, data: Record<string, unknown>) =>
		await n8n.saveAndTestCredential({ name: `${type} ${++saved}`, type, data } satisfies CredentialInput);

	beforeAll(async () => {
		[n8n, intercom, supabase, mariadb, todoist] = await Promise.all([
			startN8n(),
			startIntercomFake(),
			startSupabaseFake(),
			startMariaDb(),
			// Just enough of Todoist's API v1 for the credential test: the project list, behind the Bearer token.
			startStandIn((request) => {
				if (request.method !== 'GET' || request.path !== '/api/v1/projects') return { status: 404, body: { error: 'Not found' } };
				if (request.headers.authorization !== `Bearer ${TODOIST_TOKEN}`) {
					return { status: 401, body: { error: 'Unauthorized', error_tag: 'AUTH_INVALID_TOKEN', http_code: 401 } };
				}
				return { status: 200, body: { results: [], next_cursor: null } };
			}),
		]);
		refusedUrl = `http://127.0.0.1:${await closedLoopbackPort()}`;
	}, 600_000);

	afterAll(async () => {
		await Promise.all([n8n?.stop(), intercom?.close(), supabase?.close(), mariadb?.stop(), todoist?.close()]);
	});

	describe('Intercom (GET /me)', () => {
		const intercomData = (accessToken: string, baseUrl = intercom.baseUrl) => ({
			accessToken,
			region: 'custom',
			baseUrl,
			apiVersion: '2.14',
			webhookClientSecret: 'webhook-secret',
		});

		it('passes with the workspace token, after asking Intercom who owns it', async () => {
			const before = intercom.count('GET', '/me');
			expect(await saveAndTest('intercomSyncApi', intercomData(intercom.token))).toMatchObject({ status: 'OK' });
			expect(intercom.count('GET', '/me')).toBe(before + 1);
			intercom.expectNoInvalidRequests();
		});

		it('says where to get the token again when it is wrong, after one request', async () => {
			expect(await saveAndTest('intercomSyncApi', intercomData('not-the-token'))).toEqual({
				status: 'Error',
				message:
					"Intercom rejected the access token (Access Token Invalid) — copy it again from Intercom: Settings → Integrations → Developer Hub → your app → Configure → Authentication. A token works only in its workspace's Region.",
			});
			expect(intercom.takeInvalidRequests().map(({ path, status, problems }) => ({ path, status, problems }))).toEqual([
				{ path: '/me', status: 401, problems: ['The Bearer token is not the one this fake issued'] },
			]);
		});

		it('names the host it could not reach and the field to check', async () => {
			const { status, message } = await saveAndTest('intercomSyncApi', intercomData(intercom.token, 'https://intercom-e2e.invalid'));
			expect(status).toBe('Error');
			expect(message).toMatch(/^Could not reach Intercom at intercom-e2e\.invalid \(/);
			expect(message).toMatch(DNS_FAILURE);
			expect(message).toMatch(/\) — check Custom Base URL \(or choose your Region\)$/);
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

		it('says where to copy the key again when it is wrong', async () => {
			supabase.requests.length = 0;
			expect(await saveAndTest('supabaseSyncApi', { ...supabase.credentials, serviceRoleKey: 'sb_secret_wrong' })).toEqual({
				status: 'Error',
				message:
					'Supabase rejected the Service Role Key (Invalid API key) — copy the service_role key again from Supabase → Project Settings → API (a key of another project is rejected too)',
			});
			expect(supabase.requests.map(({ method, url, status }) => ({ method, url, status }))).toEqual([
				{ method: 'GET', url: '/rest/v1/', status: 401 },
			]);
		});

		it('names the project address it could not reach', async () => {
			expect(await saveAndTest('supabaseSyncApi', { ...supabase.credentials, url: refusedUrl })).toEqual({
				status: 'Error',
				message: `Could not reach Supabase at ${new URL(refusedUrl).host} (the connection was refused) — check Project URL: only the project's address, like https://abcdefghijklmnop.supabase.co (Supabase → Project Settings → API)`,
			});
		});
	});

	describe('Todoist (GET /api/v1/projects)', () => {
		it('passes with the API token', async () => {
			todoist.seen.length = 0;
			const result = await saveAndTest('todoistSyncApi', { apiToken: TODOIST_TOKEN, appClientSecret: 's', baseUrl: todoist.baseUrl });
			expect(result).toMatchObject({ status: 'OK' });
			expect(todoist.seen.map(({ method, path, query }) => ({ method, path, query }))).toEqual([
				{ method: 'GET', path: '/api/v1/projects', query: 'limit=1' },
			]);
		});

		it('says where to get the API Token again when it is wrong', async () => {
			todoist.seen.length = 0;
			expect(await saveAndTest('todoistSyncApi', { apiToken: 'not-the-token', appClientSecret: 's', baseUrl: todoist.baseUrl })).toEqual({
				status: 'Error',
				message:
					'Todoist rejected the API Token (Unauthorized) — copy it again from Todoist: Settings → Integrations → Developer (or use the access token your app got through OAuth)',
			});
			expect(todoist.seen).toHaveLength(1);
		});

		it('names the host it could not reach', async () => {
			expect(await saveAndTest('todoistSyncApi', { apiToken: TODOIST_TOKEN, appClientSecret: 's', baseUrl: refusedUrl })).toEqual({
				status: 'Error',
				message: `Could not reach Todoist at ${new URL(refusedUrl).host} (the connection was refused) — check Base URL (normally https://api.todoist.com)`,
			});
		});
	});

	// No request test of its own: the Member Lookup node's memberDatabaseCredentialTest runs, via testedBy.
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

	// The same n8n answers: its public API, with a key made as Settings → n8n API makes one.
	describe('Retry Failed Executions API (GET /executions on this n8n)', () => {
		const apiUrl = () => `${n8n.deployment.editorUrl}/api/v1`;

		it('passes with a key that may list executions', async () => {
			const { rawApiKey } = await n8n.client.post<{ rawApiKey: string }>('/rest/api-keys', { label: 'credential test', scopes: RETRY_API_KEY_SCOPES, expiresAt: null });
			expect(await saveAndTest('intercomSyncN8nApi', { apiKey: rawApiKey, baseUrl: apiUrl() })).toEqual({
				status: 'OK',
				message: expect.stringMatching(/can list executions/),
			});
		});

		it('says where to make a new key when n8n refuses it', async () => {
			const result = await saveAndTest('intercomSyncN8nApi', { apiKey: 'not-a-key', baseUrl: apiUrl() });
			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/refused the API Key.*Settings → n8n API/) });
		});

		it('says to add /api/v1 when Base URL is the bare address', async () => {
			const result = await saveAndTest('intercomSyncN8nApi', { apiKey: 'any', baseUrl: n8n.deployment.editorUrl });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/Base URL.*\/api\/v1/);
		});
	});
});
