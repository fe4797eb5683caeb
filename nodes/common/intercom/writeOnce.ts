import type { IExecuteFunctions } from 'n8n-workflow';

import { toNodeApiError } from './errors';
import type { IntercomSession } from './session';
import type { SendRequest } from './transport';

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
		'Intercom may have posted the message before failing, so it was not sent again. Look at the conversation or ticket before running this item again.';
	throw error;
}
