import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requiredText } from '../../common/attributes';
import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { readTagField, tagField } from '../../common/intercom/tagField';
import { actingAdminOption, readActingAdmin } from '../../common/intercom/actingAdmin';
import { conversationIdProperty, readChoice, readConversationId } from './conversationFields';

const properties: INodeProperties[] = [
	{
		displayName: 'Add To',
		name: 'addTo',
		type: 'options',
		default: 'conversation',
		options: [
			{ name: 'Contact', value: 'contact', description: 'A user or lead' },
			{ name: 'Conversation', value: 'conversation' },
		],
	},
	{ ...conversationIdProperty, displayOptions: { show: { addTo: ['conversation'] } } },
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '6762f1571bb69f9f2193bbbb',
		description: 'The ID Intercom gave the contact, e.g. from the Intercom Contact node’s output',
		displayOptions: { show: { addTo: ['contact'] } },
	},
	tagField('add', { placeholder: 'renewal-due', hint: 'Looked up among the workspace’s tags, ignoring case, and created when there is none' }),
	optionsCollection([
		{
			...actingAdminOption('Tag As Admin Name or ID', 'Who Intercom records as tagging the conversation (contacts are tagged as the token’s admin).'),
			displayOptions: { show: { '/addTo': ['conversation'] } },
		},
		{
			displayName: 'Create Missing Tag',
			name: 'createMissingTag',
			type: 'boolean',
			default: true,
			description: 'Whether a tag given by name that the workspace lacks is created. Off: the item fails instead, so a typo does not make a new tag.',
		},
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['addTag'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const addTo = readChoice(this, itemIndex, { name: 'addTo', label: 'Add To' }, ['conversation', 'contact'] as const);
	const targetId =
		addTo === 'contact'
			? requiredText(this, 'contactId', itemIndex, 'Enter the ID of the contact')
			: readConversationId(this, itemIndex);
	const adminId = addTo === 'conversation' ? await readActingAdmin(this, itemIndex, session, 'Tag As Admin') : undefined;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const tag = await readTagField(this, itemIndex, session, 'add', {
		createMissing: options.createMissingTag !== false,
		whenMissing: 'Check the spelling, pick the tag from the list, or turn on Options → Create Missing Tag.',
	});
	const action = `add tag ${tag.name ?? tag.id} to ${addTo} ${targetId}`;
	// Tagging is idempotent in Intercom (a tag already there stays once), so the transport may retry it.
	const applied = await session.transport.call(action, async (client, options) =>
		adminId === undefined
			? await client.tags.tagContact({ contact_id: targetId, id: tag.id }, options)
			: await client.tags.tagConversation({ conversation_id: targetId, id: tag.id, admin_id: adminId }, options),
	);
	const result: IDataObject = {
		action: 'tagged',
		addedTo: addTo,
		[addTo === 'contact' ? 'contactId' : 'conversationId']: targetId,
		tagId: applied.id ?? tag.id,
		tagName: applied.name ?? tag.name ?? null,
		tagCreated: tag.created,
	};
	if (adminId !== undefined) result.adminId = adminId;
	return result;
}
