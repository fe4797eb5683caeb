import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { failed, fieldText, httpBaseUrl, saidIn, statusWithWords, testByProbe } from '../credentialProbe';
import { isRecord } from '../jsonValues';

const DEFAULT_BASE_URL = 'https://api.todoist.com';
const CHECK_BASE_URL = `check Base URL (normally ${DEFAULT_BASE_URL})`;

/** Lists one project (GET /api/v1/projects), the cheapest read that proves the API Token works. */
export async function todoistCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = httpBaseUrl(fieldText(data.baseUrl) || DEFAULT_BASE_URL);
	if (!baseUrl) return failed(`Enter a Base URL starting with https:// (normally ${DEFAULT_BASE_URL})`);
	const token = fieldText(data.apiToken);
	if (!token) return failed('Enter the API Token: in Todoist open Settings → Integrations → Developer');

	return await testByProbe(`${baseUrl}/api/v1/projects?limit=1`, { Authorization: `Bearer ${token}` }, {
		service: 'Todoist',
		check: CHECK_BASE_URL,
		passed: (json) => (isRecord(json) && Array.isArray(json.results) ? 'Connected to Todoist: the API Token works' : undefined),
		explain(result) {
			const { status } = result;
			if (status === 401) {
				return `Todoist rejected the API Token${saidIn(result)} — copy it again from Todoist: Settings → Integrations → Developer (or use the access token your app got through OAuth)`;
			}
			if (status === 403) {
				return `Todoist accepted the API Token but will not let it read your projects (${statusWithWords(result)}) — use your personal API token (Settings → Integrations → Developer) or an OAuth token with the data:read scope`;
			}
			// Old API paths (/rest/v2, /sync/v9) pasted into Base URL end up here: Todoist answers 404 or 410 Gone.
			if (status === 404 || status === 410) {
				return `Todoist has no API v1 at ${result.url} (HTTP ${status}) — ${CHECK_BASE_URL}, without /rest/v2 or /api/v1`;
			}
			return undefined;
		},
	});
}
