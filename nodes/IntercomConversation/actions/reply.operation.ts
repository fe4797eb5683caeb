import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requiredText } from '../../common/attributes';
import type { IntercomSession } from '../../common/intercom/session';
import { readActingAdmin } from '../../common/intercom/actingAdmin';
import { adminReplyProperties } from '../../common/intercom/replyFields';
import { writeOnce } from '../../common/intercom/writeOnce';
import { conversationIdProperty, readChoice, readConversationId } from './conversationFields';

const properties: INodeProperties[] = [
	conversationIdProperty,
	...adminReplyProperties('The customer sees it, in the Messenger or by email', 'Thanks for waiting, your membership is renewed.'),
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
