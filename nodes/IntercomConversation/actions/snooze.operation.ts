import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { zonedUnixSeconds } from '../../common/unixTime';
import { actingAdminOption, readActingAdmin } from '../../common/intercom/actingAdmin';
import { conversationIdProperty, manageConversation, readConversationId } from './conversationFields';

const properties: INodeProperties[] = [
	conversationIdProperty,
	{
		displayName: 'Snooze Until',
		name: 'snoozeUntil',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When the conversation comes back to the inbox as open',
		hint: 'In the workflow’s time zone unless the date carries an offset (2030-01-31T09:00:00+01:00); Unix seconds work too',
	},
	optionsCollection([actingAdminOption('Snooze As Admin Name or ID', 'Who Intercom records as snoozing the conversation.')]),
];

export const description = updateDisplayOptions({ show: { operation: ['snooze'] } }, properties);

function readSnoozeUntil(context: IExecuteFunctions, itemIndex: number, now = Date.now()): number {
	const raw = context.getNodeParameter('snoozeUntil', itemIndex, '');
	const timeZone = context.getTimezone() || 'UTC';
	const until = zonedUnixSeconds(raw, timeZone);
	if (until === undefined) {
		throw new NodeOperationError(context.getNode(), `Snooze Until is not a date: "${String(raw)}"`, {
			itemIndex,
			description: 'Pick a date and time, or use an expression giving a date such as 2030-01-31T09:00:00Z or Unix seconds.',
		});
	}
	if (until <= Math.floor(now / 1000)) {
		throw new NodeOperationError(context.getNode(), `Snooze Until (${new Date(until * 1000).toISOString()}) is not in the future`, {
			itemIndex,
			description: 'Pick a later time. To end the conversation now, use the Close operation instead.',
		});
	}
	return until;
}

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const conversationId = readConversationId(this, itemIndex);
	const snoozedUntil = readSnoozeUntil(this, itemIndex);
	const adminId = await readActingAdmin(this, itemIndex, session, 'Snooze As Admin');
	// The contract's message type is "snoozed", not "snooze".
	const conversation = await manageConversation(
		this,
		itemIndex,
		session,
		conversationId,
		{ message_type: 'snoozed', admin_id: adminId, snoozed_until: snoozedUntil },
		`snooze conversation ${conversationId}`,
	);
	return { ...conversation, action: 'snoozed' };
}
