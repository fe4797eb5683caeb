import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../nodes/common/credentialTypes';

const SHOW_FOR = (authentication: string) => ({ show: { authentication: [authentication] } });

/**
 * How a customer data platform proves its requests to the Customer Data Events Trigger: a key in a header (Tealium's
 * custom headers, RudderStack's Headers, Segment Webhooks (Actions) mapping headers), HTTP Basic Auth (Tealium's
 * Webhook (BasicAuth) connector, RudderStack's HTTP Webhook) or Segment's signed requests (`X-Signature`). The trigger
 * checks it before any execution starts and never hands it to the workflow; its credential test says what is missing.
 */
export class CustomerDataEventsApi implements ICredentialType {
	name = CREDENTIAL_TYPES.customerDataEvents;

	displayName = 'Customer Data Events API';

	documentationUrl = 'https://docs.n8n.io/integrations/builtin/credentials/httprequest/';

	icon = 'file:customerDataEvents.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			default: 'headerKey',
			options: [
				{
					name: 'Key in a Header',
					value: 'headerKey',
					description: 'Tealium (a custom header), RudderStack (Headers), Segment Webhooks (Actions) (Headers in the mapping)',
				},
				{ name: 'Basic Auth', value: 'basicAuth', description: 'Tealium’s Webhook (BasicAuth) connector, RudderStack’s HTTP Webhook' },
				{
					name: 'Segment Shared Secret',
					value: 'segmentSignature',
					description: 'Segment’s Webhooks destinations sign each request with it (X-Signature header)',
				},
			],
			description: 'What the platform sends with every request. Requests without it are refused and start nothing.',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-API-Key',
			placeholder: 'X-API-Key',
			description: 'The request header the platform puts the key in',
			displayOptions: SHOW_FOR('headerKey'),
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'A long random value you make up (at least 16 characters, for example from a password manager). Enter the same value as the header’s value in the platform.',
			displayOptions: SHOW_FOR('headerKey'),
		},
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			placeholder: 'tealium',
			description: 'The user name you enter in the platform’s Basic Auth fields',
			displayOptions: SHOW_FOR('basicAuth'),
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The password you enter in the platform’s Basic Auth fields: a long random value (at least 16 characters)',
			displayOptions: SHOW_FOR('basicAuth'),
		},
		{
			displayName: 'Shared Secret',
			name: 'sharedSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The Shared Secret set in Segment (Webhooks (Actions): Settings → Advanced Settings; classic Webhooks: the destination’s settings). At least 16 characters.',
			displayOptions: SHOW_FOR('segmentSignature'),
		},
		{
			displayName: 'Accept Batches Signed by Their First Event',
			name: 'acceptFirstEventSignature',
			type: 'boolean',
			default: true,
			description:
				'Whether to accept a batch whose X-Signature covers only its first event, as Segment’s Webhooks (Actions) signs batches. The other events of such a batch are not covered by the signature; to have every byte checked, turn batching off in the mapping, or use Key in a Header instead.',
			displayOptions: SHOW_FOR('segmentSignature'),
		},
	];
}
