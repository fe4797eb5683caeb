import type { Intercom } from 'intercom-client';

import type { CallResult, IntercomTransport } from '../../common/intercom/transport';
import { unwrap } from '../../common/intercom/transport';

export type Contact = Intercom.Contact;

/** Writable contact fields as Intercom's create and update endpoints take them. */
export interface ContactFields {
	role?: 'user' | 'lead';
	email?: string;
	external_id?: string;
	name?: string;
	phone?: string;
	custom_attributes?: Record<string, unknown>;
}

/** The most contacts Intercom's search answers with per page. */
export const SEARCH_PAGE_SIZE = 150;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

type ContactFilter = { field: string; operator: '='; value: string };

/** Contacts whose e-mail equals `email` ignoring case (search results are re-checked, never trusted blindly). */
export async function searchContactsByEmail(transport: IntercomTransport, email: string): Promise<Contact[]> {
	return await searchContactsByIdentity(transport, { email });
}

/**
 * Contacts with the external ID or the e-mail (ignoring case), in one search request. Results are
 * re-checked here: a search is a filter we do not control.
 */
export async function searchContactsByIdentity(
	transport: IntercomTransport,
	identity: { email?: string; externalId?: string },
): Promise<Contact[]> {
	const email = identity.email ? normalizeEmail(identity.email) : undefined;
	const filters: ContactFilter[] = [
		...(identity.externalId ? [{ field: 'external_id', operator: '=' as const, value: identity.externalId }] : []),
		...(email ? [{ field: 'email', operator: '=' as const, value: email }] : []),
	];
	if (filters.length === 0) return [];
	const query = filters.length === 1 ? filters[0] : { operator: 'OR' as const, value: filters };
	const what = [identity.externalId && `external ID ${identity.externalId}`, email && `email ${email}`].filter(Boolean);
	const found = await searchContacts(transport, query, `search contacts by ${what.join(' or ')}`);
	return found.filter(
		(contact) =>
			(identity.externalId !== undefined && contact.external_id === identity.externalId) ||
			(email !== undefined && contact.email !== undefined && contact.email !== null && normalizeEmail(contact.email) === email),
	);
}

export type ContactQuery = Intercom.SearchRequest['query'];

/** One page of a contact search; `next` is the cursor of the following page, if there is one. */
export async function searchContactPage(
	transport: IntercomTransport,
	query: ContactQuery,
	page: { perPage: number; startingAfter?: string },
	action: string,
): Promise<{ contacts: Contact[]; totalCount?: number; next?: string }> {
	const response = await transport.call(action, async (client, options) => {
		const result = await client.contacts.search(
			{
				query,
				pagination: { per_page: page.perPage, ...(page.startingAfter ? { starting_after: page.startingAfter } : {}) },
			},
			options,
		);
		return result.response;
	});
	return {
		contacts: response.data ?? [],
		totalCount: response.total_count,
		next: response.pages?.next?.starting_after ?? undefined,
	};
}

async function searchContacts(transport: IntercomTransport, query: ContactQuery, action: string) {
	const contacts: Contact[] = [];
	let startingAfter: string | undefined;
	// Several pages only when many contacts share one value; stop after a generous bound.
	for (let page = 0; page < 10; page++) {
		const found = await searchContactPage(transport, query, { perPage: SEARCH_PAGE_SIZE, startingAfter }, action);
		contacts.push(...found.contacts);
		startingAfter = found.next;
		if (!startingAfter) break;
	}
	return contacts;
}

export async function findContact(transport: IntercomTransport, contactId: string): Promise<CallResult<Contact>> {
	return (await transport.attempt(`get contact ${contactId}`, async (client, options) =>
		await client.contacts.find({ contact_id: contactId }, options),
	)) as CallResult<Contact>;
}

/** Direct lookup by external ID: exact and, unlike search, never behind recent writes. */
export async function findContactByExternalId(transport: IntercomTransport, externalId: string) {
	return (await transport.attempt(`get the contact with external ID ${externalId}`, async (client, options) =>
		await client.contacts.showContactByExternalId({ external_id: externalId }, options),
	)) as CallResult<Contact>;
}

/** The contact, or undefined when Intercom no longer knows it (merged away or deleted). */
export async function getContactIfExists(transport: IntercomTransport, contactId: string) {
	const result = await findContact(transport, contactId);
	return isGone(result) ? undefined : unwrap(result);
}

export async function createContact(transport: IntercomTransport, fields: ContactFields) {
	return (await transport.attempt('create the contact', async (client, options) =>
		await client.contacts.create(fields as Intercom.CreateContactRequest, options),
	)) as CallResult<Contact>;
}

export async function updateContact(transport: IntercomTransport, contactId: string, fields: ContactFields) {
	return (await transport.attempt(`update contact ${contactId}`, async (client, options) =>
		await client.contacts.update({ contact_id: contactId, ...fields }, options),
	)) as CallResult<Contact>;
}

export async function archiveContact(transport: IntercomTransport, contactId: string) {
	return await transport.attempt(`archive contact ${contactId}`, async (client, options) =>
		await client.contacts.archive({ contact_id: contactId }, options),
	);
}

export async function unarchiveContact(transport: IntercomTransport, contactId: string) {
	return await transport.attempt(`unarchive contact ${contactId}`, async (client, options) =>
		await client.contacts.unarchive({ contact_id: contactId }, options),
	);
}

export async function mergeLeadIntoUser(transport: IntercomTransport, leadId: string, userId: string) {
	return (await transport.attempt(`merge lead ${leadId} into user ${userId}`, async (client, options) =>
		await client.contacts.mergeLeadInUser({ from: leadId, into: userId }, options),
	)) as CallResult<Contact>;
}

/** Whether a call failed because the record is no longer there (404, or 410 for a merged contact). */
export function isGone(result: CallResult<unknown>): boolean {
	return 'failure' in result && (result.failure.kind === 'notFound' || result.failure.kind === 'gone');
}

/** For a failed create or update: the id of the contact that already holds the e-mail or external ID. */
export function conflictingContact(result: CallResult<unknown>): { id: string; archived: boolean } | undefined {
	if (!('failure' in result) || result.failure.kind !== 'conflict') return undefined;
	const id = result.failure.conflictingId;
	return id ? { id, archived: result.failure.conflictsWithArchived } : undefined;
}

/**
 * Orders contacts that stand for one person by who should survive: users before leads, then the one
 * carrying the wanted external id, then the oldest.
 */
export function rankForKeeping(contacts: Contact[], externalId?: string): Contact[] {
	const score = (contact: Contact) => [
		contact.role === 'user' ? 0 : 1,
		externalId && contact.external_id === externalId ? 0 : 1,
		contact.created_at ?? Number.MAX_SAFE_INTEGER,
	];
	return [...contacts].sort((a, b) => {
		const [x, y] = [score(a), score(b)];
		for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
		return a.id.localeCompare(b.id);
	});
}
