/**
 * The test n8n runs when a user saves an Intercom credential (GET /me), against a loopback stand-in that checks
 * the token and the version header as Intercom does: what the user reads for each outcome.
 */
import { intercomCredentialTest } from '../../nodes/common/credentialTests/intercom';
import { DNS_FAILURE, runCredentialTest, useStandIn } from '../support/credentialTestHarness';

const TOKEN = 'intercom-token';
const ME = { type: 'admin', id: '7', name: 'Owner', email: 'owner@example.org', app: { type: 'app', id_code: 'abc123', name: 'Example Support' } };
const CHECK = 'check Custom Base URL (or choose your Region)';
const REJECTED =
	"Intercom rejected the access token (Access Token Invalid) — copy it again from Intercom: Settings → Integrations → Developer Hub → your app → Configure → Authentication. A token works only in its workspace's Region.";

const errorList = (code: string, message: string) => ({ type: 'error.list', request_id: 'req-1', errors: [{ code, message }] });

const standIn = useStandIn();
// Behind a path, as a proxy might be; trailing slashes in the field are dropped, as the nodes drop them.
const test = async (overrides: Record<string, string> = {}) =>
	await runCredentialTest(intercomCredentialTest, {
		accessToken: TOKEN,
		region: 'custom',
		baseUrl: `${standIn.baseUrl}/intercom//`,
		apiVersion: '2.14',
		webhookClientSecret: 'secret',
		...overrides,
	});

beforeEach(() => {
	standIn.answerWith((request) => {
		if (request.path !== '/intercom/me') return { status: 404, body: errorList('not_found', 'Resource Not Found') };
		if (request.headers.authorization !== `Bearer ${TOKEN}`) return { status: 401, body: errorList('unauthorized', 'Access Token Invalid') };
		if (request.headers['intercom-version'] !== '2.14') {
			return { status: 400, body: errorList('intercom_version_invalid', 'Requested API version is not valid') };
		}
		return { status: 200, body: ME };
	});
});

it('passes with the token and says who owns it, after one GET /me with the headers the nodes send', async () => {
	expect(await test()).toEqual({ status: 'OK', message: 'Connected to Intercom as owner@example.org in the workspace Example Support' });
	expect(standIn.seen).toEqual([
		expect.objectContaining({
			method: 'GET',
			path: '/intercom/me',
			headers: expect.objectContaining({ authorization: `Bearer ${TOKEN}`, 'intercom-version': '2.14', accept: 'application/json' }),
		}),
	]);
});

it('trims a pasted token and sends 2.14 when API Version is empty', async () => {
	expect(await test({ accessToken: ` ${TOKEN}\n`, apiVersion: '' })).toMatchObject({ status: 'OK' });
	expect(standIn.seen[0].headers['intercom-version']).toBe('2.14');
});

it('says where to get the token again when Intercom refuses it (401)', async () => {
	expect(await test({ accessToken: 'not-the-token' })).toEqual({ status: 'Error', message: REJECTED });
});

it('says the same for a 403', async () => {
	standIn.answerWith(() => ({ status: 403, body: errorList('unauthorized', 'Access Token Invalid') }));
	expect(await test()).toEqual({ status: 'Error', message: REJECTED });
});

it('points at API Version when Intercom refuses the version', async () => {
	expect(await test({ apiVersion: '9.99' })).toEqual({
		status: 'Error',
		message:
			'Intercom refused API Version 9.99 (HTTP 400: Requested API version is not valid) — set API Version to 2.14, the version these nodes are built for',
	});
	expect(standIn.seen[0].headers['intercom-version']).toBe('9.99');
});

it('points at Custom Base URL when the address has no Intercom API (404)', async () => {
	const baseUrl = `${standIn.baseUrl}/wrong-path`;
	expect(await test({ baseUrl })).toEqual({
		status: 'Error',
		message: `Intercom has no API at ${standIn.host} (HTTP 404 for ${baseUrl}/me) — ${CHECK}`,
	});
});

it('does not mistake some other server answering 200 for Intercom', async () => {
	standIn.answerWith(() => ({ status: 200, body: '<html><body>Welcome to nginx!</body></html>' }));
	expect(await test()).toEqual({ status: 'Error', message: `${standIn.host} answered, but not like Intercom — ${CHECK}` });
});

it('says a server error is on Intercom’s side', async () => {
	standIn.answerWith(() => ({ status: 503, body: errorList('service_unavailable', 'Sorry, the API service is temporarily unavailable') }));
	expect(await test()).toEqual({
		status: 'Error',
		message: `Intercom had a server error (HTTP 503: Sorry, the API service is temporarily unavailable) — try again in a few minutes; if it stays, ${CHECK}`,
	});
});

it('asks to wait when Intercom limits requests (429)', async () => {
	standIn.answerWith(() => ({ status: 429, body: errorList('rate_limit_exceeded', 'Rate Limit Exceeded') }));
	expect(await test()).toEqual({
		status: 'Error',
		message: 'Intercom is limiting requests right now (HTTP 429) — wait a minute, then save the credential again',
	});
});

it('says it could not reach Intercom when the connection is refused', async () => {
	expect(await test({ baseUrl: standIn.refusedUrl })).toEqual({
		status: 'Error',
		message: `Could not reach Intercom at ${new URL(standIn.refusedUrl).host} (the connection was refused) — ${CHECK}`,
	});
});

it('says it could not reach Intercom when the name does not resolve', async () => {
	const { status, message } = await test({ baseUrl: 'https://intercom-probe.invalid' });
	expect(status).toBe('Error');
	expect(message).toMatch(/^Could not reach Intercom at intercom-probe\.invalid \(/);
	expect(message).toMatch(DNS_FAILURE);
	expect(message?.endsWith(`) — ${CHECK}`)).toBe(true);
});

it('says the secure connection failed when TLS does', async () => {
	const { message } = await test({ baseUrl: standIn.tlsFailureUrl });
	expect(message).toMatch(/^Could not reach Intercom at 127\.0\.0\.1:\d+ \(the secure connection failed: ERR_SSL_\w+\) — check Custom Base URL/);
});

it.each([
	['no access token', { accessToken: ' ' }, 'Enter the Access Token: in Intercom open Settings → Integrations → Developer Hub → your app → Configure → Authentication'],
	['a custom region without an address', { baseUrl: '' }, 'Enter a Custom Base URL starting with https:// (or choose your Region)'],
	['an address that is not a URL', { baseUrl: 'intercom-proxy.example.org' }, 'Enter a Custom Base URL starting with https:// (or choose your Region)'],
])('asks for what is missing before calling anything: %s', async (_label, overrides, message) => {
	expect(await test(overrides)).toEqual({ status: 'Error', message });
	expect(standIn.seen).toEqual([]);
});
