/** Contact operations: create, read, update, archive, merge, search. */
import { notFound } from '../errors';
import { type FieldResolver, runSearch, type SearchField } from '../search';
import { contactArchiveJson, contactJson } from '../serialize';
import type { StoredContact } from '../store';
import { createContact, mergeContacts, setArchived, updateContact } from './contact-writes';
import { type BehaviourConfig, type Behaviours, ok } from './types';

const CONTACTS_PER_PAGE = 50;

const field = (kind: SearchField<StoredContact>['kind'], get: (contact: StoredContact) => unknown) => ({
	kind,
	get,
});

const CONTACT_FIELDS: Record<string, SearchField<StoredContact>> = {
	id: field('string', (c) => c.id),
	role: field('string', (c) => c.role),
	name: field('string', (c) => c.name),
	avatar: field('string', (c) => c.avatar),
	owner_id: field('integer', (c) => c.owner_id),
	email: field('string', (c) => c.email),
	email_domain: field('string', (c) => c.email?.split('@')[1] ?? null),
	phone: field('string', (c) => c.phone),
	external_id: field('string', (c) => c.external_id),
	created_at: field('date', (c) => c.created_at),
	updated_at: field('date', (c) => c.updated_at),
	signed_up_at: field('date', (c) => c.signed_up_at),
	last_seen_at: field('date', (c) => c.last_seen_at),
	unsubscribed_from_emails: field('boolean', (c) => c.unsubscribed_from_emails),
	marked_email_as_spam: field('boolean', () => false),
	has_hard_bounced: field('boolean', () => false),
};

export const resolveContactField: FieldResolver<StoredContact> = (name) => {
	const custom = /^custom_attributes\.(.+)$/.exec(name);
	if (custom) return field('any', (c) => c.custom_attributes[custom[1]]);
	return CONTACT_FIELDS[name];
};

/** The contact's JSON with the workspace's defined attributes, unset ones as null. */
const answer = (config: BehaviourConfig, contact: StoredContact) => contactJson(contact, config.customAttributes);

export const contactBehaviours: Behaviours = {
	'POST /contacts': ({ store, config, body }) => {
		const contact = createContact(store, config, body);
		store.indexContact(contact);
		return ok(answer(config, contact));
	},

	'GET /contacts/{contact_id}': ({ store, config, params }) => ok(answer(config, store.liveContact(params.contact_id))),

	'GET /contacts/find_by_external_id/{external_id}': ({ store, config, params }) => {
		const contact = store.contactWithExternalId(params.external_id);
		if (!contact || contact.archived) throw notFound('User Not Found');
		return ok(answer(config, contact));
	},

	'PUT /contacts/{contact_id}': ({ store, config, params, body }) => {
		const contact = updateContact(store, config, store.liveContact(params.contact_id), body);
		store.indexContact(contact);
		return ok(answer(config, contact));
	},

	'DELETE /contacts/{contact_id}': ({ store, params }) => {
		const contact = store.liveContact(params.contact_id);
		store.contacts.delete(contact.id);
		store.contactIndex.record(contact.id, undefined, store.clock());
		return ok({ type: 'contact', id: contact.id, external_id: contact.external_id, deleted: true });
	},

	'POST /contacts/{contact_id}/archive': ({ store, params }) => {
		const contact = setArchived(store, params.contact_id, true);
		store.indexContact(contact);
		return ok(contactArchiveJson(contact));
	},

	'POST /contacts/{contact_id}/unarchive': ({ store, params }) => {
		const contact = setArchived(store, params.contact_id, false);
		store.indexContact(contact);
		return ok(contactArchiveJson(contact));
	},

	'POST /contacts/merge': ({ store, config, body }) => {
		const into = mergeContacts(store, body.from, body.into);
		store.indexContact(store.contacts.get(body.from)!);
		store.indexContact(into);
		return ok(answer(config, into));
	},

	'POST /contacts/search': ({ store, config, body }) => {
		const visible = store.contactIndex.visible(store.clock(), store.searchLagMs);
		const page = runSearch(visible, body, resolveContactField, CONTACTS_PER_PAGE);
		return ok({
			type: 'list',
			data: page.records.map((contact) => answer(config, contact)),
			total_count: page.total_count,
			pages: page.pages,
		});
	},
};
