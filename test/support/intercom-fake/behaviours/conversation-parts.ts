/** Replying to a conversation and managing it (close, open, snooze, assign): the parts an admin adds. */
import { badRequest, contractViolation, notFound } from '../errors';
import { conversationJson } from '../serialize';
import type { Store, StoredConversation, StoredConversationPart } from '../store';
import { type Behaviours, ok } from './types';

/** These two endpoints answer an unknown conversation with the contract's generic 404. */
function conversation(store: Store, id: string): StoredConversation {
	const found = store.conversations.get(id);
	if (!found) throw notFound('Resource Not Found');
	return found;
}

function addPart(store: Store, found: StoredConversation, part: Omit<StoredConversationPart, 'id' | 'created_at'>) {
	const now = store.nowSeconds();
	found.parts.push({ id: store.nextId('part'), created_at: now, ...part });
	found.updated_at = now;
}

/** The assignee an assignment names, checked before anything changes; `0` assigns to nobody. */
function assignee(store: Store, type: 'admin' | 'team', id: string): string | null {
	if (id === '0') return null;
	return type === 'team' ? store.team(id).id : store.admin(id).id;
}

export const conversationPartBehaviours: Behaviours = {
	'POST /conversations/{conversation_id}/reply': ({ store, params, body }) => {
		// Contact replies and quick replies are valid requests this fake does not model.
		if (body.type !== 'admin') throw badRequest('The Intercom fake only takes replies from admins');
		if (body.message_type === 'quick_reply') throw badRequest('The Intercom fake does not send quick replies');
		if (typeof body.body !== 'string' || body.body.trim() === '') {
			throw contractViolation('body must be present for comment and note message types');
		}
		const found = conversation(store, params.conversation_id);
		const admin = store.admin(body.admin_id);
		addPart(store, found, { part_type: body.message_type, body: body.body, author_id: admin.id, assigned_to: null });
		return ok(conversationJson(store, found));
	},

	'POST /conversations/{conversation_id}/parts': ({ store, params, body }) => {
		const found = conversation(store, params.conversation_id);
		const admin = store.admin(body.admin_id);
		const part = { part_type: body.message_type as string, body: (body.body as string | undefined) ?? null, author_id: admin.id, assigned_to: null };
		switch (body.message_type) {
			case 'close':
				found.state = 'closed';
				found.snoozed_until = null;
				addPart(store, found, part);
				break;
			case 'open':
				found.state = 'open';
				found.snoozed_until = null;
				addPart(store, found, { ...part, body: null });
				break;
			case 'snoozed':
				found.state = 'snoozed';
				found.snoozed_until = body.snoozed_until;
				addPart(store, found, { ...part, body: null });
				break;
			case 'assignment': {
				const type = body.type as 'admin' | 'team';
				const id = assignee(store, type, String(body.assignee_id));
				if (type === 'team') found.team_assignee_id = id;
				else found.admin_assignee_id = id;
				addPart(store, found, { ...part, assigned_to: { type, id: id ?? '0' } });
				break;
			}
			default:
				throw badRequest(`Unknown message_type ${String(body.message_type)}`);
		}
		return ok(conversationJson(store, found));
	},
};
