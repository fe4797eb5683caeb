/**
 * The test n8n runs when a user saves a Todoist credential (GET /api/v1/projects), against a loopback stand-in that
 * checks the Bearer token as Todoist does: what the user reads for each outcome.
 */
import { todoistCredentialTest } from '../../nodes/common/credentialTests/todoist';
import { DNS_FAILURE, runCredentialTest, useStandIn } from '../support/credentialTestHarness';

const TOKEN = 'todoist-token';
const CHECK = 'check Base URL (normally https://api.todoist.com)';

const standIn = useStandIn();
const test = async (overrides: Record<string, string> = {}) =>
	await runCredentialTest(todoistCredentialTest, { apiToken: TOKEN, appClientSecret: 's', baseUrl: `${standIn.baseUrl}/`, ...overrides });

beforeEach(() => {
	standIn.answerWith((request) => {
		if (request.path !== '/api/v1/projects') return { status: 404, body: { error: 'Not found' } };
		if (request.headers.authorization !== `Bearer ${TOKEN}`) {
			return { status: 401, body: { error: 'Unauthorized', error_tag: 'AUTH_INVALID_TOKEN', http_code: 401 } };
		}
		return { status: 200, body: { results: [], next_cursor: null } };
	});
});

it('passes with the API Token after reading one project', async () => {
	expect(await test()).toEqual({ status: 'OK', message: 'Connected to Todoist: the API Token works' });
	expect(standIn.seen).toEqual([
		expect.objectContaining({
			method: 'GET',
			path: '/api/v1/projects',
			query: 'limit=1',
			headers: expect.objectContaining({ authorization: `Bearer ${TOKEN}` }),
		}),
	]);
});

it('says where to get the API Token again when Todoist refuses it (401)', async () => {
	expect(await test({ apiToken: 'not-the-token' })).toEqual({
		status: 'Error',
		message:
			'Todoist rejected the API Token (Unauthorized) — copy it again from Todoist: Settings → Integrations → Developer (or use the access token your app got through OAuth)',
	});
});

it('says the token may not read projects when Todoist answers 403', async () => {
	standIn.answerWith(() => ({ status: 403, body: { error: 'Insufficient token scope', error_tag: 'AUTH_INSUFFICIENT_TOKEN_SCOPE', http_code: 403 } }));
	expect(await test()).toEqual({
		status: 'Error',
		message:
			'Todoist accepted the API Token but will not let it read your projects (HTTP 403: Insufficient token scope) — use your personal API token (Settings → Integrations → Developer) or an OAuth token with the data:read scope',
	});
});

it('points at Base URL when an old API path was pasted into it', async () => {
	const baseUrl = `${standIn.baseUrl}/rest/v2`;
	expect(await test({ baseUrl })).toEqual({
		status: 'Error',
		message: `Todoist has no API v1 at ${baseUrl}/api/v1/projects?limit=1 (HTTP 404) — ${CHECK}, without /rest/v2 or /api/v1`,
	});
});

it('does not mistake some other server answering 200 for Todoist', async () => {
	standIn.answerWith(() => ({ status: 200, body: { projects: 'not how Todoist answers' } }));
	expect(await test()).toEqual({ status: 'Error', message: `${standIn.host} answered, but not like Todoist — ${CHECK}` });
});

it('says a server error is on Todoist’s side', async () => {
	standIn.answerWith(() => ({ status: 500, body: { error: 'Internal Server Error' } }));
	expect(await test()).toEqual({
		status: 'Error',
		message: `Todoist had a server error (HTTP 500: Internal Server Error) — try again in a few minutes; if it stays, ${CHECK}`,
	});
});

it('says it could not reach Todoist when the connection is refused', async () => {
	expect(await test({ baseUrl: standIn.refusedUrl })).toEqual({
		status: 'Error',
		message: `Could not reach Todoist at ${new URL(standIn.refusedUrl).host} (the connection was refused) — ${CHECK}`,
	});
});

it('says it could not reach Todoist when the name does not resolve', async () => {
	const { message } = await test({ baseUrl: 'https://todoist-probe.invalid' });
	expect(message).toMatch(/^Could not reach Todoist at todoist-probe\.invalid \(/);
	expect(message).toMatch(DNS_FAILURE);
});

it.each([
	['no API Token', { apiToken: '' }, 'Enter the API Token: in Todoist open Settings → Integrations → Developer'],
	['a Base URL that is not a URL', { baseUrl: 'api.todoist.com' }, 'Enter a Base URL starting with https:// (normally https://api.todoist.com)'],
])('asks for what is missing before calling anything: %s', async (_label, overrides, message) => {
	expect(await test(overrides)).toEqual({ status: 'Error', message });
	expect(standIn.seen).toEqual([]);
});
