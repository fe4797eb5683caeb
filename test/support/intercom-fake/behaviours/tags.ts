/** Tags, conversations, and tagging conversations and contacts. */
import { badRequest, FakeHttpError, notFound } from '../errors';
import { conversationJson, tagJson } from '../serialize';
import type { Store, StoredConversation, StoredTag } from '../store';
import { type Behaviours, ok } from './types';

const tagNotFound = () => notFound('Tag not found', 'tag_not_found');

function conversation(store: Store, id: string): StoredConversation {
	const found = store.conversations.get(id);
	if (!found) throw notFound('Conversation not found');
	return found;
}

function tag(store: Store, id: string): StoredTag {
	const found = store.tags.get(id);
	if (!found) throw tagNotFound();
	return found;
}

export const tagBehaviours: Behaviours = {
	'GET /tags': ({ store }) => ok({ type: 'list', data: [...store.tags.values()].map((one) => tagJson(one)) }),

	'GET /tags/{tag_id}': ({ store, params }) => ok(tagJson(tag(store, params.tag_id))),

	// Only the "create or update a tag" form; tagging companies and users is out of this fake's scope.
	'POST /tags': ({ store, body }) => {
		if (body.companies || body.users) throw badRequest('The Intercom fake only creates or renames tags');
		if (body.id) {
			const renamed = tag(store, String(body.id));
			renamed.name = body.name;
			return ok(tagJson(renamed));
		}
		const existing = store.tagByName(body.name);
		if (existing) return ok(tagJson(existing));
		const created = { id: store.nextId('tag'), name: body.name };
		store.tags.set(created.id, created);
		return ok(tagJson(created));
	},

	'DELETE /tags/{tag_id}': ({ store, params }) => {
		const doomed = tag(store, params.tag_id);
		const applications = [...[...store.conversations.values()].map((one) => one.tags), ...store.contactTags.values()];
		const inUse = applications.some((applied) => applied.some((one) => one.id === doomed.id));
		if (inUse) {
			throw new FakeHttpError(400, 'tag_has_dependent_objects', 'Unable to delete Tag with dependent objects');
		}
		store.tags.delete(doomed.id);
		return { status: 200 };
	},

	'GET /contacts/{contact_id}/tags': ({ store, params }) => {
		const contact = store.liveContact(params.contact_id);
		const data = (store.contactTags.get(contact.id) ?? []).flatMap((entry) => {
			const applied = store.tags.get(entry.id);
			return applied ? [tagJson(applied, entry)] : [];
		});
		return ok({ type: 'list', data });
	},

	// No admin in this request: Intercom records the token's admin as having applied the tag.
	'POST /contacts/{contact_id}/tags': ({ store, params, body }) => {
		const contact = store.liveContact(params.contact_id);
		const applied = store.tags.get(String(body.id));
		if (!applied) throw notFound('Resource Not Found');
		const entries = store.contactTags.get(contact.id) ?? [];
		let entry = entries.find((one) => one.id === applied.id);
		if (!entry) {
			entry = { id: applied.id, applied_at: store.nowSeconds(), applied_by: store.meAdminId };
			store.contactTags.set(contact.id, [...entries, entry]);
		}
		return ok(tagJson(applied, entry));
	},

	'GET /conversations/{conversation_id}': ({ store, params }) =>
		ok(conversationJson(store, conversation(store, params.conversation_id))),

	'PUT /conversations/{conversation_id}': ({ store, params, body }) => {
		const found = conversation(store, params.conversation_id);
		if (body.title !== undefined) found.title = body.title;
		Object.assign(found.custom_attributes, body.custom_attributes ?? {});
		found.updated_at = store.nowSeconds();
		return ok(conversationJson(store, found));
	},

	'POST /conversations/{conversation_id}/tags': ({ store, params, body }) => {
		const found = conversation(store, params.conversation_id);
		const admin = store.admin(body.admin_id);
		const applied = tag(store, body.id);
		let entry = found.tags.find((one) => one.id === applied.id);
		if (!entry) {
			entry = { id: applied.id, applied_at: store.nowSeconds(), applied_by: admin.id };
			found.tags.push(entry);
			found.updated_at = entry.applied_at;
		}
		return ok(tagJson(applied, entry));
	},

	'DELETE /conversations/{conversation_id}/tags/{tag_id}': ({ store, config, params, body }) => {
		const found = conversation(store, params.conversation_id);
		const admin = store.admin(body.admin_id);
		const removed = tag(store, params.tag_id);
		const entry = found.tags.find((one) => one.id === removed.id);
		if (!entry) {
			if (config.untagAbsentTag === 'tag_not_found') throw tagNotFound();
			return ok(tagJson(removed));
		}
		found.tags = found.tags.filter((one) => one !== entry);
		found.updated_at = store.nowSeconds();
		return ok(tagJson(removed, { ...entry, applied_by: admin.id }));
	},
};
