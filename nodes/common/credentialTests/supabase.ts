import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { failed, fieldText, httpBaseUrl, saidIn, statusWithWords, testByProbe } from '../credentialProbe';
import { isRecord } from '../jsonValues';

const KEY_PLACE = 'Supabase → Project Settings → API';
const CHECK_URL = `check Project URL: only the project's address, like https://abcdefghijklmnop.supabase.co (${KEY_PLACE})`;
const PUBLIC_KEY = `This is the project's public (anon or publishable) key, which cannot read the positions — paste the service_role key (or a secret key, sb_secret_…) from ${KEY_PLACE} into Service Role Key`;

/**
 * The public keys are recognisable without asking Supabase: new ones by their prefix, legacy ones by the role
 * claim of their JWT (read here, not verified: Supabase verifies). Anything else is for Supabase to judge.
 */
function isPublicKey(key: string): boolean {
	if (key.startsWith('sb_publishable_')) return true;
	const payload = key.split('.')[1];
	if (!payload) return false;
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
		return isRecord(claims) && claims.role === 'anon';
	} catch {
		return false; // not a JWT: an sb_secret_ key, or a typo Supabase will reject
	}
}

/**
 * Reads the REST root (GET /rest/v1/), which Supabase serves only to the service role: 401 means a wrong key,
 * 403 a valid key of lesser rights, 404 or an unknown host a wrong Project URL.
 */
export async function supabaseCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const url = httpBaseUrl(fieldText(data.url));
	if (!url) return failed(`Enter the Project URL, like https://abcdefghijklmnop.supabase.co (${KEY_PLACE})`);
	const key = fieldText(data.serviceRoleKey);
	if (!key) return failed(`Enter the Service Role Key: the service_role key from ${KEY_PLACE}`);
	if (isPublicKey(key)) return failed(PUBLIC_KEY);

	return await testByProbe(`${url}/rest/v1/`, { apikey: key, Authorization: `Bearer ${key}` }, {
		service: 'Supabase',
		check: CHECK_URL,
		passed: (json) => (isRecord(json) ? 'Connected to Supabase with the service role key' : undefined),
		explain(result) {
			const { status } = result;
			if (status === 401) {
				return `Supabase rejected the Service Role Key${saidIn(result)} — copy the service_role key again from ${KEY_PLACE} (a key of another project is rejected too)`;
			}
			if (status === 403) {
				return `Supabase accepted the key, but it is not the service role key (${statusWithWords(result)}) — paste the service_role key (or a secret key, sb_secret_…) from ${KEY_PLACE} into Service Role Key`;
			}
			if (status === 404) return `Supabase has no project API at ${result.url} (HTTP 404) — ${CHECK_URL}`;
			// Supabase's own status for a paused project.
			if (status === 540) return 'The Supabase project is paused (HTTP 540) — restore it in the Supabase dashboard, then save again';
			return undefined;
		},
	});
}
