/**
 * The only module that talks to Supabase: builds the supabase-js client from the `supabaseSyncApi`
 * credential, reads positions for many members per request, and words Supabase's errors for users.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { LookupFailure } from '../../common/lookupFailure';
import type { PositionsSettings } from '../actions/settings';

export interface SupabaseCredentials {
	url: string;
	serviceRoleKey: string;
}

export type PositionsByMember = Map<string, string[]>;

const REQUEST_TIMEOUT_MS = 30_000;
// Member numbers travel in the URL, and Supabase's gateway refuses request lines over 8 KB (nginx's buffer).
const MAX_REQUEST_LINE = 8_192;
const REQUEST_LINE_MARGIN = 128; // "GET ", " HTTP/1.1" and room for encodings we count differently
// PostgREST caps rows per response (1,000 on Supabase by default); we page with that size.
const PAGE_SIZE = 1_000;

/**
 * supabase-js builds a realtime client eagerly and, on Node 20, throws unless given a WebSocket class.
 * We read over REST only, so any class will do; this one explains itself if ever constructed.
 */
class RealtimeNotUsed {
	constructor() {
		throw new Error('The Member Lookup node reads positions over REST and never opens realtime');
	}
}

export function toSupabaseCredentials(data: ICredentialDataDecryptedObject): SupabaseCredentials {
	return { url: String(data.url ?? '').trim(), serviceRoleKey: String(data.serviceRoleKey ?? '').trim() };
}

export function createPositionsClient(credentials: SupabaseCredentials): SupabaseClient {
	// supabase-js would throw a bare "Invalid supabaseUrl"; say which credential field to fix instead.
	if (!/^https?:\/\//i.test(credentials.url) || !URL.canParse(credentials.url) || !credentials.serviceRoleKey) {
		throw new LookupFailure(
			'The Supabase credential cannot be used',
			'Check Project URL (for example https://abcdefghijklmnop.supabase.co) and Service Role Key in the Supabase credential.',
			'configuration',
		);
	}
	return createClient(credentials.url, credentials.serviceRoleKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		realtime: { transport: RealtimeNotUsed as never },
		db: { timeout: REQUEST_TIMEOUT_MS },
	});
}

/**
 * Active (by default) positions of the given members. The list is split only as far as the URL length
 * requires; the parts are requested side by side.
 */
export async function fetchPositions(
	client: SupabaseClient,
	settings: PositionsSettings,
	credentials: SupabaseCredentials,
	memberNumbers: string[],
): Promise<PositionsByMember> {
	const positions: PositionsByMember = new Map();
	const groups = splitByUrlLength(memberNumbers, inListBudget(settings, credentials));
	const rowsPerGroup = await Promise.all(
		groups.map((group) => fetchAllPages(client, settings, credentials, group)),
	);
	for (const rows of rowsPerGroup) {
		for (const row of rows) {
			const member = String(row[settings.memberNumberColumn] ?? '').trim();
			const title = row[settings.positionColumn];
			if (title === null || title === undefined || title === '') continue;
			const list = positions.get(member);
			if (list) list.push(String(title));
			else positions.set(member, [String(title)]);
		}
	}
	return positions;
}

type Row = Record<string, unknown>;

async function fetchAllPages(
	client: SupabaseClient,
	settings: PositionsSettings,
	credentials: SupabaseCredentials,
	memberNumbers: string[],
): Promise<Row[]> {
	const all: Row[] = [];
	// Pages continue from the rows received: the server's cap may be lower than the page we ask for.
	for (let offset = 0; ; ) {
		const { rows, total } = await fetchPage(client, settings, credentials, memberNumbers, offset);
		all.push(...rows);
		offset += rows.length;
		if (rows.length === 0 || offset >= total) return all;
	}
}

async function fetchPage(
	client: SupabaseClient,
	settings: PositionsSettings,
	credentials: SupabaseCredentials,
	memberNumbers: string[],
	offset: number,
): Promise<{ rows: Row[]; total: number }> {
	let query = client
		.from(settings.table)
		.select(`${settings.memberNumberColumn},${settings.positionColumn}`, { count: 'exact' })
		.in(settings.memberNumberColumn, memberNumbers);
	if (settings.activeOnly) query = query.eq(settings.activeColumn, true);
	// A stable order makes paging safe; it also lists each member's positions alphabetically.
	const { data, error, status, count } = await query
		.order(settings.memberNumberColumn)
		.order(settings.positionColumn)
		.range(offset, offset + PAGE_SIZE - 1);
	if (error) throw describeSupabaseError(error, status, credentials, settings);
	const rows = (data ?? []) as unknown as Row[];
	return { rows, total: count ?? offset + rows.length };
}

/** Characters left for the member list once everything else in the request line is counted. */
function inListBudget(settings: PositionsSettings, credentials: SupabaseCredentials): number {
	const { memberNumberColumn: member, positionColumn: position, activeColumn: active } = settings;
	const rest = new URLSearchParams({
		select: `${member},${position}`,
		[member]: 'in.()',
		...(settings.activeOnly ? { [active]: 'eq.true' } : {}),
		order: `${member}.asc,${position}.asc`,
		offset: String(Number.MAX_SAFE_INTEGER),
		limit: String(PAGE_SIZE),
	});
	const path = `${new URL(credentials.url).pathname.replace(/\/+$/, '')}/rest/v1/${settings.table}?`;
	return MAX_REQUEST_LINE - REQUEST_LINE_MARGIN - path.length - rest.toString().length;
}

function splitByUrlLength(memberNumbers: string[], budget: number): string[][] {
	const groups: string[][] = [];
	let current: string[] = [];
	let length = 0;
	for (const memberNumber of memberNumbers) {
		// supabase-js quotes values holding , ( ) or " — count the encoded quotes and the comma between values.
		const quotes = /[,()"]/.test(memberNumber) ? 6 : 0;
		const cost = encodeURIComponent(memberNumber).length + quotes + 3;
		if (current.length > 0 && length + cost > budget) {
			groups.push(current);
			current = [];
			length = 0;
		}
		current.push(memberNumber);
		length += cost;
	}
	if (current.length > 0) groups.push(current);
	return groups;
}

interface PostgrestErrorLike {
	message?: string;
	code?: string;
	details?: string | null;
	hint?: string | null;
}

function describeSupabaseError(
	error: PostgrestErrorLike,
	status: number,
	credentials: SupabaseCredentials,
	settings: PositionsSettings,
): LookupFailure {
	const detail = [error.code, error.message].filter(Boolean).join(': ');
	const remote = (message: string, description: string) =>
		new LookupFailure(message, description, 'remote', detail);
	const code = error.code ?? '';

	if (status === 0 && /abort|timeout/i.test(`${error.message} ${error.hint ?? ''}`)) {
		return remote(
			`Supabase did not answer the positions request within ${REQUEST_TIMEOUT_MS / 1000} seconds`,
			'Check that the Supabase project is running and not overloaded, then retry.',
		);
	}
	if (status === 0) {
		return remote(
			`Could not reach Supabase at ${credentials.url}`,
			'Check Project URL in the Supabase credential and that the project is running and reachable from n8n.',
		);
	}
	if (status === 401 || status === 403 || code === 'PGRST301' || code === 'PGRST302') {
		return remote(
			'Supabase refused the service role key',
			'Check Service Role Key in the Supabase credential (Project Settings → API in Supabase).',
		);
	}
	if (code === '42P01' || code === 'PGRST205' || (status === 404 && !code)) {
		return remote(
			`The positions table “${settings.table}” was not found in Supabase`,
			'Check Table under Positions Table in the node.',
		);
	}
	if (code === '42703' || code === 'PGRST204' || code === 'PGRST100') {
		return remote(
			'A positions column was not found in Supabase',
			'Check the column names under Positions Table in the node.',
		);
	}
	return remote(
		`Supabase answered the positions request with status ${status}`,
		'Check the Supabase credential and the Positions Table settings, then retry.',
	);
}
