/**
 * The only module that talks to Supabase: builds the supabase-js client from the `supabaseSyncApi`
 * credential, reads positions for many members per request, and words Supabase's errors for users.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { errorText, LookupFailure } from '../errors';
import type { PositionsSettings } from '../settings';

export interface SupabaseCredentials {
	url: string;
	serviceRoleKey: string;
}

export type PositionsByMember = Map<string, string[]>;

const REQUEST_TIMEOUT_MS = 30_000;
// Member numbers travel in the URL; proxies in front of PostgREST refuse request lines near 8 KB.
const MAX_IN_LIST_CHARS = 6_000;
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
	try {
		return createClient(credentials.url, credentials.serviceRoleKey, {
			auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
			realtime: { transport: RealtimeNotUsed as never },
			db: { timeout: REQUEST_TIMEOUT_MS },
		});
	} catch (error) {
		throw new LookupFailure(
			'The Supabase credential cannot be used',
			'Check Project URL (for example https://abcdefghijklmnop.supabase.co) and Service Role Key in the Supabase credential.',
			'configuration',
			errorText(error),
		);
	}
}

/** Active (by default) positions of the given members, in as few requests as the URL length allows. */
export async function fetchPositions(
	client: SupabaseClient,
	settings: PositionsSettings,
	credentials: SupabaseCredentials,
	memberNumbers: string[],
): Promise<PositionsByMember> {
	const positions: PositionsByMember = new Map();
	for (const group of splitByUrlLength(memberNumbers)) {
		// Pages continue from the rows received: the server's cap may be lower than the page we ask for.
		for (let offset = 0; ; ) {
			const { rows, total } = await fetchPage(client, settings, credentials, group, offset);
			for (const row of rows) {
				const member = String(row[settings.memberNumberColumn] ?? '').trim();
				const title = row[settings.positionColumn];
				if (title === null || title === undefined || title === '') continue;
				const list = positions.get(member);
				if (list) list.push(String(title));
				else positions.set(member, [String(title)]);
			}
			offset += rows.length;
			if (rows.length === 0 || offset >= total) break;
		}
	}
	return positions;
}

async function fetchPage(
	client: SupabaseClient,
	settings: PositionsSettings,
	credentials: SupabaseCredentials,
	memberNumbers: string[],
	offset: number,
): Promise<{ rows: Array<Record<string, unknown>>; total: number }> {
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
	const rows = (data ?? []) as unknown as Array<Record<string, unknown>>;
	return { rows, total: count ?? offset + rows.length };
}

function splitByUrlLength(memberNumbers: string[]): string[][] {
	const groups: string[][] = [];
	let current: string[] = [];
	let length = 0;
	for (const memberNumber of memberNumbers) {
		const cost = encodeURIComponent(memberNumber).length + 3; // the encoded comma between values
		if (current.length > 0 && length + cost > MAX_IN_LIST_CHARS) {
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

export function describeSupabaseError(
	error: PostgrestErrorLike,
	status: number,
	credentials: SupabaseCredentials,
	settings: PositionsSettings,
): LookupFailure {
	const detail = [error.code, error.message].filter(Boolean).join(': ');
	const remote = (message: string, description: string) =>
		new LookupFailure(message, description, 'remote', detail);
	const code = error.code ?? '';

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
