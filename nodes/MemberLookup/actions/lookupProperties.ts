import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_STATUSES } from './settings';

/** What to look up and what to do with the answer: the fields most users touch. */
export const lookupProperties: INodeProperties[] = [
	{
		displayName: 'Match By',
		name: 'matchBy',
		type: 'options',
		noDataExpression: true,
		default: 'email',
		options: [
			{
				name: 'Email',
				value: 'email',
				description: 'Find the member whose email matches, ignoring case and surrounding spaces',
			},
			{
				name: 'Member Number',
				value: 'memberNumber',
				description: 'Find the member with this member number',
			},
		],
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '={{ $json.email }}',
		required: true,
		placeholder: 'name@example.org',
		description: 'The email address to look up, usually an expression that reads it from the incoming item',
		displayOptions: { show: { matchBy: ['email'] } },
	},
	{
		displayName: 'Member Number',
		name: 'memberNumber',
		type: 'string',
		default: '={{ $json.member_number }}',
		required: true,
		placeholder: '12345',
		description: 'The member number to look up, usually an expression that reads it from the incoming item',
		displayOptions: { show: { matchBy: ['memberNumber'] } },
	},
	// Plain text, not a list loaded from the database: the chosen statuses stay visible while the directory
	// cannot be reached. Workflows saved with the earlier multi-select keep their list (settings.ts reads both).
	{
		displayName: 'Member Statuses',
		name: 'statuses',
		type: 'string',
		default: DEFAULT_STATUSES,
		placeholder: 'Active, Retired',
		description:
			'Only members with one of these statuses count as found: the statuses as written in your members table, separated by commas. Leave empty to accept any status.',
		hint: 'To see the statuses your table uses, empty this field, run the node and look at the status of each member found',
	},
	{
		displayName: 'Add Positions From Supabase',
		name: 'includePositions',
		type: 'boolean',
		default: true,
		description:
			"Whether to add each found member's positions (for example Facility President) from a Supabase table",
	},
	{
		displayName: 'When Not Found',
		name: 'whenNotFound',
		type: 'options',
		noDataExpression: true,
		default: 'outputNotFound',
		options: [
			{
				name: 'Leave the Item Out',
				value: 'drop',
				description: 'Only members that were found continue to the next node',
			},
			{
				name: 'Output an Item With Found = False',
				value: 'outputNotFound',
				description: 'Later nodes can check the found field and, for example, ask for a member number',
			},
			{
				name: 'Send the Item to a Not Found Output',
				value: 'notFoundOutput',
				description:
					'Members go to the Found output; an item whose email or number matches no member goes, as it came in, to the Not Found output. Used as an AI tool, the node answers found = false instead.',
			},
		],
	},
];
