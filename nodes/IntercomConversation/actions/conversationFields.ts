import type { Intercom } from 'intercom-client';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requiredText } from '../../common/attributes';
import { actingAdmin } from '../../common/intercom/actingAdmin';
import { toNodeApiError } from '../../common/intercom/errors';
import type { IntercomSession } from '../../common/intercom/session';
import type { SendRequest } from '../../common/intercom/transport';

/** Parameters and requests the operations of this node share. */

export const conversationIdProperty: INodeProperties = {
	displayName: 'Conversation ID',
	name: 'conversationId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '64619700005694',
	description: 'The conversation, e.g. from the Intercom Trigger’s output',
	hint: 'The number in the conversation’s address in the Intercom inbox',
};

export function readConversationId(context: IExecuteFunctions, itemIndex: number): string {
	return requiredText(context, 'conversationId', itemIndex, 'Enter the ID of the conversation');
}

/** The Options entry naming the admin Intercom records for the operation (`displayName` ends in "Admin Name or ID"). */
export function actingAdminOption(displayName: string, role: string): INodeProperties {
	return {
		displayName,
		name: 'adminId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAdmins' },
		default: '',
		description: `${role} Leave empty for the admin who owns the access token. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** The admin chosen under Options (`optionName` as the user sees it), or the token's owner. */
export async function readActingAdmin(
	context: IExecuteFunctions,
	itemIndex: number,
	session: IntercomSession,
	optionName: string,
): Promise<string> {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await actingAdmin(context, itemIndex, session, options.adminId, `Options → ${optionName}`);
}

/**
 * One of a fixed set of values (any case), read per item so an expression can choose; empty gives the default,
 * anything else unknown is an error rather than a guess.
 */
export function readChoice<T extends string>(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: { name: string; label: string },
	choices: readonly T[],
): T {
	const text = String(context.getNodeParameter(parameter.name, itemIndex, '') ?? '').trim();
	if (text === '') return choices[0];
	const choice = choices.find((candidate) => candidate.toLowerCase() === text.toLowerCase());
	if (choice) return choice;
	const allowed = choices.join(' or ');
	throw new NodeOperationError(context.getNode(), `${parameter.label} "${text}" is not ${allowed}`, {
		itemIndex,
		description: `Choose from the list, or make the expression give ${allowed}.`,
	});
}

/** A text under Options, trimmed; undefined when empty. */
export function readOptionText(context: IExecuteFunctions, itemIndex: number, name: string): string | undefined {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const value = typeof options[name] === 'string' ? options[name].trim() : '';
	return value || undefined;
}

const MAYBE_APPLIED = ['server', 'timeout', 'network'];

/**
 * Sends a write. One that posts a message (a reply, a note, a closing message) is not retried after a failure
 * Intercom may have applied before failing: the customer would get it twice. The error then says so.
 */
export async function writeOnce<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	session: IntercomSession,
	action: string,
	send: SendRequest<T>,
	postsMessage: boolean,
): Promise<T> {
	const result = await session.transport.attempt(action, send, { repeatable: !postsMessage });
	if (!('failure' in result)) return result.value;
	if (!postsMessage || !MAYBE_APPLIED.includes(result.failure.kind)) throw result.failure;
	const error = toNodeApiError(context.getNode(), result.failure, itemIndex);
	error.description =
		'Intercom may have posted the message before failing, so it was not sent again. Look at the conversation before running this item again.';
	throw error;
}

/** Closes, opens, snoozes or assigns (POST /conversations/{id}/parts) and answers with the conversation. */
export async function manageConversation(
	context: IExecuteFunctions,
	itemIndex: number,
	session: IntercomSession,
	conversationId: string,
	body: Intercom.ConversationsManageRequestBody,
	action: string,
): Promise<IDataObject> {
	const postsMessage = 'body' in body && body.body !== undefined;
	const conversation = await writeOnce(
		context,
		itemIndex,
		session,
		action,
		async (client, options) => await client.conversations.manage({ conversation_id: conversationId, body }, options),
		postsMessage,
	);
	return conversation as unknown as IDataObject;
}
