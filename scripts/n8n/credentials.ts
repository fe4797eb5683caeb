import type { N8nRestClient } from './rest-client';

export interface CredentialInput {
	/** The name workflows refer to, e.g. "Intercom account". */
	name: string;
	/** The credential type, e.g. `intercomSyncApi`. */
	type: string;
	data: Record<string, unknown>;
}

/** Stores a credential (encrypted by n8n) the way the editor does; workflows created afterwards find it by name. */
export async function createCredential(client: N8nRestClient, credential: CredentialInput): Promise<{ id: string; name: string }> {
	return await client.post<{ id: string; name: string }>('/rest/credentials', credential);
}

/** What n8n's credential test answers; the editor shows `message` under the form when `status` is `Error`. */
export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * Runs a stored credential's built-in test the way the editor does after Save (and on "Retry"):
 * `POST /rest/credentials/test` with the credential's id and the data in the form.
 */
export async function testStoredCredential(
	client: N8nRestClient,
	stored: { id: string },
	credential: CredentialInput,
): Promise<CredentialTestResult> {
	return await client.post<CredentialTestResult>('/rest/credentials/test', {
		credentials: { id: stored.id, name: credential.name, type: credential.type, data: credential.data },
	});
}
