import { ApplicationError } from 'n8n-workflow';

import type { Lease } from '../../common/coordination';
import type { IntercomSession } from '../../common/intercom/session';
import type { CallResult } from '../../common/intercom/transport';
import { unwrap } from '../../common/intercom/transport';
import type { Contact, ContactFields } from './contactApi';
import {
	archiveContact,
	conflictingContact,
	createContact,
	findContact,
	getContactIfExists,
	isGone,
	mergeLeadIntoUser,
	normalizeEmail,
	rankForKeeping,
	searchContactsByIdentity,
	unarchiveContact,
	updateContact,
} from './contactApi';
import { changedFields } from './contactChanges';
import type { UpsertInput } from './contactFields';

export type UpsertAction = 'created' | 'updated' | 'merged' | 'unarchived' | 'skipped' | 'unchanged';

export interface UpsertPolicy {
	archiveDuplicates: boolean;
	/** Custom attribute that must still be empty for an existing contact to be updated. */
	onlyIfEmpty?: string;
	/** Compare with the contact's current values: send only what differs, and nothing when nothing does. */
	skipUnchanged?: boolean;
}

export interface UpsertOutcome {
	contact: Contact;
	action: UpsertAction;
	mergedContactIds: string[];
	archivedContactIds: string[];
	notes: string[];
}

/** A later round only happens when Intercom reveals another contact (a 409 on update) or one vanishes. */
const MAX_ROUNDS = 4;

const isEmptyValue = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Finds the contact for one person (external id first, then e-mail), folds duplicates into it and writes
 * the fields. Runs under a per-e-mail lock shared by items, executions and n8n processes, so two of them never
 * both create the person; Intercom's 409 on a duplicate create remains the backstop.
 */
export async function upsertContact(
	session: IntercomSession,
	input: UpsertInput,
	policy: UpsertPolicy,
): Promise<UpsertOutcome> {
	const lockKey = input.email
		? `email:${input.email}`
		: input.externalId
			? `external:${input.externalId}`
			: `id:${input.contactId}`;
	return await session.withRecord(`contact:${lockKey}`, async (lease) => await upsertUnlocked(session, input, policy, lease));
}

async function upsertUnlocked(session: IntercomSession, input: UpsertInput, policy: UpsertPolicy, lease: Lease) {
	const { transport } = session;
	const outcome: Omit<UpsertOutcome, 'contact' | 'action'> = {
		mergedContactIds: [],
		archivedContactIds: [],
		notes: [...input.notes],
	};
	if (input.contactId && !input.externalId && !policy.onlyIfEmpty) {
		// The caller knows the contact: one write, no search (and so no folding of duplicates).
		const written = await writeKnownContact(session, input.contactId, input.fields, policy.skipUnchanged);
		if (written) return { ...outcome, contact: written.contact, action: written.unchanged ? ('unchanged' as const) : ('updated' as const) };
	}
	const candidates = await findCandidates(session, input);
	let unarchived = false;
	let lastFailure: CallResult<unknown> | undefined;

	for (let round = 1; round <= MAX_ROUNDS; round++) {
		if (candidates.size === 0) {
			// Only under the lock may a contact be created: one that lapsed would let a second execution create too.
			lease.assertHeld();
			const created = await createContact(transport, input.fields);
			const existing = conflictingContact(created);
			if (!existing) {
				const contact = unwrap(created);
				await remember(session, input, contact.id);
				return { ...outcome, contact, action: 'created' as const };
			}
			// Search lags writes: a 409 right after a miss names the contact that already exists.
			if (existing.archived) {
				unwrap(await unarchiveContact(transport, existing.id));
				unarchived = true;
			}
			const contact = await getContactIfExists(transport, existing.id);
			if (contact) candidates.set(contact.id, contact);
			lastFailure = created;
			continue;
		}

		const [keeper, ...others] = rankForKeeping([...candidates.values()], input.externalId);
		if (policy.onlyIfEmpty && !isEmptyValue(keeper.custom_attributes?.[policy.onlyIfEmpty])) {
			await remember(session, input, keeper.id);
			outcome.notes.push(
				`Not updated: ${policy.onlyIfEmpty} already has a value.${unarchived ? ' The contact was archived and has been unarchived.' : ''}`,
			);
			return { ...outcome, contact: keeper, action: 'skipped' as const };
		}
		lease.assertHeld();
		await foldDuplicates(session, keeper, others, policy, outcome);
		for (const other of others) candidates.delete(other.id);

		// After a merge the keeper we hold lacks what the lead brought: compare only when nothing was merged.
		const compare = policy.skipUnchanged === true && outcome.mergedContactIds.length === 0;
		const written = await writeFields(session, keeper, input, outcome.notes, compare);
		if ('value' in written) {
			await remember(session, input, written.value.id);
			const merged = outcome.mergedContactIds.length > 0;
			const action = merged ? 'merged' : unarchived ? 'unarchived' : 'unchanged' in written ? 'unchanged' : 'updated';
			return { ...outcome, contact: written.value, action: action as UpsertAction };
		}
		lastFailure = written;
		if (isGone(written)) {
			// Merged away or deleted meanwhile: look again.
			candidates.delete(keeper.id);
			if (candidates.size === 0) for (const found of (await findCandidates(session, input)).values()) candidates.set(found.id, found);
			continue;
		}
		// The new e-mail or external ID belongs to another contact: fold that one in on the next round.
		const holder = conflictingContact(written);
		const holderContact = holder && holder.id !== keeper.id ? await getContactIfExists(transport, holder.id) : undefined;
		if (!holderContact) return unwrap(written) as never;
		candidates.set(holderContact.id, holderContact);
	}
	if (lastFailure) unwrap(lastFailure);
	throw new ApplicationError(`Could not settle which Intercom contact belongs to ${input.email ?? input.externalId}`);
}

async function findCandidates(session: IntercomSession, input: UpsertInput): Promise<Map<string, Contact>> {
	const { transport } = session;
	const found = new Map<string, Contact>();
	if (input.contactId) {
		const contact = await getContactIfExists(transport, input.contactId);
		if (contact) return found.set(contact.id, contact);
		if (!input.email && !input.externalId) {
			throw new ApplicationError(
				`No Intercom contact has the ID ${input.contactId}. Check the Contact ID field, or also give an email or external ID to find or create the contact by.`,
			);
		}
	}
	const rememberedId = await recall(session, input);
	if (rememberedId) {
		// An earlier item, or a recent execution, already settled this person; search may not show it yet.
		const contact = await getContactIfExists(transport, rememberedId);
		if (contact) return found.set(contact.id, contact);
	}
	for (const contact of await searchContactsByIdentity(transport, input)) found.set(contact.id, contact);
	return found;
}

/** Leads go into the kept user by merge; any other duplicate is archived when the policy allows. */
async function foldDuplicates(
	session: IntercomSession,
	keeper: Contact,
	others: Contact[],
	policy: UpsertPolicy,
	outcome: Pick<UpsertOutcome, 'mergedContactIds' | 'archivedContactIds'>,
) {
	for (const other of others) {
		const merge = other.role === 'lead' && keeper.role === 'user';
		if (!merge && !policy.archiveDuplicates) continue;
		const result = merge
			? await mergeLeadIntoUser(session.transport, other.id, keeper.id)
			: await archiveContact(session.transport, other.id);
		// Another execution merged or removed it first: nothing left to fold.
		if (isGone(result)) continue;
		unwrap<unknown>(result);
		(merge ? outcome.mergedContactIds : outcome.archivedContactIds).push(other.id);
	}
}

/**
 * Sends only what differs or was given (with `compare`, only what differs); never turns a user back into a
 * lead or replaces an external ID. With `compare`, the keeper is the contact as search or a read found it,
 * so no request is added; a search result can be a few minutes old, and a change made meanwhile by someone
 * else may then be taken for "unchanged" (the next run sees it).
 */
async function writeFields(
	session: IntercomSession,
	keeper: Contact,
	input: UpsertInput,
	notes: string[],
	compare = false,
): Promise<CallResult<Contact> | { value: Contact; unchanged: true }> {
	const { role, email, external_id: externalId, ...given } = input.fields;
	const update: ContactFields = { ...given };
	if (role === 'user' && keeper.role !== 'user') update.role = 'user';
	if (email && normalizeEmail(keeper.email ?? '') !== email) update.email = email;
	if (externalId && !keeper.external_id) update.external_id = externalId;
	if (externalId && keeper.external_id && keeper.external_id !== externalId) {
		notes.push(`Kept the contact's existing external ID ${keeper.external_id}; ${externalId} was not written.`);
	}
	const toSend = compare ? changedFields(keeper, update) : update;
	if (compare && Object.keys(toSend).length === 0) return { value: keeper, unchanged: true };
	if (Object.keys(toSend).length === 0) return { value: keeper };
	return await updateContact(session.transport, keeper.id, toSend);
}

/**
 * Writes to a contact known by ID. Never downgrades a user to a lead and leaves its email as it is.
 * Undefined when the contact is gone or the write conflicts: the caller then settles it the long way.
 * With `compare`, the contact is read first (nothing else has fetched it) and written only if it differs.
 */
async function writeKnownContact(session: IntercomSession, contactId: string, fields: UpsertInput['fields'], compare = false) {
	const { role, email: _email, external_id: _externalId, ...given } = fields;
	let update: ContactFields = { ...given, ...(role === 'user' ? { role } : {}) };
	let current: CallResult<Contact> | undefined;
	if (compare || Object.keys(update).length === 0) {
		current = await findContact(session.transport, contactId);
		if (isGone(current)) return undefined;
		update = compare ? changedFields(unwrap(current), update) : update;
	}
	const result = Object.keys(update).length > 0 ? await updateContact(session.transport, contactId, update) : current!;
	if (isGone(result) || conflictingContact(result)) return undefined;
	return { contact: unwrap(result), unchanged: compare && result === current };
}

function identityKeys(input: UpsertInput): string[] {
	return [input.externalId && `external:${input.externalId}`, input.email && `email:${input.email}`].filter(
		(key): key is string => Boolean(key),
	);
}

async function remember(session: IntercomSession, input: UpsertInput, contactId: string): Promise<void> {
	for (const key of identityKeys(input)) await session.rememberId(`contact:${key}`, contactId);
}

async function recall(session: IntercomSession, input: UpsertInput): Promise<string | undefined> {
	for (const key of identityKeys(input)) {
		const id = await session.recallId(`contact:${key}`);
		if (id) return id;
	}
	return undefined;
}
