import type { INodeProperties } from 'n8n-workflow';

import { attributeJsonOption, attributeProperties } from '../../common/attributes';
import type { AttributeFields } from '../../common/attributes';
import { contactReferenceProperties } from '../../common/intercom/contactReference';
import { ticketStateProperty } from './ticketState';
import { dontEchoBackProperty } from '../../common/syncEchoes';

export const EXTRA_ATTRIBUTE_FIELDS: AttributeFields = {
	listName: 'extraAttributes',
	entryName: 'attribute',
	jsonName: 'extraAttributesJson',
	label: 'Ticket attributes',
};

const EXTRA_ATTRIBUTE_TEXT = {
	listDisplayName: 'Extra Attributes',
	jsonDisplayName: 'Extra Attributes (JSON)',
	namePlaceholder: 'priority',
	nameDescription: 'The ticket attribute’s name as shown in Intercom',
	jsonDescription: 'More ticket attributes as one JSON object, for numbers or true/false',
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
	// A resource locator, not options loaded from Intercom: n8n marks an options field red while its list cannot
	// load, even when it is set. "By Name" works without the list; a plain string saved earlier still reads.
	{
		displayName: 'Reference Attribute',
		name: 'referenceAttribute',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description:
			'The ticket attribute that keeps your reference, such as "todoist_task_id". The node searches it before creating, so the same reference never makes a second ticket.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchReferenceAttributes', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'todoist_task_id' },
		],
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
	...attributeProperties(EXTRA_ATTRIBUTE_FIELDS, EXTRA_ATTRIBUTE_TEXT),
];

/** Ticket options of our own, next to the request options every Intercom node has. */
export const ticketOptions: INodeProperties[] = [
	attributeJsonOption(EXTRA_ATTRIBUTE_FIELDS, EXTRA_ATTRIBUTE_TEXT),
	dontEchoBackProperty('Todoist (a task completed or uncompleted there)', 'ticket.closed, ticket.resolved or ticket.state.updated webhook'),
];
