/** What a found member's item carries besides its row (positions, the `intercom` object), and the lookup's Options. */
import { getCountries, getCountryCallingCode } from 'libphonenumber-js';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	DEFAULT_COUNTRY,
	DEFAULT_POSITIONS,
	DEFAULT_RETIRED_STATUS,
	DEFAULT_RETIRED_VALUE,
	DEFAULT_STATUS_ORDER,
} from './settings';

// Built from libphonenumber's own list so every country it can format is offered.
function countryOptions(): INodePropertyOptions[] {
	const names = new Intl.DisplayNames(['en'], { type: 'region' });
	return getCountries()
		.map((code) => ({
			name: `${names.of(code) ?? code} (+${getCountryCallingCode(code)})`,
			value: code,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

function positionsName(displayName: string, name: keyof typeof DEFAULT_POSITIONS, what: string): INodeProperties {
	const fallback = DEFAULT_POSITIONS[name];
	return { displayName, name, type: 'string', default: fallback, placeholder: fallback, description: `Name of ${what}` };
}

/** Settings of the Supabase positions table, shown when positions are on. */
export const positionsProperties: INodeProperties[] = [
	{
		displayName: 'Positions Table',
		name: 'positions',
		type: 'collection',
		placeholder: 'Change a Positions Setting',
		default: {},
		description: 'Only needed when your Supabase table differs from the defaults',
		displayOptions: { show: { includePositions: [true] } },
		options: [
			positionsName('Active Column', 'activeColumn', 'the true/false column that marks a position as current'),
			positionsName('Member Number Column', 'memberNumberColumn', 'the column that holds the member number'),
			{
				displayName: 'Only Active Positions',
				name: 'activeOnly',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out positions the member no longer holds',
			},
			positionsName('Position Column', 'positionColumn', 'the column that holds the position title'),
			positionsName('Table', 'table', 'the Supabase table that lists positions'),
		],
	},
];

/** How the `intercom` object of each output item is derived. */
export const intercomAttributeProperties: INodeProperties[] = [
	{
		displayName: 'Intercom Attributes',
		name: 'intercomAttributes',
		type: 'collection',
		placeholder: 'Change How Intercom Attributes Are Made',
		default: {},
		options: [
			{
				displayName: 'Default Phone Country',
				name: 'defaultCountry',
				type: 'options',
				options: countryOptions(),
				default: DEFAULT_COUNTRY,
				description:
					'Country assumed for phone numbers written without a +country code, used to write them in international (E.164) form',
			},
			{
				displayName: 'Member Type Rules',
				name: 'memberTypeRules',
				type: 'fixedCollection',
				placeholder: 'Add Rule',
				typeOptions: { multipleValues: true },
				default: {},
				description:
					'Checked from top to bottom; the first rule that matches the status and member type ID gives member_type',
				options: [
					{
						displayName: 'Rule',
						name: 'rule',
						values: [
							{
								displayName: 'Status',
								name: 'status',
								type: 'string',
								default: '',
								placeholder: 'Active',
								description: 'Leave empty to match any status',
							},
							{
								displayName: 'Member Type ID',
								name: 'memberTypeId',
								type: 'string',
								default: '',
								placeholder: '2',
								description: 'Leave empty to match any member type ID',
							},
							{
								displayName: 'Member Type',
								name: 'memberType',
								type: 'string',
								default: '',
								placeholder: 'Associate Member',
								description: 'The member_type written to Intercom when this rule matches',
							},
						],
					},
				],
			},
			{
				displayName: 'Member Type When No Rule Matches',
				name: 'memberTypeFallback',
				type: 'options',
				default: 'status',
				options: [
					{ name: 'Empty', value: 'empty' },
					{ name: 'Member Type ID', value: 'memberTypeId', description: 'For example 2' },
					{ name: 'Status', value: 'status', description: 'For example Active or Retired' },
				],
			},
			{
				displayName: 'Retired Members Get a Fixed Region and Facility',
				name: 'retiredOverride',
				type: 'boolean',
				default: true,
				description:
					'Whether retired members get the value below as region and facility instead of their last workplace',
			},
			{
				displayName: 'Retired Region and Facility',
				name: 'retiredValue',
				type: 'string',
				default: DEFAULT_RETIRED_VALUE,
				description: 'Region and facility written for retired members',
			},
			{
				displayName: 'Retired Status',
				name: 'retiredStatus',
				type: 'string',
				default: DEFAULT_RETIRED_STATUS,
				description: 'The status that marks a member as retired',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Email Comparison',
				name: 'emailComparison',
				type: 'options',
				default: 'collation',
				options: [
					{
						name: "Column's Collation (Fast)",
						value: 'collation',
						description:
							'MySQL and MariaDB compare text ignoring case by default, which lets the email index be used',
					},
					{
						name: 'Lower-Case Both Sides (Slower)',
						value: 'lowerCase',
						description: 'For email columns with a case-sensitive collation; scans the whole table',
					},
				],
			},
			{
				displayName: 'Preferred Status Order',
				name: 'statusOrder',
				type: 'string',
				default: DEFAULT_STATUS_ORDER,
				placeholder: DEFAULT_STATUS_ORDER,
				description:
					'When several members share an email, the one whose status comes first in this comma-separated list is used',
			},
		],
	},
];
