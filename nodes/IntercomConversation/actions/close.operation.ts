import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { actingAdminOption, readActingAdmin } from '../../common/intercom/actingAdmin';
import { conversationIdProperty, manageConversation, readConversationId, readOptionText } from './conversationFields';

const properties: INodeProperties[] = [
	conversationIdProperty,
	optionsCollection([
		actingAdminOption('Close As Admin Name or ID', 'Who Intercom records as closing the conversation.'),
		{
			displayName: 'Closing Message',
			name: 'body',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: 'Glad we could help. Reply here any time.',
			description: 'A last message, from the admin, that the customer sees as the conversation closes',
		},
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['close'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const conversationId = readConversationId(this, itemIndex);
	const adminId = await readActingAdmin(this, itemIndex, session, 'Close As Admin');
	const body = readOptionText(this, itemIndex, 'body');
	const conversation = await manageConversation(
		this,
		itemIndex,
		session,
		conversationId,
		{ message_type: 'close', type: 'admin', admin_id: adminId, ...(body ? { body } : {}) },
		`close conversation ${conversationId}`,
	);
	return { ...conversation, action: 'closed' };
}
