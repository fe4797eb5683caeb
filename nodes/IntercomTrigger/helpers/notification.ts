import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../common/jsonValues';
import type { SyncChange } from '../../common/syncEchoes';
import { TAG_ADDED_TOPIC } from './topics';

/** The envelope every Intercom webhook shares; `data.item` is the object the topic is about. */
export interface IntercomNotification extends IDataObject {
	type: 'notification_event';
	topic: string;
	data: { item: IDataObject };
}

/** Intercom sends every topic, ping included, in the same `notification_event` envelope. */
export function isIntercomNotification(body: unknown): body is IntercomNotification {
	return (
		isRecord(body) &&
		body.type === 'notification_event' &&
		typeof body.topic === 'string' &&
		body.topic.length > 0 &&
		isRecord(body.data) &&
		isRecord(body.data.item)
	);
}

/**
 * The workflow item: the whole notification, plus the fields flows need most often under camelCase names,
 * so expressions do not have to dig through `data.item`.
 */
export function toOutputItem(notification: IntercomNotification): IDataObject {
	const item = notification.data.item;
	const output: IDataObject = {
		...notification,
		topic: notification.topic,
		notificationId: stringOrNull(notification.id),
		deliveryAttempts: typeof notification.delivery_attempts === 'number' ? notification.delivery_attempts : null,
		conversationId: item.type === 'conversation' ? stringOrNull(item.id) : null,
		contactId: contactIdOf(item),
		ticket: ticketOf(item),
	};
	if (notification.topic === TAG_ADDED_TOPIC) output.appliedTags = appliedTagNames(item);
	return output;
}

// Author types that are contacts; admins, bots and teams also author conversations.
const CONTACT_AUTHOR_TYPES = new Set(['user', 'lead', 'contact']);

/**
 * The contact the notification is about. For a conversation: the author of its first message when that is a
 * contact, else the first attached contact (the order seed 003 uses). For a contact topic: the contact itself.
 */
function contactIdOf(item: IDataObject): string | null {
	if (item.type === 'contact') return stringOrNull(item.id);
	const source = isRecord(item.source) ? item.source : {};
	const author = isRecord(source.author) ? source.author : {};
	if (typeof author.type === 'string' && CONTACT_AUTHOR_TYPES.has(author.type)) {
		const authorId = stringOrNull(author.id);
		if (authorId) return authorId;
	}
	const [firstContact] = listIn(item.contacts, 'contacts');
	return firstContact ? stringOrNull(firstContact.id) : null;
}

/**
 * Names of the tags this notification reports as just applied. Intercom lists them in `tags_added`; older and
 * hand-built payloads carry them as conversation parts of type `tag`, with the tag name as the part body.
 */
function appliedTagNames(item: IDataObject): string[] {
	const names = listIn(item.tags_added, 'tags').map((tag) => tag.name);
	if (names.length === 0) {
		for (const part of listIn(item.conversation_parts, 'conversation_parts')) {
			if (part.part_type !== 'tag') continue;
			const partTags = listIn(part.tags, 'tags');
			names.push(...(partTags.length > 0 ? partTags.map((tag) => tag.name) : [part.body]));
		}
	}
	const cleaned = names.filter((name): name is string => typeof name === 'string').map((name) => name.trim());
	return [...new Set(cleaned.filter((name) => name.length > 0))];
}

/** Intercom wraps lists as `{ type: "x.list", <key>: [...] }`; returns the records in it, or nothing. */
function listIn(wrapper: unknown, key: string): IDataObject[] {
	const list = isRecord(wrapper) ? wrapper[key] : undefined;
	return Array.isArray(list) ? list.filter(isRecord) : [];
}

/** Intercom ids are strings, but a few older payloads send numbers; flows compare them as text. */
function stringOrNull(value: unknown): string | null {
	if (typeof value === 'string' && value.length > 0) return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/**
 * The ticket a ticket topic is about. From API 2.15 `ticket.closed` nests it (`data.item.ticket`, the item being
 * the ticket's conversation); every other ticket topic sends the ticket itself as `data.item`.
 */
function ticketOf(item: IDataObject): IDataObject | null {
	if (item.type === 'ticket') return item;
	return isRecord(item.ticket) && item.ticket.type === 'ticket' ? item.ticket : null;
}

const CLOSING_TICKET_TOPICS = new Set(['ticket.closed', 'ticket.resolved']);

/** The ticket change a ticket notification reports, for recognising the echo of a change we made ourselves. */
export function ticketChange(notification: IntercomNotification): SyncChange | undefined {
	const ticket = ticketOf(notification.data.item);
	const id = ticket ? stringOrNull(ticket.id) : null;
	if (!ticket || !id) return undefined;
	if (CLOSING_TICKET_TOPICS.has(notification.topic)) return { service: 'intercom', object: 'ticket', id, change: 'closed' };
	if (notification.topic === 'ticket.state.updated' && typeof ticket.open === 'boolean') {
		return { service: 'intercom', object: 'ticket', id, change: ticket.open ? 'opened' : 'closed' };
	}
	return undefined;
}
