import type { IAuthenticateGeneric, ICredentialType, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../nodes/common/credentialTypes';
import { oldClientSecretProperty } from '../nodes/common/signingSecret';
import { INTERCOM_API_VERSION, INTERCOM_REGIONS } from '../nodes/common/intercom/api';

/**
 * Tested by `intercomCredentialTest` (nodes/common/credentialTests/intercom.ts), wired through `testedBy` on every
 * Intercom node. No declarative `test` here: n8n would run it instead, and it can only say "Unauthorized".
 */
export class IntercomSyncApi implements ICredentialType {
	name = CREDENTIAL_TYPES.intercom;

	displayName = 'Intercom (Sync) API';

	documentationUrl =
		'https://developers.intercom.com/docs/build-an-integration/learn-more/authentication';

	icon = 'file:intercom.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In Intercom open Settings → Integrations → Developer Hub, pick your app, then Configure → Authentication and copy the access token',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'us',
			description:
				'Where your Intercom workspace is hosted. Workspaces created in Europe or Australia use their own API address.',
			options: [
				...Object.entries(INTERCOM_REGIONS).map(([value, region]) => ({
					name: `${region.name} (${new URL(region.baseUrl).host})`,
					value,
				})),
				{ name: 'Custom Base URL', value: 'custom', description: 'A proxy in front of Intercom' },
			],
		},
		{
			displayName: 'Custom Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://intercom-proxy.example.org',
			description: 'Address that answers exactly like the Intercom API, without a trailing slash',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: INTERCOM_API_VERSION,
			description: `Sent as the Intercom-Version header. Keep ${INTERCOM_API_VERSION} unless Intercom support asks you to change it.`,
		},
		{
			displayName: 'Webhook Client Secret',
			name: 'webhookClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Needed by the Intercom Trigger to check that webhooks really come from Intercom. In the Developer Hub open your app → Basic information and copy the client secret.',
		},
		oldClientSecretProperty,
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				'Intercom-Version': `={{$credentials.apiVersion || "${INTERCOM_API_VERSION}"}}`,
				Accept: 'application/json',
			},
		},
	};
}
