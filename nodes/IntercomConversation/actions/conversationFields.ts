import type { Intercom } from 'intercom-client';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { requiredText } from '../../common/attributes';
import { writeOnce } from '../../common/intercom/writeOnce';
import type { IntercomSession } from '../../common/intercom/session';

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
