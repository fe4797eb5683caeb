/**
 * Runs a parsed read against Postgres the way PostgREST does: identifiers checked against the catalog and
 * quoted, every value a bound parameter cast to the column's type by Postgres itself, rows serialised
 * by Postgres' json_agg, and Postgres errors mapped to PostgREST's status codes and error body.
 */
import { allTables, DatabaseError, tableColumns, type ColumnInfo, type Engine } from './engine';
import type { Filter, OrderTerm, ReadRequest } from './grammar';

export interface RestResponse {
	status: number;
	headers: Record<string, string>;
	body: string;
}

export interface PostgrestErrorBody {
	code: string;
	details: string | null;
	hint: string | null;
	message: string;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): RestResponse {
	return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

export function errorResponse(status: number, code: string, message: string, details: string | null = null): RestResponse {
	const body: PostgrestErrorBody = { code, details, hint: null, message };
	return jsonResponse(status, body);
}

const COMPARISON_SQL = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

class SqlBuilder {
	readonly values: string[] = [];

	constructor(
		private readonly table: string,
		private readonly types: Map<string, string>,
	) {}

	column(name: string): string {
		return `"public".${quote(this.table)}.${quote(name)}`;
	}

	/** A bound text parameter that Postgres casts to the column's type, as PostgREST's untyped literals are. */
	value(column: string, value: string): string {
		this.values.push(value);
		return `CAST($${this.values.length}::text AS ${this.types.get(column)})`;
	}

	condition(filter: Filter): string {
		const column = this.column(filter.column);
		switch (filter.operator) {
			case 'in':
				if (filter.values.length === 0) return 'false';
				return `${column} IN (${filter.values.map((value) => this.value(filter.column, value)).join(', ')})`;
			case 'is':
				return `${column} IS ${filter.value.toUpperCase()}`;
			default:
				return `${column} ${COMPARISON_SQL[filter.operator]} ${this.value(filter.column, filter.value)}`;
		}
	}

	orderBy(term: OrderTerm): string {
		const nulls = term.nulls ? ` NULLS ${term.nulls.toUpperCase()}` : '';
		return `${this.column(term.column)} ${term.descending ? 'DESC' : 'ASC'}${nulls}`;
	}
}

/** PostgREST's mapping from SQLSTATE to HTTP status, for the states a read can raise. */
export function statusForSqlState(code: string): number {
	if (code === '42P01' || code === '42883') return 404;
	if (code === '42501') return 403;
	if (code.startsWith('08') || code.startsWith('53')) return 503;
	if (code.startsWith('54')) return 413;
	if (code.startsWith('22') || code.startsWith('42')) return 400;
	return 500;
}

function referencedColumns(request: ReadRequest): string[] {
	return [...(request.columns ?? []), ...request.filters.map((f) => f.column), ...request.order.map((o) => o.column)];
}

export interface ReadOptions {
	/** Supabase's "Max rows" setting: PostgREST never returns more rows than this per request. */
	maxRows: number;
	/** `Prefer: count=exact`: also count every matching row for the Content-Range header. */
	countExact: boolean;
}

export async function runRead(db: Engine, request: ReadRequest, options: ReadOptions): Promise<RestResponse> {
	const columns = await tableColumns(db, request.table);
	if (!columns) {
		return errorResponse(404, 'PGRST205', `Could not find the table 'public.${request.table}' in the schema cache`);
	}
	const types = new Map(columns.map(({ name, type }) => [name, type]));
	const unknown = referencedColumns(request).find((name) => !types.has(name));
	if (unknown) return errorResponse(400, '42703', `column ${request.table}.${unknown} does not exist`);

	const sql = new SqlBuilder(request.table, types);
	const from = `FROM "public".${quote(request.table)}`;
	const where = request.filters.length ? ` WHERE ${request.filters.map((f) => sql.condition(f)).join(' AND ')}` : '';
	const target = request.columns ? request.columns.map((name) => sql.column(name)).join(', ') : `"public".${quote(request.table)}.*`;
	const orderBy = request.order.length ? ` ORDER BY ${request.order.map((term) => sql.orderBy(term)).join(', ')}` : '';
	const offset = request.offset ?? 0;
	const limit = Math.min(request.limit ?? options.maxRows, options.maxRows);
	const page = `SELECT ${target} ${from}${where}${orderBy} LIMIT ${limit} OFFSET ${offset}`;
	try {
		const { rows } = await db.query<{ n: number; body: string }>(
			`SELECT count(*)::int AS n, coalesce(json_agg(page), '[]')::text AS body FROM (${page}) AS page`,
			sql.values,
		);
		const { n, body } = rows[0];
		let total = '*';
		if (options.countExact) {
			const counted = await db.query<{ n: number }>(`SELECT count(*)::int AS n ${from}${where}`, sql.values);
			total = String(counted.rows[0].n);
		}
		const range = n === 0 ? `*/${total}` : `${offset}-${offset + n - 1}/${total}`;
		const partial = total !== '*' && offset + n < Number(total);
		return { status: partial ? 206 : 200, headers: { 'content-type': 'application/json; charset=utf-8', 'content-range': range }, body };
	} catch (error) {
		if (!(error instanceof DatabaseError && error.code)) throw error;
		const { code, message, detail, hint } = error;
		return jsonResponse(statusForSqlState(code), { code, details: detail ?? null, hint: hint ?? null, message });
	}
}

function definition(columns: ColumnInfo[]) {
	return {
		type: 'object',
		properties: Object.fromEntries(columns.map(({ name, type }) => [name, { format: type }])),
	};
}

/** The REST root (`GET /rest/v1/`): PostgREST's OpenAPI 2.0 description of the exposed tables. */
export async function restRoot(db: Engine, host: string): Promise<RestResponse> {
	const tables = await allTables(db);
	const paths: Record<string, unknown> = { '/': { get: { summary: 'OpenAPI description (this document)' } } };
	for (const table of tables.keys()) paths[`/${table}`] = { get: { tags: [table], responses: { 200: { description: 'OK' } } } };
	return jsonResponse(
		200,
		{
			swagger: '2.0',
			info: { title: 'PostgREST API (Supabase test server)', version: '12.2' },
			host,
			basePath: '/',
			schemes: ['http'],
			consumes: ['application/json'],
			produces: ['application/json'],
			paths,
			definitions: Object.fromEntries([...tables].map(([table, columns]) => [table, definition(columns)])),
		},
		{ 'content-type': 'application/openapi+json; charset=utf-8' },
	);
}
