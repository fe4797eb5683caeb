/**
 * Intercom's search grammar (`{field, operator, value}` or `{operator: AND|OR, value: [...]}`) over the
 * records search can currently see, with the limits and operator rules the contract describes in prose.
 */
import { badRequest, contractViolation } from './errors';

export type FieldKind = 'string' | 'integer' | 'boolean' | 'date' | 'any';

export interface SearchField<T> {
	kind: FieldKind;
	get(record: T): unknown;
}

export type FieldResolver<T> = (field: string) => SearchField<T> | undefined;

interface Filter {
	field?: string;
	operator?: string;
	value?: unknown;
}

export interface SearchBody {
	query: Filter;
	pagination?: { per_page?: number; starting_after?: string | null } | null;
}

export interface SearchPage<T> {
	records: T[];
	total_count: number;
	pages: Record<string, unknown>;
}

export const MAX_PER_PAGE = 150;
const MAX_GROUP_DEPTH = 2;
const MAX_FILTERS_PER_GROUP = 15;
const DAY_SECONDS = 86_400;

const OPERATORS_BY_KIND: Record<FieldKind, string[]> = {
	string: ['=', '!=', 'IN', 'NIN', '~', '!~', '^', '$'],
	integer: ['=', '!=', 'IN', 'NIN', '<', '>', '<=', '>='],
	boolean: ['=', '!=', 'IN', 'NIN'],
	date: ['=', '<', '>'],
	any: ['=', '!=', 'IN', 'NIN', '~', '!~', '^', '$', '<', '>', '<=', '>='],
};

type Predicate<T> = (record: T) => boolean;

const normalise = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);
const isEmpty = (value: unknown) => value === null || value === undefined || value === '';

function equals(actual: unknown, expected: unknown): boolean {
	// List fields (a ticket's contact_ids) match when any element does.
	if (Array.isArray(actual)) return expected === null ? actual.length === 0 : actual.some((one) => equals(one, expected));
	if (expected === null) return isEmpty(actual);
	// Intercom's string matching ignores case; numbers may be sent as strings for custom attributes.
	return String(normalise(actual)) === String(normalise(expected)) && !isEmpty(actual);
}

function compileFilter<T>(filter: Filter, resolve: FieldResolver<T>): Predicate<T> {
	const { field, operator, value } = filter;
	if (typeof field !== 'string' || typeof operator !== 'string') {
		throw contractViolation('Each search filter needs a field and an operator');
	}
	const spec = resolve(field);
	if (!spec) throw badRequest(`${field} is not a searchable field`);
	if (!OPERATORS_BY_KIND[spec.kind].includes(operator)) {
		throw contractViolation(`The operator ${operator} cannot be used on ${field} (${spec.kind} field)`);
	}
	const listOperator = operator === 'IN' || operator === 'NIN';
	if (listOperator !== Array.isArray(value)) {
		throw contractViolation(
			listOperator ? `${operator} needs an array value` : `${operator} needs a single value`,
		);
	}
	const get = spec.get;
	if (spec.kind === 'date') return datePredicate(get, operator, Number(value));
	const text = (record: T) => String(normalise(get(record)) ?? '');
	const needle = String(normalise(value) ?? '');
	switch (operator) {
		case '=':
			return (record) => equals(get(record), value);
		case '!=':
			return (record) => !equals(get(record), value);
		case 'IN':
			return (record) => (value as unknown[]).some((one) => equals(get(record), one));
		case 'NIN':
			return (record) => !(value as unknown[]).some((one) => equals(get(record), one));
		case '~':
			return (record) => text(record).includes(needle);
		case '!~':
			return (record) => !text(record).includes(needle);
		case '^':
			return (record) => text(record).startsWith(needle);
		case '$':
			return (record) => text(record).endsWith(needle);
		default:
			return numericPredicate(get, operator, Number(value));
	}
}

function numericPredicate<T>(get: (record: T) => unknown, operator: string, bound: number): Predicate<T> {
	return (record) => {
		const actual = get(record);
		if (typeof actual !== 'number') return false;
		if (operator === '<') return actual < bound;
		if (operator === '>') return actual > bound;
		if (operator === '<=') return actual <= bound;
		return actual >= bound;
	};
}

/** Dates match by whole (UTC) day, as the contract describes. */
function datePredicate<T>(get: (record: T) => unknown, operator: string, value: number): Predicate<T> {
	const dayStart = Math.floor(value / DAY_SECONDS) * DAY_SECONDS;
	return (record) => {
		const actual = get(record);
		if (typeof actual !== 'number') return false;
		if (operator === '=') return actual >= dayStart && actual < dayStart + DAY_SECONDS;
		if (operator === '>') return actual >= dayStart + DAY_SECONDS;
		return actual < dayStart;
	};
}

function compileQuery<T>(query: Filter, resolve: FieldResolver<T>, depth: number): Predicate<T> {
	if (query.operator !== 'AND' && query.operator !== 'OR') return compileFilter(query, resolve);
	if (depth >= MAX_GROUP_DEPTH) {
		throw contractViolation(`Search queries allow at most ${MAX_GROUP_DEPTH} nested filter groups`);
	}
	const parts = query.value;
	if (!Array.isArray(parts) || parts.length === 0) {
		throw contractViolation(`${query.operator} needs a non-empty array of filters`);
	}
	if (parts.length > MAX_FILTERS_PER_GROUP) {
		throw contractViolation(`Each AND or OR group allows at most ${MAX_FILTERS_PER_GROUP} filters`);
	}
	const predicates = parts.map((part: Filter) => compileQuery(part, resolve, depth + 1));
	return query.operator === 'AND'
		? (record) => predicates.every((matches) => matches(record))
		: (record) => predicates.some((matches) => matches(record));
}

function decodeCursor(cursor: string): number {
	const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^offset:/, ''));
	if (!Number.isInteger(offset) || offset < 0) throw badRequest('starting_after is not a valid cursor');
	return offset;
}

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');

export function runSearch<T>(
	visible: T[],
	body: SearchBody,
	resolve: FieldResolver<T>,
	defaultPerPage: number,
): SearchPage<T> {
	const perPage = body.pagination?.per_page ?? defaultPerPage;
	if (perPage > MAX_PER_PAGE || perPage < 1) {
		throw contractViolation(`per_page must be between 1 and ${MAX_PER_PAGE}`);
	}
	const matches = visible.filter(compileQuery(body.query, resolve, 0));
	const cursor = body.pagination?.starting_after;
	const offset = cursor ? decodeCursor(cursor) : 0;
	const records = matches.slice(offset, offset + perPage);
	const pages: Record<string, unknown> = {
		type: 'pages',
		page: Math.floor(offset / perPage) + 1,
		per_page: perPage,
		total_pages: Math.ceil(matches.length / perPage),
	};
	if (offset + perPage < matches.length) {
		pages.next = { per_page: perPage, starting_after: encodeCursor(offset + perPage) };
	}
	return { records, total_count: matches.length, pages };
}
