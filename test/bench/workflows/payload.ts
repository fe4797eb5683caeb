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

/**
 * Each call returns the same 5 KB notification under a new notification id, signed: what Intercom sends for
 * distinct events. The triggers drop a repeated id before any execution, so a load test must not repeat one.
 */
export function uniqueSignedNotifications(secret: string, contactId: string, conversationId: string): () => { body: Buffer; signature: string } {
	const { notification } = signedNotification(secret, contactId, conversationId);
	const template = JSON.stringify({ ...notification, id: 'notif_bench_000000000000' });
	let counter = 0;
	return () => {
		const body = Buffer.from(template.replace('notif_bench_000000000000', `notif_bench_${String(++counter).padStart(12, '0')}`));
		return { body, signature: intercomSignature(body, secret) };
	};
}
