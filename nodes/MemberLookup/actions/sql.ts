/**
 * SQL for the member directory. Identifiers come from node settings, so they are checked against a
 * strict pattern and quoted; every value travels as a `?` parameter, never inside the SQL text.
 */

import type { SqlQuery } from '../../common/memberDatabase/transport';
import type { DirectoryColumns } from './settings';

// Letters (any script), digits, underscore and dollar: what MySQL accepts unquoted, at most 64 long.
const IDENTIFIER = /^[\p{L}\p{N}_$]{1,64}$/u;

export function isValidIdentifier(name: string): boolean {
	return IDENTIFIER.test(name);
}

/** `database.table` or `table`, each part checked. */
export function isValidTableName(name: string): boolean {
	const parts = name.split('.');
	return parts.length <= 2 && parts.every(isValidIdentifier);
}

function quoteIdentifier(name: string): string {
	return name
		.split('.')
		.map((part) => '`' + part.replace(/`/g, '``') + '`')
		.join('.');
}

export type EmailComparison = 'collation' | 'lowerCase';

/** One query for a chunk of keys: matching rows of the wanted statuses, every column. */
export function buildTableQuery(options: {
	table: string;
	columns: DirectoryColumns;
	keyColumn: string;
	keys: string[];
	statuses: string[];
	emailComparison: EmailComparison;
}): SqlQuery {
	const { table, columns, keyColumn, keys, statuses, emailComparison } = options;
	const keyExpression =
		emailComparison === 'lowerCase'
			? `LOWER(TRIM(${quoteIdentifier(keyColumn)}))`
			: quoteIdentifier(keyColumn);
	// mysql2 expands an array bound to one `?` into an escaped list: IN (?) becomes IN ('a', 'b').
	let sql = `SELECT * FROM ${quoteIdentifier(table)} WHERE ${keyExpression} IN (?)`;
	const values: unknown[] = [keys];
	if (statuses.length > 0) {
		sql += ` AND ${quoteIdentifier(columns.statusColumn)} IN (?)`;
		values.push(statuses);
	}
	return { sql, values };
}

/** Positions of `?` that are placeholders, skipping quoted strings, quoted names and comments. */
function findPlaceholders(sql: string): number[] {
	const found: number[] = [];
	let i = 0;
	while (i < sql.length) {
		const char = sql[i];
		const next = sql[i + 1];
		if (char === "'" || char === '"' || char === '`') {
			i = skipQuoted(sql, i, char);
		} else if ((char === '-' && next === '-') || char === '#') {
			const end = sql.indexOf('\n', i);
			i = end === -1 ? sql.length : end + 1;
		} else if (char === '/' && next === '*') {
			const end = sql.indexOf('*/', i + 2);
			i = end === -1 ? sql.length : end + 2;
		} else {
			if (char === '?') found.push(i);
			i++;
		}
	}
	return found;
}

function skipQuoted(sql: string, start: number, quote: string): number {
	let i = start + 1;
	while (i < sql.length) {
		if (sql[i] === '\\' && quote !== '`') {
			i += 2;
		} else if (sql[i] === quote) {
			if (sql[i + 1] === quote) i += 2;
			else return i + 1;
		} else {
			i++;
		}
	}
	return i;
}

/** Why a custom query cannot be used, or undefined when it can. */
export function checkCustomQuery(sql: string): string | undefined {
	const trimmed = stripLeadingComments(sql).trim();
	if (!/^(select|with)\b/i.test(trimmed)) {
		return 'The custom query must be a SELECT (or start with WITH)';
	}
	const withoutTrailingSemicolon = trimmed.replace(/;\s*$/, '');
	if (hasStatementSeparator(withoutTrailingSemicolon)) {
		return 'The custom query must be a single statement; remove the ; between statements';
	}
	const placeholders = findPlaceholders(withoutTrailingSemicolon).length;
	if (placeholders !== 1) {
		return `The custom query must contain exactly one ? for the list of keys, as in IN (?); it has ${placeholders}`;
	}
	return undefined;
}

export function buildCustomQuery(sql: string, keys: string[]): SqlQuery {
	return { sql: stripLeadingComments(sql).trim().replace(/;\s*$/, ''), values: [keys] };
}

function stripLeadingComments(sql: string): string {
	return sql.replace(/^(\s*(--[^\n]*\n|#[^\n]*\n|\/\*[\s\S]*?\*\/))*/, '');
}

function hasStatementSeparator(sql: string): boolean {
	// Reuse the placeholder scanner's idea: a ; outside quotes and comments separates statements.
	const masked = sql.replace(/;/g, '?');
	const original = findPlaceholders(sql).length;
	return findPlaceholders(masked).length !== original;
}
