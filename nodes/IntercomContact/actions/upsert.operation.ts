import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { attributeJsonOption, attributeProperties } from '../../common/attributes';
import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { skipUnchangedOption } from './contactChanges';
import { ATTRIBUTE_SOURCE, CUSTOM_ATTRIBUTE_FIELDS, readUpsertInput } from './contactFields';
import { upsertContact } from './upsertContact';

const CUSTOM_ATTRIBUTE_TEXT = {
	listDisplayName: 'Custom Attributes',
	jsonDisplayName: 'Custom Attributes (JSON)',
	namePlaceholder: 'member_number',
	nameDescription: 'The attribute’s name as shown in Intercom under Settings → Data → People',
	jsonDescription: 'More custom attributes as one JSON object, for values that are numbers or true/false',
};

const ENTERED_BELOW = { show: { attributeSource: [ATTRIBUTE_SOURCE.enterBelow] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		placeholder: '6657add46abd0167d9419cd2',
		default: '',
		description:
			'Intercom’s ID of the contact, when the workflow already has it (for example from a Get step). The contact is then written at once, without a search and without looking for duplicates; its email is left as it is. Leave empty to find the contact by external ID or email.',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description: 'Used to find the contact when no contact has the external ID. Case does not matter.',
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		placeholder: '12345',
		default: '',
		description:
			'Your own ID for this person, for example the member number. Looked up before the email. Leave empty if you do not use one.',
	},
	{
		displayName: 'Role',
		name: 'role',
		type: 'options',
		default: 'user',
		options: [
			{ name: 'Lead', value: 'lead', description: 'Someone who is not (yet) a known member' },
			{ name: 'User', value: 'user', description: 'A known member. A lead found for this person becomes a user.' },
		],
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Full name. Left unchanged when empty.',
	},
	{
		displayName: 'Phone and Custom Attributes',
		name: 'attributeSource',
		type: 'options',
		default: 'enterBelow',
		options: [
			{
				name: 'Enter Below',
				value: ATTRIBUTE_SOURCE.enterBelow,
				description: 'Fill in Phone and each custom attribute, with expressions where the values come from earlier steps',
			},
			{
				name: 'From Member Lookup',
				value: ATTRIBUTE_SOURCE.memberLookup,
				description:
					'Write what a Member Lookup step found for this item: phone, member_number, member_type, region, facility and positions',
			},
		],
	},
	{
		displayName:
			'Connect this step to a Member Lookup node’s Found output. Each item’s member data is written as it is, without expressions, which also makes the step quicker.',
		name: 'memberLookupNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { attributeSource: [ATTRIBUTE_SOURCE.memberLookup] } },
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		placeholder: '(765) 465-7031',
		default: '',
		description:
			'Any common format; sent to Intercom as +15554650000 (E.164). A number that cannot be read is left out and noted on the item.',
		displayOptions: ENTERED_BELOW,
	},
	...attributeProperties(CUSTOM_ATTRIBUTE_FIELDS, CUSTOM_ATTRIBUTE_TEXT, ENTERED_BELOW),
	optionsCollection([
		skipUnchangedOption,
		attributeJsonOption(CUSTOM_ATTRIBUTE_FIELDS, CUSTOM_ATTRIBUTE_TEXT),
		{
			displayName: 'Archive Duplicates',
			name: 'archiveDuplicates',
			type: 'boolean',
			default: true,
			description:
				'Whether to archive other contacts with the same email. Leads are always merged into the user instead.',
		},
		{
			displayName: 'Default Phone Country',
			name: 'defaultPhoneCountry',
			type: 'string',
			placeholder: 'US',
			default: '',
			description: 'Two-letter country code for phone numbers written without a +country prefix',
		},
		{
			displayName: 'Only If Empty',
			name: 'onlyIfEmpty',
			type: 'string',
			placeholder: 'member_number',
			default: '',
			description:
				'Name of a custom attribute. An existing contact is only updated while this attribute is still empty; otherwise the item reports action "skipped".',
		},
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['upsert'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const input = readUpsertInput(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const onlyIfEmpty = typeof options.onlyIfEmpty === 'string' ? options.onlyIfEmpty.trim() : '';
	const outcome = await upsertContact(session, input, {
		archiveDuplicates: options.archiveDuplicates !== false,
		onlyIfEmpty: onlyIfEmpty || undefined,
		skipUnchanged: options.skipUnchanged === true,
	});
	return {
		...(outcome.contact as unknown as IDataObject),
		action: outcome.action,
		mergedContactIds: outcome.mergedContactIds,
		archivedContactIds: outcome.archivedContactIds,
		notes: outcome.notes,
	};
}
