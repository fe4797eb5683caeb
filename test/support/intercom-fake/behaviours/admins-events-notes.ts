/** `GET /me`, admins, teams, data events and contact notes. */
import { badRequest, notFound } from '../errors';
import { adminJson, meJson, teamJson } from '../serialize';
import type { Store, StoredContact } from '../store';
import { type Behaviours, ok } from './types';

export const MAX_EVENT_METADATA_KEYS = 10;

/** Events name their contact by Intercom id, by `user_id` (our external id) or by email. */
function eventContact(store: Store, body: { id?: string; user_id?: string; email?: string }): StoredContact {
	const contact = body.id
		? store.contacts.get(body.id)
		: body.user_id
			? store.contactWithExternalId(body.user_id)
			: store.contactsWithEmail(body.email ?? '').find((candidate) => !candidate.archived);
	if (!contact || contact.archived || contact.merged_into) throw notFound('User Not Found');
	return contact;
}

export const adminEventNoteBehaviours: Behaviours = {
	'GET /me': ({ store }) => ok(meJson(store.admin(store.meAdminId), store.nowSeconds())),

	'GET /admins': ({ store }) => ok({ type: 'admin.list', admins: [...store.admins.values()].map(adminJson) }),

	'GET /admins/{admin_id}': ({ store, params }) => ok(adminJson(store.admin(params.admin_id))),

	'GET /teams': ({ store }) => ok({ type: 'team.list', teams: [...store.teams.values()].map(teamJson) }),

	'POST /events': ({ store, body }) => {
		const metadata: Record<string, unknown> = body.metadata ?? {};
		const keys = Object.keys(metadata);
		if (keys.length > MAX_EVENT_METADATA_KEYS) {
			throw badRequest(`Event metadata is limited to ${MAX_EVENT_METADATA_KEYS} keys; ${keys.length} were sent`);
		}
		const contact = eventContact(store, body);
		store.events.push({
			event_name: body.event_name,
			created_at: body.created_at,
			contact_id: contact.id,
			metadata: { ...metadata },
		});
		return { status: 202 };
	},

	'POST /contacts/{contact_id}/notes': ({ store, params, body }) => {
		const contact = store.liveContact(params.contact_id);
		const admin = store.admin(body.admin_id ?? store.meAdminId);
		const note = {
			id: store.nextId('note'),
			contact_id: contact.id,
			admin_id: admin.id,
			body: body.body,
			created_at: store.nowSeconds(),
		};
		store.notes.push(note);
		return ok({
			type: 'note',
			id: note.id,
			created_at: note.created_at,
			contact: { type: 'contact', id: contact.id },
			author: adminJson(admin),
			body: note.body,
		});
	},
};
