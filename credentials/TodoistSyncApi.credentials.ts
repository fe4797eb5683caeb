import type { IAuthenticateGeneric, ICredentialType, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../nodes/common/credentialTypes';
import { oldClientSecretProperty } from '../nodes/common/signingSecret';

/** Tested by `todoistCredentialTest` (nodes/common/credentialTests/todoist.ts; no declarative `test`: n8n would prefer it). */
export class TodoistSyncApi implements ICredentialType {
	name = CREDENTIAL_TYPES.todoist;

	displayName = 'Todoist (Sync) API';

	documentationUrl = 'https://developer.todoist.com/api/v1/#tag/Webhooks';

	icon = 'file:todoist.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In Todoist open Settings → Integrations → Developer and copy the API token (or the access token your app received through OAuth)',
		},
		{
			displayName: 'App Client Secret',
			name: 'appClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Needed by the Todoist Trigger to check that webhooks really come from Todoist. In the Todoist App Management Console open your app and copy the client secret.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.todoist.com',
			description: 'Leave as it is unless you reach Todoist through a proxy',
		},
		oldClientSecretProperty,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiToken}}' } },
	};
}
