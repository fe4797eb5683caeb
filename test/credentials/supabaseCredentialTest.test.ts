/**
 * The test n8n runs when a user saves a Supabase credential (GET /rest/v1/, which Supabase serves only to the
 * service role), against a loopback stand-in of the gateway: what the user reads for each outcome.
 */
import { supabaseCredentialTest } from '../../nodes/common/credentialTests/supabase';
import { DNS_FAILURE, runCredentialTest, useStandIn } from '../support/credentialTestHarness';

/** A legacy key: a JWT whose payload names its role. Only the payload matters here; the signature is Supabase's business. */
const legacyKey = (role: string) =>
	['{"alg":"HS256","typ":"JWT"}', JSON.stringify({ iss: 'supabase', ref: 'abcdefghijklmnop', role, iat: 1700000000, exp: 2000000000 })]
		.map((part) => Buffer.from(part).toString('base64url'))
		.concat('c2lnbmF0dXJl')
		.join('.');

const SERVICE_ROLE_KEY = legacyKey('service_role');
const SECRET_KEY = 'sb_secret_0123456789abcdefghijklmn';
const LESSER_KEY = 'sb_secret_of_a_key_with_lesser_rights';
const CHECK = "check Project URL: only the project's address, like https://abcdefghijklmnop.supabase.co (Supabase → Project Settings → API)";
const PUBLIC_KEY =
	"This is the project's public (anon or publishable) key, which cannot read the positions — paste the service_role key (or a secret key, sb_secret_…) from Supabase → Project Settings → API into Service Role Key";

const standIn = useStandIn();
const test = async (overrides: Record<string, string> = {}) =>
	await runCredentialTest(supabaseCredentialTest, { url: `${standIn.baseUrl}/`, serviceRoleKey: SERVICE_ROLE_KEY, ...overrides });

beforeEach(() => {
	// The gateway checks apikey; the REST root is served to the service role only (403 for other valid keys).
	standIn.answerWith((request) => {
		if (!request.path.startsWith('/rest/v1')) return { status: 404, body: { message: 'no Route matched with those values' } };
		const key = request.headers.apikey;
		if (key === LESSER_KEY) return { status: 403, body: { message: 'Access to the schema is restricted to the service role' } };
		if ((key !== SERVICE_ROLE_KEY && key !== SECRET_KEY) || request.headers.authorization !== `Bearer ${key}`) {
			return { status: 401, body: { message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' } };
		}
		return { status: 200, body: { swagger: '2.0', info: { title: 'standard public schema' }, paths: {} } };
	});
});

it.each([
	['a legacy service_role key', SERVICE_ROLE_KEY],
	['a secret key', SECRET_KEY],
])('passes with %s, sent as apikey and Bearer token to the REST root', async (_label, key) => {
	expect(await test({ serviceRoleKey: key })).toEqual({ status: 'OK', message: 'Connected to Supabase with the service role key' });
	expect(standIn.seen).toEqual([
		expect.objectContaining({ method: 'GET', path: '/rest/v1/', headers: expect.objectContaining({ apikey: key, authorization: `Bearer ${key}` }) }),
	]);
});

it('says where to copy the key again when Supabase rejects it (401)', async () => {
	expect(await test({ serviceRoleKey: legacyKey('service_role').replace(/.$/, 'x') })).toEqual({
		status: 'Error',
		message:
			'Supabase rejected the Service Role Key (Invalid API key) — copy the service_role key again from Supabase → Project Settings → API (a key of another project is rejected too)',
	});
});

it('says a valid key of lesser rights is not the service role key (403)', async () => {
	expect(await test({ serviceRoleKey: LESSER_KEY })).toEqual({
		status: 'Error',
		message:
			'Supabase accepted the key, but it is not the service role key (HTTP 403: Access to the schema is restricted to the service role) — paste the service_role key (or a secret key, sb_secret_…) from Supabase → Project Settings → API into Service Role Key',
	});
});

it.each([
	['the legacy anon key', legacyKey('anon')],
	['a publishable key', 'sb_publishable_0123456789abcdefghijkl'],
])('recognises %s without asking Supabase', async (_label, key) => {
	expect(await test({ serviceRoleKey: key })).toEqual({ status: 'Error', message: PUBLIC_KEY });
	expect(standIn.seen).toEqual([]);
});

it('points at Project URL when the address has no project API (404)', async () => {
	const url = `${standIn.baseUrl}/dashboard/project/abcdefghijklmnop`;
	expect(await test({ url })).toEqual({ status: 'Error', message: `Supabase has no project API at ${url}/rest/v1/ (HTTP 404) — ${CHECK}` });
});

it('does not mistake a web page answering 200 for a Supabase project', async () => {
	standIn.answerWith(() => ({ status: 200, body: '<!DOCTYPE html><title>Supabase</title>' }));
	expect(await test()).toEqual({ status: 'Error', message: `${standIn.host} answered, but not like Supabase — ${CHECK}` });
});

it('says the project is paused (540)', async () => {
	standIn.answerWith(() => ({ status: 540, body: { message: 'Project paused' } }));
	expect(await test()).toEqual({
		status: 'Error',
		message: 'The Supabase project is paused (HTTP 540) — restore it in the Supabase dashboard, then save again',
	});
});

it('says a server error is on Supabase’s side', async () => {
	standIn.answerWith(() => ({ status: 503, body: { code: 'PGRST002', message: 'Could not query the database for the schema cache. Retrying.' } }));
	expect(await test()).toEqual({
		status: 'Error',
		message: `Supabase had a server error (HTTP 503: Could not query the database for the schema cache. Retrying.) — try again in a few minutes; if it stays, ${CHECK}`,
	});
});

it('says it could not reach Supabase when the connection is refused', async () => {
	expect(await test({ url: standIn.refusedUrl })).toEqual({
		status: 'Error',
		message: `Could not reach Supabase at ${new URL(standIn.refusedUrl).host} (the connection was refused) — ${CHECK}`,
	});
});

it('says it could not reach Supabase when the project name does not resolve', async () => {
	const { message } = await test({ url: 'https://abcdefghijklmnop.supabase.invalid' });
	expect(message).toMatch(/^Could not reach Supabase at abcdefghijklmnop\.supabase\.invalid \(/);
	expect(message).toMatch(DNS_FAILURE);
});

it.each([
	['no Project URL', { url: '' }, 'Enter the Project URL, like https://abcdefghijklmnop.supabase.co (Supabase → Project Settings → API)'],
	['a Project URL without https://', { url: 'abcdefghijklmnop.supabase.co' }, 'Enter the Project URL, like https://abcdefghijklmnop.supabase.co (Supabase → Project Settings → API)'],
	['no Service Role Key', { serviceRoleKey: '\n' }, 'Enter the Service Role Key: the service_role key from Supabase → Project Settings → API'],
])('asks for what is missing before calling anything: %s', async (_label, overrides, message) => {
	expect(await test(overrides)).toEqual({ status: 'Error', message });
	expect(standIn.seen).toEqual([]);
});
