/**
 * Pairs directory rows with lookup keys: normalises keys, groups rows, applies the status filter,
 * picks one member when several match, and shapes each output item's JSON.
 */
import type { IDataObject } from 'n8n-workflow';

import { intercomAttributesFor, type MemberRow } from './intercomAttributes';
import type { LookupSettings, MatchBy } from './settings';

/** The output keys this node owns; member columns with these names are left out rather than clash. */
const OWN_KEYS = new Set(['found', 'matchCount', 'positions', 'intercom']);

export interface LookupKey {
	/** Compared with the directory's values: trimmed and lower-cased, as MySQL's default collations compare. */
	match: string;
	/** Sent to the database: emails lower-cased, member numbers as typed (trimmed). */
	query: string;
}

export function lookupKeyOf(value: unknown, matchBy: MatchBy): LookupKey | undefined {
	const match = matchKeyOf(value);
	if (match === undefined) return undefined;
	return { match, query: matchBy === 'email' ? match : String(value).trim() };
}

function matchKeyOf(value: unknown): string | undefined {
	if (value === null || value === undefined) return undefined;
	const match = String(value).trim().toLowerCase();
	return match === '' ? undefined : match;
}

export function keyColumnOf(settings: LookupSettings): string {
	return settings.matchBy === 'email' ? settings.columns.emailColumn : settings.columns.memberNumberColumn;
}

export interface MemberMatch {
	member: MemberRow;
	matchCount: number;
}

/** For every key with at least one row of a wanted status, the preferred row and how many matched. */
export function pickMembers(rows: MemberRow[], settings: LookupSettings): Map<string, MemberMatch> {
	const keyColumn = keyColumnOf(settings);
	const statusColumn = settings.columns.statusColumn;
	const wanted = new Set(settings.statuses.map((status) => status.toLowerCase()));
	const grouped = new Map<string, MemberRow[]>();
	for (const row of rows) {
		const status = String(row[statusColumn] ?? '').trim().toLowerCase();
		if (wanted.size > 0 && !wanted.has(status)) continue; // custom queries are filtered here
		const key = matchKeyOf(row[keyColumn]);
		if (key === undefined) continue;
		const group = grouped.get(key);
		if (group) group.push(row);
		else grouped.set(key, [row]);
	}

	const picked = new Map<string, MemberMatch>();
	const order = settings.statusOrder.map((status) => status.toLowerCase());
	const rank = (row: MemberRow) => {
		const index = order.indexOf(String(row[statusColumn] ?? '').trim().toLowerCase());
		return index === -1 ? order.length : index;
	};
	const memberNumber = (row: MemberRow) => String(row[settings.columns.memberNumberColumn] ?? '');
	for (const [key, group] of grouped) {
		const best = group.reduce((a, b) => {
			const byRank = rank(a) - rank(b);
			if (byRank !== 0) return byRank < 0 ? a : b;
			return memberNumber(a).localeCompare(memberNumber(b), undefined, { numeric: true }) <= 0 ? a : b;
		});
		picked.set(key, { member: best, matchCount: group.length });
	}
	return picked;
}

export function memberNumberOf(member: MemberRow, settings: LookupSettings): string {
	return String(member[settings.columns.memberNumberColumn] ?? '').trim();
}

export function foundJson(match: MemberMatch, positions: string[], settings: LookupSettings): IDataObject {
	const json: IDataObject = { found: true, matchCount: match.matchCount };
	for (const column in match.member) {
		if (!OWN_KEYS.has(column)) json[column] = match.member[column] as IDataObject[string];
	}
	json.positions = positions;
	json.intercom = intercomAttributesFor(match.member, positions, settings.columns, settings.attributes);
	return json;
}

export function notFoundJson(): IDataObject {
	return { found: false, matchCount: 0 };
}
