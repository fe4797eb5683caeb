import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../nodes/shared/credentialTypes';

/** Base URL the credential points at; the transport and the credential test share this rule. */
export const INTERCOM_BASE_URL_EXPRESSION =
	'={{ $credentials.region === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : { us: "https://api.intercom.io", eu: "https://api.eu.intercom.io", au: "https://api.au.intercom.io" }[$credentials.region] }}';

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
				{ name: 'United States (api.intercom.io)', value: 'us' },
				{ name: 'Europe (api.eu.intercom.io)', value: 'eu' },
				{ name: 'Australia (api.au.intercom.io)', value: 'au' },
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
			default: '2.14',
			description:
				'Sent as the Intercom-Version header. Keep 2.14 unless Intercom support asks you to change it.',
		},
		{
			displayName: 'Webhook Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Needed by the Intercom Trigger to check that webhooks really come from Intercom. In the Developer Hub open your app → Basic information and copy the client secret.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				'Intercom-Version': '={{$credentials.apiVersion || "2.14"}}',
				Accept: 'application/json',
			},
		},
	};

	// GET /me answers with the admin that owns the token: the cheapest call that proves it works.
	test: ICredentialTestRequest = {
		request: { baseURL: INTERCOM_BASE_URL_EXPRESSION, url: '/me', method: 'GET' },
	};
}
