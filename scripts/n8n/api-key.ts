import { CREDENTIAL_TYPES } from '../../nodes/common/credentialTypes';
import type { CredentialInput } from './credentials';
import type { N8nRestClient } from './rest-client';
import { CREDENTIAL_NAMES } from './sync-workflows';

/** What the Retry Failed Executions node calls: list, read and retry executions. */
export const RETRY_API_KEY_SCOPES = ['execution:list', 'execution:read', 'execution:retry'];

/**
 * Creates an API key for the signed-in user as Settings → n8n API does (`POST /rest/api-keys`), and the
 * credential the retries workflow names, pointing at `editorUrl`'s public API.
 */
export async function createRetryCredential(client: N8nRestClient, editorUrl: string): Promise<CredentialInput> {
	const created = await client.post<{ rawApiKey: string }>('/rest/api-keys', {
		label: 'Retry Failed Executions',
		scopes: RETRY_API_KEY_SCOPES,
		expiresAt: null,
	});
	const credential: CredentialInput = {
		name: CREDENTIAL_NAMES.n8nApi,
		type: CREDENTIAL_TYPES.n8nApi,
		data: { apiKey: created.rawApiKey, baseUrl: `${editorUrl.replace(/\/+$/, '')}/api/v1` },
	};
	await client.post('/rest/credentials', credential);
	return credential;
}

/** `npm start`: the retries workflow's credential, with a key of the signed-in owner, unless one exists already. */
export async function ensureRetryCredential(client: N8nRestClient, editorUrl: string): Promise<'created' | 'kept'> {
	const stored = await client.get<Array<{ name: string; type: string }>>('/rest/credentials');
	if (stored.some((credential) => credential.name === CREDENTIAL_NAMES.n8nApi && credential.type === CREDENTIAL_TYPES.n8nApi)) return 'kept';
	await createRetryCredential(client, editorUrl);
	return 'created';
}
