import type { INodeProperties } from 'n8n-workflow';

import { attributeProperties } from '../../shared/attributes';
import type { AttributeFields } from '../../shared/attributes';
import { contactReferenceProperties } from '../../shared/intercom/contactReference';
import { ticketStateProperty } from './ticketState';

export const EXTRA_ATTRIBUTE_FIELDS: AttributeFields = {
	listName: 'extraAttributes',
	entryName: 'attribute',
	jsonName: 'extraAttributesJson',
	label: 'Ticket attributes',
};

/** Parameters of Create or Update, kept apart from its logic so each file stays readable. */
export const ticketProperties: INodeProperties[] = [
	{
		displayName: 'Ticket Type',
		name: 'ticketType',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTicketTypes', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: '1234' },
		],
	},
	{
		displayName: 'Reference Attribute Name or ID',
		name: 'referenceAttribute',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTicketTypeAttributes', loadOptionsDependsOn: ['ticketType.value'] },
		required: true,
		default: '',
		description:
			'The ticket attribute that keeps your reference, such as "todoist_task_id". The node searches it before creating, so the same reference never makes a second ticket. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Reference Value',
		name: 'referenceValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: '7025462951',
		description: 'Your reference for this ticket, for example the Todoist task ID',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'Ticket title. Left unchanged on update when empty.',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'Ticket description. Left unchanged on update when empty.',
	},
	ticketStateProperty,
	...contactReferenceProperties(['email', 'externalId', 'id'], 'the ticket is about (used when the ticket is created)'),
	...attributeProperties(EXTRA_ATTRIBUTE_FIELDS, {
		listDisplayName: 'Extra Attributes',
		jsonDisplayName: 'Extra Attributes (JSON)',
		namePlaceholder: 'priority',
		nameDescription: 'The ticket attribute’s name as shown in Intercom',
		jsonDescription: 'More ticket attributes as one JSON object, for numbers or true/false',
	}),
];
