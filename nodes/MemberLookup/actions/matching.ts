/**
 * Pairs directory rows with lookup keys: normalises keys, groups rows, applies the status filter,
 * picks one member when several match, and shapes each output item's JSON.
 */
import type { IDataObject } from 'n8n-workflow';

import { LookupFailure } from '../../common/lookupFailure';
import type { DirectoryRows } from '../../common/memberDatabase/transport';
import { intercomAttributesFor, type MemberRow } from './intercomAttributes';
import type { LookupSettings, MatchBy } from './settings';

/** The output keys this node owns; member columns with these names are left out rather than clash. */
const OWN_KEYS = new Set(['found', 'matchCount', 'positions', 'intercom']);

export interface LookupKey {
	/** Compared with the directory's values: trimmed and lower-cased, as MySQL's default collations compare. */
	match: string;
	/**
	 * Sent to the database. Emails go as typed (trimmed) and lower-cased, so a case-sensitive column
	 * still finds the address typed exactly as stored; member numbers go as typed (trimmed).
	 */
	queries: string[];
}

export function lookupKeyOf(value: unknown, matchBy: MatchBy): LookupKey | undefined {
	if (value === null || value === undefined) return undefined;
	const typed = String(value).trim();
	if (typed === '') return undefined;
	const match = typed.toLowerCase();
	return { match, queries: matchBy === 'email' && typed !== match ? [typed, match] : [typed] };
}

function matchKeyOf(value: unknown): string | undefined {
	if (value === null || value === undefined) return undefined;
	const match = String(value).trim().toLowerCase();
	return match === '' ? undefined : match;
}

/**
 * A decimal number written one way: `00123`, `123` and `123.0` all give `123`. Undefined for anything
 * else, so only keys MySQL itself would compare as numbers are paired as numbers.
 */
function canonicalNumber(value: unknown): string | undefined {
	const parts = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(String(value).trim());
	if (!parts || parts[2] + (parts[3] ?? '') === '') return undefined;
	const whole = parts[2].replace(/^0+/, '') || '0';
	const fraction = (parts[3] ?? '').replace(/0+$/, '');
	const sign = parts[1] === '-' && (whole !== '0' || fraction !== '') ? '-' : '';
	return sign + whole + (fraction === '' ? '' : `.${fraction}`);
}

export function keyColumnOf(settings: LookupSettings): string {
	return settings.matchBy === 'email' ? settings.columns.emailColumn : settings.columns.memberNumberColumn;
}

export interface MemberMatch {
	member: MemberRow;
	matchCount: number;
}

/**
 * For every key with at least one row of a wanted status, the preferred row and how many matched.
 * A numeric key column is compared as numbers, as MySQL did in the query: `00123` finds row 123.
 */
export function pickMembers(
	{ rows, numericColumns }: DirectoryRows,
	keys: LookupKey[],
	settings: LookupSettings,
): Map<string, MemberMatch> {
	const keyColumn = keyColumnOf(settings);
	const statusColumn = settings.columns.statusColumn;
	if (rows.length > 0) checkReturnedColumns(rows[0], settings);
	const keysOfRow = numericColumns.has(keyColumn) ? numericPairing(keys) : textPairing;
	const wanted = new Set(settings.statuses.map((status) => status.toLowerCase()));
	const grouped = new Map<string, MemberRow[]>();
	for (const row of rows) {
		const status = String(row[statusColumn] ?? '').trim().toLowerCase();
		if (wanted.size > 0 && !wanted.has(status)) continue; // custom queries are filtered here
		for (const key of keysOfRow(row[keyColumn])) {
			const group = grouped.get(key);
			if (group) group.push(row);
			else grouped.set(key, [row]);
		}
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

function textPairing(value: unknown): string[] {
	const key = matchKeyOf(value);
	return key === undefined ? [] : [key];
}

/** Row value → the keys it answers; several keys (`123`, `0123`) may name the same number. */
function numericPairing(keys: LookupKey[]): (value: unknown) => string[] {
	const keysByNumber = new Map<string, string[]>();
	for (const key of keys) {
		const number = canonicalNumber(key.match);
		if (number === undefined) continue;
		const same = keysByNumber.get(number);
		if (same) same.push(key.match);
		else keysByNumber.set(number, [key.match]);
	}
	return (value) => {
		const number = value === null || value === undefined ? undefined : canonicalNumber(value);
		return (number !== undefined && keysByNumber.get(number)) || textPairing(value);
	};
}

/**
 * Rows without the key column (or the status column while filtering by status) would leave every
 * item not found without a word: a custom query that renamed it, or a column name in another case.
 */
function checkReturnedColumns(row: MemberRow, settings: LookupSettings): void {
	const keyColumn = keyColumnOf(settings);
	const keySetting = settings.matchBy === 'email' ? 'Email Column' : 'Member Number Column';
	const returned = `The rows have these columns: ${Object.keys(row).slice(0, 30).join(', ')}.`;
	const fix =
		settings.directory.kind === 'customQuery'
			? 'Make Custom Query return it (rename with AS if needed), or set'
			: 'Set';
	if (!(keyColumn in row)) {
		throw new LookupFailure(
			`The member rows have no “${keyColumn}” column to match the keys against`,
			`${fix} ${keySetting} under Column Names to the column's exact name (letter case counts). ${returned}`,
			'configuration',
		);
	}
	const statusColumn = settings.columns.statusColumn;
	if (settings.statuses.length > 0 && !(statusColumn in row)) {
		throw new LookupFailure(
			`The member rows have no “${statusColumn}” column for the status filter`,
			`${fix} Status Column under Column Names to the column's exact name (letter case counts), or empty Member Statuses to accept any status. ${returned}`,
			'configuration',
		);
	}
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
