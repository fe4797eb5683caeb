import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requiredText } from '../../common/attributes';
import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { actingAdminOption, readActingAdmin } from '../../common/intercom/actingAdmin';
import { writeOnce } from '../../common/intercom/writeOnce';
import { conversationIdProperty, readChoice, readConversationId } from './conversationFields';

const REPLY_AS = 'Reply As Admin Name or ID';

const properties: INodeProperties[] = [
	conversationIdProperty,
	{
		displayName: 'Reply Type',
		name: 'messageType',
		type: 'options',
		default: 'comment',
		hint: 'In an expression, give comment (a reply) or note',
		options: [
			{ name: 'Internal Note', value: 'note', description: 'Only your team sees it' },
			{ name: 'Reply', value: 'comment', description: 'The customer sees it, in the Messenger or by email' },
		],
	},
	{
		displayName: 'Message',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'Thanks for waiting, your membership is renewed.',
		hint: 'Plain text, or simple HTML: paragraphs, bold text and links',
	},
	optionsCollection([actingAdminOption(REPLY_AS, 'The admin the reply or note comes from.')]),
];

export const description = updateDisplayOptions({ show: { operation: ['reply'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const conversationId = readConversationId(this, itemIndex);
	const messageType = readChoice(this, itemIndex, { name: 'messageType', label: 'Reply Type' }, ['comment', 'note'] as const);
	const body = requiredText(this, 'body', itemIndex, 'Enter the message to send');
	const adminId = await readActingAdmin(this, itemIndex, session, 'Reply As Admin');
	const what = messageType === 'note' ? 'add a note to' : 'reply to';
	const conversation = await writeOnce(
		this,
		itemIndex,
		session,
		`${what} conversation ${conversationId}`,
		async (client, options) =>
			await client.conversations.reply(
				{ conversation_id: conversationId, body: { message_type: messageType, type: 'admin', admin_id: adminId, body } },
				options,
			),
		true,
	);
	return { ...(conversation as unknown as IDataObject), action: messageType === 'note' ? 'noted' : 'replied' };
}
