import type { IAuthenticateGeneric, ICredentialType, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../nodes/common/credentialTypes';

/**
 * A key for this n8n's own public API, which the Retry Failed Executions node uses to list failed executions
 * and run them again. The node's credential test says which setting to change when the key cannot do that.
 */
export class IntercomSyncN8nApi implements ICredentialType {
	name = CREDENTIAL_TYPES.n8nApi;

	displayName = 'Retry Failed Executions API';

	documentationUrl = 'https://docs.n8n.io/api/authentication/';

	icon = 'file:n8nApi.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Create one in n8n under Settings → n8n API → Create an API key. If your n8n asks for scopes, tick execution:list, execution:read and execution:retry.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://localhost:5678/api/v1',
			required: true,
			description:
				'This n8n’s address followed by /api/v1, as the workers reach it. On queue mode, the main process’s address (the one serving the editor).',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { 'X-N8N-API-KEY': '={{ $credentials.apiKey }}' } },
	};
}
