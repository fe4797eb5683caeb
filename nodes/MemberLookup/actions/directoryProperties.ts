import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_COLUMNS, DEFAULT_CUSTOM_QUERY, DEFAULT_TABLE } from './settings';

function columnOption(displayName: string, name: keyof typeof DEFAULT_COLUMNS, what: string) {
	return {
		displayName,
		name,
		type: 'string' as const,
		default: DEFAULT_COLUMNS[name],
		placeholder: DEFAULT_COLUMNS[name],
		description: `Name of the column that holds ${what}`,
	};
}

/** Where members live in the MySQL / MariaDB directory. Defaults match the reference schema. */
export const directoryProperties: INodeProperties[] = [
	{
		displayName: 'Read Members From',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		default: 'table',
		options: [
			{
				name: 'Custom Query',
				value: 'customQuery',
				description: 'Your own SELECT, for directories that need joins or views',
			},
			{
				name: 'Table and Columns',
				value: 'table',
				description: 'One table; change the names below if yours differ from the defaults',
			},
		],
	},
	{
		displayName: 'Table',
		name: 'table',
		type: 'string',
		default: DEFAULT_TABLE,
		required: true,
		placeholder: DEFAULT_TABLE,
		description: 'Name of the table that holds one row per member (optionally database.table)',
		displayOptions: { show: { source: ['table'] } },
	},
	{
		displayName: 'Custom Query',
		name: 'customQuery',
		type: 'string',
		typeOptions: { editor: 'sqlEditor', sqlDialect: 'MySQL' },
		noDataExpression: true,
		default: DEFAULT_CUSTOM_QUERY,
		required: true,
		description:
			'A SELECT that returns one row per member. Put a single ? where the list of emails or member numbers goes, as in IN (?).',
		hint: 'The query must return the columns named under Column Names (use AS to rename). The status filter is applied to its rows.',
		displayOptions: { show: { source: ['customQuery'] } },
	},
	{
		displayName: 'Column Names',
		name: 'columns',
		type: 'collection',
		placeholder: 'Change a Column Name',
		default: {},
		description: 'Only needed when your column names differ from the defaults',
		options: [
			columnOption('Email Column', 'emailColumn', "the member's email address"),
			columnOption('Facility Column', 'facilityColumn', "the member's facility"),
			columnOption('Member Number Column', 'memberNumberColumn', 'the member number'),
			columnOption('Member Type ID Column', 'memberTypeColumn', 'the numeric member type'),
			columnOption('Phone Column', 'phoneColumn', "the member's phone number"),
			columnOption('Region Column', 'regionColumn', "the member's region"),
			columnOption('Status Column', 'statusColumn', 'the status (Active, Retired, …)'),
		],
	},
];
