/**
 * The part of PostgREST's read grammar that supabase-js sends for plain table reads:
 * `select` lists of plain columns, `eq/neq/gt/gte/lt/lte/in/is` filters, `order`, `limit` and `offset`.
 * Everything else PostgREST knows (embedding, aliases, casts, `or`, `not.`, `like`, …) is refused as
 * unsupported, so a change in what the node sends shows up as a failing test instead of a silent pass.
 */

export type ComparisonOperator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte';

export type Filter =
	| { column: string; operator: ComparisonOperator; value: string }
	| { column: string; operator: 'in'; values: string[] }
	| { column: string; operator: 'is'; value: 'null' | 'true' | 'false' | 'unknown' };

export interface OrderTerm {
	column: string;
	descending: boolean;
	nulls?: 'first' | 'last';
}

export interface ReadRequest {
	table: string;
	/** `undefined` means every column (`select=*` or no `select`). */
	columns?: string[];
	filters: Filter[];
	order: OrderTerm[];
	limit?: number;
	offset?: number;
}

/** A request outside the supported grammar: `unsupported` is valid PostgREST the fake does not implement. */
export class GrammarError extends Error {
	constructor(
		readonly kind: 'invalid' | 'unsupported',
		message: string,
	) {
		super(message);
	}
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const COMPARISONS = new Set<string>(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']);
/** Operators PostgREST has but the fake refuses (so they are reported as unsupported, not as typos). */
const OTHER_OPERATORS = new Set([
	...['like', 'ilike', 'match', 'imatch', 'isdistinct', 'fts', 'plfts', 'phfts', 'wfts'],
	...['cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj', 'not', 'any', 'all'],
]);
const RESERVED = new Set(['select', 'order', 'limit', 'offset']);
const UNSUPPORTED_PARAMETERS = new Set(['or', 'and', 'not.or', 'not.and', 'columns', 'on_conflict', 'apikey']);

function identifier(name: string, where: string): string {
	if (IDENTIFIER.test(name)) return name;
	throw new GrammarError('unsupported', `only plain column names are supported in ${where}, got "${name}"`);
}

function parseColumns(select: string): string[] | undefined {
	if (select === '*') return undefined;
	if (select === '') throw new GrammarError('invalid', 'empty select');
	return select.split(',').map((name) => identifier(name, 'select'));
}

/**
 * Splits `(a,"b,c",d)` the way PostgREST does: a quoted element (with backslash escapes) when the quote
 * closes right before `,` or `)`, otherwise everything up to the next `,` or `)` taken literally.
 */
export function parseInList(raw: string): string[] {
	const invalid = () => new GrammarError('invalid', `failed to parse filter (in.${raw})`);
	if (!raw.startsWith('(') || !raw.endsWith(')')) throw invalid();
	const body = raw.slice(1, -1);
	const values: string[] = [];
	for (let position = 0; body !== '' && position <= body.length; position++) {
		const quoted = body[position] === '"' ? readQuoted(body, position) : undefined;
		if (quoted && (quoted.end === body.length || body[quoted.end] === ',')) {
			values.push(quoted.value);
			position = quoted.end;
		} else {
			const comma = body.indexOf(',', position);
			const end = comma === -1 ? body.length : comma;
			const value = body.slice(position, end);
			// Unquoted values end at ")" in PostgREST, so one inside means the list was cut short.
			if (value.includes(')')) throw invalid();
			values.push(value);
			position = end;
		}
	}
	return values;
}

function readQuoted(text: string, start: number): { value: string; end: number } | undefined {
	let value = '';
	for (let index = start + 1; index < text.length; index++) {
		const char = text[index];
		if (char === '\\' && index + 1 < text.length) value += text[++index];
		else if (char === '"') return { value, end: index + 1 };
		else value += char;
	}
	return undefined;
}

function parseFilter(column: string, raw: string): Filter {
	identifier(column, 'filters');
	const dot = raw.indexOf('.');
	const operator = dot === -1 ? raw : raw.slice(0, dot);
	const argument = dot === -1 ? undefined : raw.slice(dot + 1);
	if (argument === undefined) throw new GrammarError('invalid', `failed to parse filter (${raw})`);
	if (COMPARISONS.has(operator)) return { column, operator: operator as ComparisonOperator, value: argument };
	if (operator === 'in') return { column, operator, values: parseInList(argument) };
	if (operator === 'is') {
		if (argument === 'null' || argument === 'true' || argument === 'false' || argument === 'unknown') {
			return { column, operator, value: argument };
		}
		throw new GrammarError('invalid', `failed to parse filter (${raw})`);
	}
	if (OTHER_OPERATORS.has(operator)) throw new GrammarError('unsupported', `operator "${operator}" (in ${column}=${raw})`);
	throw new GrammarError('invalid', `failed to parse filter (${raw})`);
}

function parseOrder(raw: string): OrderTerm[] {
	return raw.split(',').map((term) => {
		const [column, ...modifiers] = term.split('.');
		const order: OrderTerm = { column: identifier(column, 'order'), descending: false };
		for (const modifier of modifiers) {
			if (modifier === 'asc' || modifier === 'desc') order.descending = modifier === 'desc';
			else if (modifier === 'nullsfirst' || modifier === 'nullslast') order.nulls = modifier === 'nullsfirst' ? 'first' : 'last';
			else throw new GrammarError('invalid', `failed to parse order (${raw})`);
		}
		return order;
	});
}

function parseCount(name: string, raw: string): number {
	if (!/^\d{1,9}$/.test(raw)) throw new GrammarError('invalid', `failed to parse ${name} (${raw})`);
	return Number(raw);
}

/** Parses the query string of `GET /rest/v1/<table>`; throws `GrammarError` for anything unsupported. */
export function parseReadRequest(table: string, search: URLSearchParams): ReadRequest {
	const request: ReadRequest = { table: identifier(table, 'the table name'), filters: [], order: [] };
	const seen = new Set<string>();
	for (const [name, raw] of search) {
		if (UNSUPPORTED_PARAMETERS.has(name) || name.includes('.')) {
			throw new GrammarError('unsupported', `query parameter "${name}"`);
		}
		if (!RESERVED.has(name)) {
			request.filters.push(parseFilter(name, raw));
			continue;
		}
		if (seen.has(name)) throw new GrammarError('unsupported', `repeated "${name}"`);
		seen.add(name);
		if (name === 'select') request.columns = parseColumns(raw);
		else if (name === 'order') request.order = parseOrder(raw);
		else if (name === 'limit') request.limit = parseCount(name, raw);
		else request.offset = parseCount(name, raw);
	}
	return request;
}
