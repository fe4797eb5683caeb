/**
 * What the Member Lookup API credential must hold. The trigger checks requests with `usableKey` and n8n tests the
 * credential with `lookupApiCredentialTest`: one rule, so a credential that passes its test is one the trigger accepts.
 */
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

export const MIN_KEY_LENGTH = 16;

export interface LookupApiCredential {
	headerName?: string;
	apiKey?: string;
}

/** What callers must send: the header (in lower case, as Node.js gives headers) and the key. */
export interface ExpectedKey {
	header: string;
	key: string;
}

export function usableKey({ headerName, apiKey }: LookupApiCredential): ExpectedKey | undefined {
	const header = headerName?.trim().toLowerCase();
	const key = apiKey?.trim();
	return header && key && key.length >= MIN_KEY_LENGTH ? { header, key } : undefined;
}

export async function lookupApiCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const { headerName, apiKey } = (credential.data ?? {}) as LookupApiCredential;
	if (!headerName?.trim()) return { status: 'Error', message: 'Enter the Header Name callers put the key in, e.g. X-API-Key' };
	if (!apiKey || apiKey.trim().length < MIN_KEY_LENGTH) {
		return { status: 'Error', message: `Enter an API Key of at least ${MIN_KEY_LENGTH} characters (a long random value)` };
	}
	return { status: 'OK', message: `Callers must send the header ${headerName.trim()} with this key` };
}
