/** Creating and changing contacts the way Intercom does, including its 409 conflict answers. */
import { badRequest, FakeHttpError, notFound } from '../errors';
import type { ContactRole, Store, StoredContact } from '../store';
import type { BehaviourConfig } from './types';

const WRITABLE_FIELDS = [
	'email',
	'external_id',
	'phone',
	'name',
	'avatar',
	'owner_id',
	'signed_up_at',
	'last_seen_at',
	'unsubscribed_from_emails',
] as const;

export interface ContactInput {
	role?: string;
	email?: string | null;
	external_id?: string | null;
	phone?: string | null;
	name?: string | null;
	avatar?: string | null;
	owner_id?: number | null;
	signed_up_at?: number | null;
	last_seen_at?: number | null;
	unsubscribed_from_emails?: boolean | null;
	custom_attributes?: Record<string, unknown> | null;
}

function conflict(existing: StoredContact): FakeHttpError {
	const message = existing.archived
		? `An archived contact matching those details already exists with id=${existing.id}`
		: `A contact matching those details already exists with id=${existing.id}`;
	return new FakeHttpError(409, 'conflict', message);
}

/**
 * The contact a create would collide with: external id first, then email (case-insensitive); an active
 * match wins over an archived one, the oldest over newer ones.
 */
export function findConflict(store: Store, input: ContactInput, exceptId?: string): StoredContact | undefined {
	const candidates: StoredContact[] = [];
	if (input.external_id) {
		const byExternalId = store.contactWithExternalId(input.external_id);
		if (byExternalId) candidates.push(byExternalId);
	}
	if (candidates.length === 0 && input.email) candidates.push(...store.contactsWithEmail(input.email));
	const others = candidates.filter((contact) => contact.id !== exceptId);
	return others.find((contact) => !contact.archived) ?? others[0];
}

function checkRole(role: string | undefined): ContactRole | undefined {
	if (role === undefined || role === 'user' || role === 'lead') return role;
	throw badRequest(`role must be user or lead, not ${role}`);
}

function applyCustomAttributes(
	contact: StoredContact,
	values: Record<string, unknown> | null | undefined,
	config: BehaviourConfig,
): void {
	if (!values) return;
	for (const [name, value] of Object.entries(values)) {
		if (config.customAttributes && !config.customAttributes.includes(name)) {
			throw new FakeHttpError(400, 'parameter_not_found', `Custom attribute '${name}' does not exist`);
		}
		if (value !== null && typeof value === 'object') {
			throw badRequest(`Custom attribute '${name}' must be a string, number or boolean`);
		}
		contact.custom_attributes[name] = value;
	}
}

function applyFields(contact: StoredContact, input: ContactInput): void {
	const target = contact as unknown as Record<string, unknown>;
	for (const field of WRITABLE_FIELDS) {
		if (input[field] !== undefined) target[field] = input[field];
	}
}

export function createContact(store: Store, config: BehaviourConfig, input: ContactInput): StoredContact {
	const role = checkRole(input.role) ?? 'user';
	const existing = findConflict(store, input);
	if (existing) throw conflict(existing);
	const now = store.nowSeconds();
	const contact: StoredContact = {
		id: store.nextId('contact'),
		role,
		external_id: null,
		email: null,
		phone: null,
		name: null,
		avatar: null,
		owner_id: null,
		signed_up_at: null,
		last_seen_at: null,
		unsubscribed_from_emails: false,
		custom_attributes: {},
		created_at: now,
		updated_at: now,
		archived: false,
	};
	applyFields(contact, input);
	applyCustomAttributes(contact, input.custom_attributes, config);
	store.contacts.set(contact.id, contact);
	return contact;
}

export function updateContact(
	store: Store,
	config: BehaviourConfig,
	contact: StoredContact,
	input: ContactInput,
): StoredContact {
	const role = checkRole(input.role);
	if (contact.role === 'user' && role === 'lead') throw badRequest('A user cannot be turned back into a lead');
	// Emails may repeat across contacts; an external id may not.
	const clash = input.external_id ? findConflict(store, { external_id: input.external_id }, contact.id) : undefined;
	if (clash) throw conflict(clash);
	const changed = structuredClone(contact);
	applyFields(changed, input);
	applyCustomAttributes(changed, input.custom_attributes, config);
	if (role) changed.role = role;
	changed.updated_at = store.nowSeconds();
	Object.assign(contact, changed);
	return contact;
}

/** `POST /contacts/merge`: the lead's data fills gaps in the user, then the lead is gone (404). */
export function mergeContacts(store: Store, fromId: string, intoId: string): StoredContact {
	if (fromId === intoId) throw badRequest('from and into must be different contacts');
	const from = store.liveContact(fromId);
	const into = store.liveContact(intoId);
	if (from.role !== 'lead') throw badRequest(`Contact ${fromId} is a user; only a lead can be merged from`);
	if (into.role !== 'user') throw badRequest(`Contact ${intoId} is a lead; contacts can only be merged into a user`);
	for (const [name, value] of Object.entries(from.custom_attributes)) {
		if (into.custom_attributes[name] === undefined || into.custom_attributes[name] === null) {
			into.custom_attributes[name] = value;
		}
	}
	for (const field of ['email', 'phone', 'name'] as const) into[field] ??= from[field];
	for (const conversation of store.conversations.values()) {
		conversation.contact_ids = [...new Set(conversation.contact_ids.map((id) => (id === fromId ? intoId : id)))];
	}
	for (const ticket of store.tickets.values()) {
		ticket.contact_ids = ticket.contact_ids.map((id) => (id === fromId ? intoId : id));
	}
	for (const event of store.events) if (event.contact_id === fromId) event.contact_id = intoId;
	from.merged_into = intoId;
	into.updated_at = store.nowSeconds();
	return into;
}

export function setArchived(store: Store, id: string, archived: boolean): StoredContact {
	const contact = store.contacts.get(id);
	if (!contact || contact.merged_into) throw notFound('User Not Found');
	contact.archived = archived;
	contact.updated_at = store.nowSeconds();
	return contact;
}
