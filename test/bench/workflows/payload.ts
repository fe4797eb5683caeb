import { intercomNotification, intercomSignature } from '../../e2e/workflows/deliveries';

const SENTENCE = 'I renewed my membership last month but the portal still shows it as lapsed. ';

/**
 * A `conversation.user.created` notification whose message body pads it to exactly `bytes` (default 5 KB,
 * the size the issue measures), with its signature under `secret`.
 */
export function signedNotification(secret: string, contactId: string, conversationId: string, bytes = 5 * 1024) {
	const notification = intercomNotification({
		topic: 'conversation.user.created',
		conversationId,
		author: { id: contactId, type: 'user' },
	});
	const source = (notification.data as { item: { source: { body: string } } }).item.source;
	source.body = '';
	const padding = bytes - Buffer.byteLength(JSON.stringify(notification));
	source.body = SENTENCE.repeat(Math.ceil(padding / SENTENCE.length)).slice(0, Math.max(0, padding));
	const body = Buffer.from(JSON.stringify(notification));
	return { notification, body, signature: intercomSignature(body, secret) };
}
