import type { Intercom } from 'intercom-client';

import type { ContactQuery } from './contactApi';

/** What Get Many may ask for; every filter given must hold (AND). */
export interface ContactSearchFilters {
	role?: 'user' | 'lead';
	/** Custom attributes that must have a value. */
	hasAttributes?: string[];
	/** Custom attributes that must be empty. */
	missingAttributes?: string[];
	withEmail?: boolean;
	emailDomain?: string;
	/** A calendar day `YYYY-MM-DD`: contacts updated on that day or later. */
	updatedSince?: string;
}

type Filter = Intercom.SingleFilterSearchRequest;

/** Intercom allows at most 15 filters in one AND group. */
export const MAX_FILTERS = 15;

const DAY_SECONDS = 86_400;

/**
 * `updated_at > value` matches from the start of the day after the one `value` falls on, in the workspace's
 * time zone. Noon (UTC) of the day before the wanted one falls on that day before in every zone from UTC−11
 * to UTC+11, so the search starts at the wanted day's midnight wherever the workspace is.
 */
export function updatedSinceBound(day: string): number {
	const [year, month, date] = day.split('-').map(Number);
	return Date.UTC(year, month - 1, date) / 1000 - DAY_SECONDS / 2;
}

/** One search filter per condition. */
export function searchFilters(filters: ContactSearchFilters): Filter[] {
	// The contract allows null ("has no value"); the SDK's types do not spell it.
	const empty = null as unknown as string;
	return [
		...(filters.role ? [{ field: 'role', operator: '=' as const, value: filters.role }] : []),
		...(filters.hasAttributes ?? []).map((name) => ({ field: `custom_attributes.${name}`, operator: '!=' as const, value: empty })),
		...(filters.missingAttributes ?? []).map((name) => ({ field: `custom_attributes.${name}`, operator: '=' as const, value: empty })),
		// Every address holds an @; this also leaves out contacts whose email Intercom answers as "".
		...(filters.withEmail ? [{ field: 'email', operator: '~' as const, value: '@' }] : []),
		...(filters.emailDomain ? [{ field: 'email_domain', operator: '=' as const, value: filters.emailDomain }] : []),
		...(filters.updatedSince
			? [{ field: 'updated_at', operator: '>' as const, value: updatedSinceBound(filters.updatedSince) }]
			: []),
	];
}

/**
 * The search query for the filters: one filter as it is, several in one AND group. With no filter at all
 * every contact is wanted, and search needs some query: both roles cover everyone.
 */
export function contactSearchQuery(filters: ContactSearchFilters): ContactQuery {
	const parts = searchFilters(filters);
	if (parts.length === 0) return { field: 'role', operator: 'IN', value: ['user', 'lead'] };
	return parts.length === 1 ? parts[0] : { operator: 'AND', value: parts };
}

/** Words for log lines and errors: what was searched for, such as "users with member_number". */
export function describeFilters(filters: ContactSearchFilters): string {
	const qualifiers = [
		filters.hasAttributes?.length && `with ${filters.hasAttributes.join(', ')}`,
		filters.missingAttributes?.length && `without ${filters.missingAttributes.join(', ')}`,
		filters.withEmail && 'with an email',
		filters.emailDomain && `at ${filters.emailDomain}`,
		filters.updatedSince && `updated since ${filters.updatedSince}`,
	].filter(Boolean);
	return [filters.role ? `${filters.role}s` : 'contacts', qualifiers.join(', ')].filter(Boolean).join(' ');
}
