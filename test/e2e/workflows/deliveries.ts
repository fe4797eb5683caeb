/**
 * Webhook deliveries as Intercom and Todoist send them: the envelope, the signature over the exact bytes,
 * and the headers. Signatures are computed here with node:crypto, independently of the triggers' code.
 */
import { createHmac, randomUUID } from 'node:crypto';

import type { HttpResponse, N8nInstance } from '../../support/n8n';

export interface ConversationEvent {
	topic: 'conversation.user.created' | 'conversation.user.replied' | 'conversation_part.tag.created';
	conversationId: string;
	/** The contact who wrote (the conversation's source author). */
	author: { id: string; type: 'user' | 'lead'; email?: string | null };
	/** Conversation data attributes, e.g. `member_number_verification`. */
	customAttributes?: Record<string, unknown>;
	/** For `conversation_part.tag.created`: the tag names just applied. */
	tagsAdded?: string[];
	notificationId?: string;
}

/** An Intercom notification in the shape of the shared fixtures (`data.item` is the conversation). */
export function intercomNotification(event: ConversationEvent): Record<string, unknown> {
	const now = Math.floor(Date.now() / 1000);
	const tagParts = (event.tagsAdded ?? []).map((name, index) => ({
		type: 'conversation_part',
		id: `${event.conversationId}${index}`,
		part_type: 'tag',
		body: name,
		created_at: now,
		author: { type: 'admin', id: '5017691', name: 'Support Agent' },
	}));
	return {
		type: 'notification_event',
		app_id: 'e2eapp',
		id: event.notificationId ?? `notif_${randomUUID()}`,
		topic: event.topic,
		delivery_status: 'pending',
		delivery_attempts: 1,
		delivered_at: 0,
		first_sent_at: now,
		created_at: now,
		links: {},
		self: null,
		data: {
			type: 'notification_event_data',
			item: {
				type: 'conversation',
				id: event.conversationId,
				created_at: now,
				updated_at: now,
				state: 'open',
				open: true,
				source: {
					type: 'conversation',
					id: `src${event.conversationId}`,
					delivered_as: 'customer_initiated',
					body: '<p>Hello, I have a question about my membership.</p>',
					author: { type: event.author.type, id: event.author.id, email: event.author.email ?? null },
				},
				contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: event.author.id, external_id: null }] },
				conversation_parts: { type: 'conversation_part.list', conversation_parts: tagParts, total_count: tagParts.length },
				custom_attributes: event.customAttributes ?? {},
			},
		},
	};
}

export function intercomSignature(body: Buffer, secret: string): string {
	return `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
}

export interface TodoistTask {
	id: string;
	content: string;
	description?: string;
	labels?: string[];
	priority?: 1 | 2 | 3 | 4;
	checked?: boolean;
	/** The link Todoist sent; API v1 may leave it out (the default here). */
	url?: string;
}

/** A Todoist API v1 webhook event (`item:*`) as test/fixtures/todoist has them: string ids, no `url`. */
export function todoistEvent(eventName: 'item:added' | 'item:updated' | 'item:completed' | 'item:uncompleted', task: TodoistTask): Record<string, unknown> {
	const now = new Date().toISOString();
	return {
		event_name: eventName,
		user_id: '2671355',
		event_data: {
			id: task.id,
			user_id: '2671355',
			project_id: '6Jf8VQXxpwv56VQ7',
			section_id: null,
			parent_id: null,
			content: task.content,
			description: task.description ?? '',
			priority: task.priority ?? 1,
			labels: task.labels ?? [],
			checked: task.checked ?? eventName === 'item:completed',
			is_deleted: false,
			added_at: now,
			...(task.url ? { url: task.url } : {}),
		},
		initiator: { id: '2671355', full_name: 'Alex Support', email: 'alex.support@example.com', is_premium: true },
		version: '1',
		triggered_at: now,
	};
}

export function todoistSignature(body: Buffer, secret: string): string {
	return createHmac('sha256', secret).update(body).digest('base64');
}

/** Posts exact bytes with the headers the service would send. `signature: null` leaves the header out. */
export async function deliverIntercom(
	n8n: N8nInstance,
	url: string,
	notification: Record<string, unknown>,
	secret: string,
	signature?: string | null,
): Promise<HttpResponse> {
	const body = Buffer.from(JSON.stringify(notification));
	const sign = signature === undefined ? intercomSignature(body, secret) : signature;
	return await n8n.postWebhook(url, body, {
		'content-type': 'application/json',
		'user-agent': 'intercom-parrot-service-client/1.0',
		...(sign === null ? {} : { 'x-hub-signature': sign }),
	});
}

export async function deliverTodoist(
	n8n: N8nInstance,
	url: string,
	event: Record<string, unknown>,
	secret: string,
	options: { deliveryId?: string; signature?: string | null } = {},
): Promise<HttpResponse> {
	const body = Buffer.from(JSON.stringify(event));
	const sign = options.signature === undefined ? todoistSignature(body, secret) : options.signature;
	return await n8n.postWebhook(url, body, {
		'content-type': 'application/json',
		'user-agent': 'Todoist-Webhooks',
		'x-todoist-delivery-id': options.deliveryId ?? randomUUID(),
		...(sign === null ? {} : { 'x-todoist-hmac-sha256': sign }),
	});
}

/**
 * A ticket notification as Intercom sends it for `ticket.resolved` (the ticket is `data.item`) or, from API 2.15,
 * `ticket.closed` (the ticket nested in its conversation, `data.item.ticket`). `ticket` is the API's ticket object.
 */
export function ticketNotification(
	topic: 'ticket.resolved' | 'ticket.closed',
	ticket: Record<string, unknown>,
	options: { notificationId?: string; resolvedBy?: string } = {},
): Record<string, unknown> {
	const now = Math.floor(Date.now() / 1000);
	const part = options.resolvedBy
		? [{ type: 'ticket_part', id: `p${now}`, part_type: 'ticket_state_updated_by_admin', created_at: now, author: { type: 'admin', id: '5017691', name: options.resolvedBy } }]
		: [];
	const withParts = { ...ticket, ticket_parts: { type: 'ticket_part.list', ticket_parts: part, total_count: part.length } };
	const item = topic === 'ticket.resolved' ? withParts : { type: 'conversation', id: ticket.id, state: 'closed', open: false, ticket: withParts };
	return {
		type: 'notification_event',
		app_id: 'e2eapp',
		id: options.notificationId ?? `notif_${randomUUID()}`,
		topic,
		delivery_status: 'pending',
		delivery_attempts: 1,
		delivered_at: 0,
		first_sent_at: now,
		created_at: now,
		links: {},
		self: null,
		data: { type: 'notification_event_data', item },
	};
}
