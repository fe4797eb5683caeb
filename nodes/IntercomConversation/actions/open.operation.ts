import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { actingAdminOption, readActingAdmin } from '../../common/intercom/actingAdmin';
import { conversationIdProperty, manageConversation, readConversationId } from './conversationFields';

const properties: INodeProperties[] = [
	conversationIdProperty,
	optionsCollection([actingAdminOption('Open As Admin Name or ID', 'Who Intercom records as reopening the conversation.')]),
];

export const description = updateDisplayOptions({ show: { operation: ['open'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const conversationId = readConversationId(this, itemIndex);
	const adminId = await readActingAdmin(this, itemIndex, session, 'Open As Admin');
	const conversation = await manageConversation(
		this,
		itemIndex,
		session,
		conversationId,
		{ message_type: 'open', admin_id: adminId },
		`open conversation ${conversationId}`,
	);
	return { ...conversation, action: 'opened' };
}
