import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { failed, fieldText, httpBaseUrl, saidIn, statusWithWords, testByProbe } from '../credentialProbe';
import { isRecord } from '../jsonValues';

const CHECK_BASE_URL = 'check Base URL (this n8n’s address followed by /api/v1, e.g. http://localhost:5678/api/v1)';

/** Lists one execution (GET /executions?limit=1): the key must at least read executions to retry them. */
export async function n8nApiCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = httpBaseUrl(fieldText(data.baseUrl));
	if (!baseUrl) return failed('Enter Base URL: this n8n’s address followed by /api/v1, e.g. http://localhost:5678/api/v1');
	const apiKey = fieldText(data.apiKey);
	if (!apiKey) return failed('Enter the API Key: in n8n open Settings → n8n API → Create an API key');

	return await testByProbe(`${baseUrl}/executions?limit=1`, { 'X-N8N-API-KEY': apiKey }, {
		service: 'n8n’s API',
		check: CHECK_BASE_URL,
		passed: (json) => (isRecord(json) && Array.isArray(json.data) ? 'Connected to n8n’s API: the key can list executions' : undefined),
		explain(result) {
			const { status } = result;
			if (status === 401) {
				return `n8n refused the API Key${saidIn(result)} — create a new one under Settings → n8n API and paste it whole`;
			}
			if (status === 403) {
				return `The API Key may not list executions (${statusWithWords(result)}) — give the key the scopes execution:list, execution:read and execution:retry`;
			}
			if (status === 404) return `No n8n API at ${result.url} (HTTP 404) — ${CHECK_BASE_URL}; the public API may also be switched off (N8N_PUBLIC_API_DISABLED)`;
			return undefined;
		},
	});
}
