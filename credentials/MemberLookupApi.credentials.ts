import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../nodes/common/credentialTypes';

/**
 * The key callers of the member lookup API send. Checked by the Member Lookup API Trigger before any execution
 * starts, and never passed on to the workflow, so it is not stored with the executions. The trigger's
 * credential test checks that a usable key is set.
 */
export class MemberLookupApi implements ICredentialType {
	name = CREDENTIAL_TYPES.lookupApi;

	displayName = 'Member Lookup API';

	documentationUrl = 'https://docs.n8n.io/integrations/builtin/credentials/httprequest/';

	icon = 'file:memberDatabase.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'X-API-Key',
			required: true,
			description: 'The request header callers put the key in',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The key callers must send. Use a long random value (at least 16 characters), for example from a password manager, and give it only to the systems that call the API.',
		},
	];
}
