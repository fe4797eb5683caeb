import type { INodeProperties } from 'n8n-workflow';

import { samePhoneNumber } from '../../common/phone';
import type { Contact, ContactFields } from './contactApi';
import { normalizeEmail } from './contactApi';

/** The Create or Update option (under Options) that turns the comparison on. */
export const skipUnchangedOption: INodeProperties = {
	displayName: 'Skip When Nothing Changed',
	name: 'skipUnchanged',
	type: 'boolean',
	default: false,
	description:
		'Whether to leave an existing contact alone when it already has every value to be written (the item then says action "unchanged"), and otherwise to send only the values that differ. With a Contact ID the contact is read first.',
};

/**
 * Intercom answers every custom attribute the workspace defines, null when it was never set; n8n's list
 * gives "" for a value left empty. Neither holds anything, so they are the same.
 */
const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Whether two attribute values mean the same. A number or true/false attribute comes back typed while the
 * form's list sends text ("12345", "true"), and Intercom stores the text as the attribute's type, so a typed
 * side is compared as that type. Two texts stay text: "012345" and "12345" are different member numbers.
 * Surrounding spaces (a padded database column) change nothing a person reads.
 */
export function sameValue(current: unknown, wanted: unknown): boolean {
	if (isBlank(current) || isBlank(wanted)) return isBlank(current) && isBlank(wanted);
	const [typed, other] = typeof current === 'string' ? [wanted, current] : [current, wanted];
	if (typeof typed === 'number') return typeof other !== 'boolean' && String(other).trim() !== '' && Number(other) === typed;
	if (typeof typed === 'boolean') return String(other).trim().toLowerCase() === String(typed);
	return String(current).trim() === String(wanted).trim();
}

/** Names: runs of spaces are how a name was typed, not a different name; letter case is a real correction. */
const sameName = (current: unknown, wanted: unknown) =>
	sameValue(
		typeof current === 'string' ? current.replace(/\s+/g, ' ') : current,
		typeof wanted === 'string' ? wanted.replace(/\s+/g, ' ') : wanted,
	);

/**
 * Phones: we write E.164 ("+17654657031") but a number typed into Intercom may read "(765) 465-7031". The
 * stored one is read in the country of the number we write; the same number in any notation is the same.
 */
function samePhone(current: unknown, wanted: unknown): boolean {
	if (isBlank(current) || isBlank(wanted)) return isBlank(current) && isBlank(wanted);
	return samePhoneNumber(String(current), String(wanted));
}

/**
 * The part of `update` that would change `current`: fields and custom attributes whose values differ.
 * Empty when writing would change nothing.
 */
export function changedFields(current: Contact, update: ContactFields): ContactFields {
	const changed: ContactFields = {};
	if (update.role !== undefined && update.role !== current.role) changed.role = update.role;
	if (update.email !== undefined && normalizeEmail(current.email ?? '') !== normalizeEmail(update.email)) changed.email = update.email;
	if (update.external_id !== undefined && !sameValue(current.external_id, update.external_id)) changed.external_id = update.external_id;
	if (update.name !== undefined && !sameName(current.name, update.name)) changed.name = update.name;
	if (update.phone !== undefined && !samePhone(current.phone, update.phone)) changed.phone = update.phone;
	const attributes = Object.entries(update.custom_attributes ?? {}).filter(
		([name, value]) => !sameValue((current.custom_attributes as Record<string, unknown> | undefined)?.[name], value),
	);
	if (attributes.length > 0) changed.custom_attributes = Object.fromEntries(attributes);
	return changed;
}
