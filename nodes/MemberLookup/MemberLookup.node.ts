import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { memberDatabaseCredentialTest } from '../common/credentialTests/memberDatabase';
import { supabaseCredentialTest } from '../common/credentialTests/supabase';
import { CREDENTIAL_TYPES } from '../common/credentialTypes';
import * as lookup from './actions/lookup.operation';
import { OUTPUTS_EXPRESSION } from './actions/outputs';

export class MemberLookup implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Member Lookup',
		name: 'memberLookup',
		// The directory's teal outline is too dark to read on n8n's dark canvas.
		icon: { light: 'file:memberDatabase.svg', dark: 'file:memberDatabase.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "by " + ($parameter["matchBy"] === "email" ? "email" : "member number") }}',
		description:
			'Find members in your MySQL / MariaDB directory by email or member number, with their positions from Supabase',
		defaults: { name: 'Member Lookup' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		// A second output, Not Found, when When Not Found asks for it.
		outputs: OUTPUTS_EXPRESSION,
		credentials: [
			{ name: CREDENTIAL_TYPES.memberDatabase, required: true, testedBy: 'memberDatabaseCredentialTest' },
			{
				name: CREDENTIAL_TYPES.supabase,
				required: true,
				testedBy: 'supabaseCredentialTest',
				displayOptions: { show: { includePositions: [true] } },
			},
		],
		properties: lookup.description,
	};

	methods = {
		credentialTest: { memberDatabaseCredentialTest, supabaseCredentialTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await lookup.execute.call(this);
	}
}
