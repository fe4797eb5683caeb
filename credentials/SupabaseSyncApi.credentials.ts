import type { IAuthenticateGeneric, ICredentialType, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../nodes/common/credentialTypes';

/** Tested by `supabaseCredentialTest` (nodes/common/credentialTests/supabase.ts; no declarative `test`: n8n would prefer it). */
export class SupabaseSyncApi implements ICredentialType {
	name = CREDENTIAL_TYPES.supabase;

	displayName = 'Supabase (Sync) API';

	documentationUrl = 'https://supabase.com/docs/guides/api/api-keys';

	icon = 'file:supabase.svg' as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Project URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://abcdefghijklmnop.supabase.co',
			description: 'In Supabase open Project Settings → API and copy the Project URL',
		},
		// The rule's name list misses it, but the service role key bypasses row-level security: it is a secret.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Service Role Key',
			name: 'serviceRoleKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In the same page copy the service_role key. It can read every table, so keep it only in this credential.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				apikey: '={{$credentials.serviceRoleKey}}',
				Authorization: '=Bearer {{$credentials.serviceRoleKey}}',
			},
		},
	};
}
