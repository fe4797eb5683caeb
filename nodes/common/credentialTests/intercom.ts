import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { failed, fieldText, hostOf, saidIn, statusWithWords, testByProbe } from '../credentialProbe';
import { isRecord } from '../jsonValues';
import { INTERCOM_API_VERSION } from '../intercom/api';
import { resolveBaseUrl } from '../intercom/transport';

const TOKEN_PLACE = 'Settings → Integrations → Developer Hub → your app → Configure → Authentication';

/**
 * Asks Intercom who owns the access token (GET /me), at the address and with the version the nodes use. Wired
 * through `testedBy` on every node that uses the Intercom credential, so n8n runs it whichever node it finds first.
 */
export async function intercomCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const check = data.region === 'custom' ? 'check Custom Base URL (or choose your Region)' : 'check Region (or Custom Base URL)';
	const baseUrl = resolveBaseUrl(data.region, data.baseUrl);
	if (!baseUrl) return failed('Enter a Custom Base URL starting with https:// (or choose your Region)');
	const token = fieldText(data.accessToken);
	if (!token) return failed(`Enter the Access Token: in Intercom open ${TOKEN_PLACE}`);
	const version = fieldText(data.apiVersion) || INTERCOM_API_VERSION;

	const headers = { Authorization: `Bearer ${token}`, 'Intercom-Version': version, Accept: 'application/json' };
	return await testByProbe(`${baseUrl}/me`, headers, {
		service: 'Intercom',
		check,
		passed(json) {
			if (!isRecord(json) || json.type !== 'admin') return undefined;
			const workspace = isRecord(json.app) && typeof json.app.name === 'string' ? ` in the workspace ${json.app.name}` : '';
			return `Connected to Intercom as ${String(json.email ?? json.name ?? 'the token owner')}${workspace}`;
		},
		explain(result) {
			const { status, json } = result;
			if (status === 401 || status === 403) {
				return `Intercom rejected the access token${saidIn(result)} — copy it again from Intercom: ${TOKEN_PLACE}. A token works only in its workspace's Region.`;
			}
			// The version header is the only other thing the user chooses in this request.
			if (status === 400 || /version/i.test(JSON.stringify(json ?? ''))) {
				return `Intercom refused API Version ${version} (${statusWithWords(result)}) — set API Version to ${INTERCOM_API_VERSION}, the version these nodes are built for`;
			}
			if (status === 404) return `Intercom has no API at ${hostOf(result.url)} (HTTP 404 for ${result.url}) — ${check}`;
			return undefined;
		},
	});
}
