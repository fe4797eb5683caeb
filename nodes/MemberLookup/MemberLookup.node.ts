import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../shared/credentialTypes';
import { intercomAttributeProperties, positionsProperties } from './description/attributes.description';
import { directoryProperties } from './description/directory.description';
import { lookupProperties } from './description/lookup.description';
import { getStatuses, memberDatabaseConnectionTest } from './methods';
import { lookupMembers } from './router';

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
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: CREDENTIAL_TYPES.memberDatabase, required: true, testedBy: 'memberDatabaseConnectionTest' },
			{ name: CREDENTIAL_TYPES.supabase, required: true, displayOptions: { show: { includePositions: [true] } } },
		],
		properties: [
			...lookupProperties,
			...directoryProperties,
			...positionsProperties,
			...intercomAttributeProperties,
		],
	};

	methods = {
		loadOptions: { getStatuses },
		credentialTest: { memberDatabaseConnectionTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await lookupMembers.call(this);
	}
}
