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
