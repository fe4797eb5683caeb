import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requiredText } from '../../common/attributes';
import { readActingAdmin } from '../../common/intercom/actingAdmin';
import { adminReplyProperties } from '../../common/intercom/replyFields';
import type { IntercomSession } from '../../common/intercom/session';
import { writeOnce } from '../../common/intercom/writeOnce';

const properties: INodeProperties[] = [
	{
		displayName: 'Ticket ID',
		name: 'ticketId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '480',
		description: 'The ticket’s ID as the API gives it (the output of Create or Update gives it as ID), not the number the Inbox shows',
	},
	...adminReplyProperties('The customer the ticket is for sees it', 'Good news: the problem you reported is fixed.'),
];

export const description = updateDisplayOptions({ show: { operation: ['reply'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const ticketId = requiredText(this, 'ticketId', itemIndex, 'Enter the ID of the ticket');
	const messageType = this.getNodeParameter('messageType', itemIndex, 'comment') === 'note' ? 'note' : 'comment';
	const body = requiredText(this, 'body', itemIndex, 'Enter the message to send');
	const adminId = await readActingAdmin(this, itemIndex, session, 'Reply As Admin');
	const what = messageType === 'note' ? 'add a note to' : 'reply to';
	// A reply whose answer was lost is not sent again: the customer would read it twice.
	const part = await writeOnce(
		this,
		itemIndex,
		session,
		`${what} ticket ${ticketId}`,
		async (client, options) =>
			await client.tickets.reply({ ticket_id: ticketId, body: { message_type: messageType, type: 'admin', admin_id: adminId, body } }, options),
		true,
	);
	return { ...(part as unknown as IDataObject), ticketId, action: messageType === 'note' ? 'noted' : 'replied' };
}
