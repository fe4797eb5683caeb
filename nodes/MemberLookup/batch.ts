/**
 * Looks up many distinct keys with few round trips: one directory query per chunk of keys through one
 * pool, and the positions of each chunk's members while the next chunk's query runs.
 */
import type { Logger } from 'n8n-workflow';

import { LookupFailure } from './errors';
import { keyColumnOf, memberNumberOf, pickMembers, type MemberMatch } from './matching';
import type { LookupSettings } from './settings';
import { buildCustomQuery, buildTableQuery, type SqlQuery } from './sql';
import {
	closePool,
	openPool,
	selectRows,
	type MemberDatabaseCredentials,
} from './transport/memberDatabase';
import {
	createPositionsClient,
	fetchPositions,
	type PositionsByMember,
	type SupabaseCredentials,
} from './transport/supabase';

/** Keys per directory query: one round trip answers up to this many distinct keys. */
export const KEYS_PER_QUERY = 1_000;

export type KeyOutcome =
	| { kind: 'found'; match: MemberMatch; positions: string[] }
	| { kind: 'notFound' }
	| { kind: 'failed'; failure: LookupFailure };

export interface BatchRequest {
	/** Distinct keys: the normalised key and the value sent to the database. */
	keys: Array<{ match: string; query: string }>;
	settings: LookupSettings;
	database: MemberDatabaseCredentials;
	/** Present when positions are wanted. */
	supabase?: SupabaseCredentials;
	logger: Logger;
	/** Without continue-on-fail the first failure ends the run, so later chunks are not worth querying. */
	stopAtFirstFailure: boolean;
}

/** An outcome for every key, unless `stopAtFirstFailure` cut the run short after a failure. */
export async function lookUpKeys(request: BatchRequest): Promise<Map<string, KeyOutcome>> {
	const { keys, settings, database, supabase, logger, stopAtFirstFailure } = request;
	const outcomes = new Map<string, KeyOutcome>();
	const chunks: Array<typeof keys> = [];
	for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
		chunks.push(keys.slice(start, start + KEYS_PER_QUERY));
	}
	let positionsFailure: LookupFailure | undefined;
	let chunkIndex = 0;
	let pool: ReturnType<typeof openPool> | undefined;
	try {
		const positionsSource =
			supabase && settings.positions
				? { client: createPositionsClient(supabase), credentials: supabase, settings: settings.positions }
				: undefined;
		const activePool = (pool = openPool(database));
		const queryChunk = (chunk: typeof keys) =>
			selectRows(activePool, directoryQuery(settings, chunk.map((key) => key.query)), database);

		// The next chunk's query runs while this chunk's positions are fetched.
		let pendingRows = chunks.length > 0 ? queryChunk(chunks[0]) : undefined;
		for (; pendingRows && chunkIndex < chunks.length; chunkIndex++) {
			const rows = await pendingRows;
			pendingRows = chunkIndex + 1 < chunks.length ? queryChunk(chunks[chunkIndex + 1]) : undefined;
			pendingRows?.catch(() => undefined); // awaited in the next round; this only marks it handled

			const picked = pickMembers(rows, settings);
			let positions: PositionsByMember = new Map();
			if (positionsSource && picked.size > 0 && !positionsFailure) {
				const memberNumbers = [...new Set([...picked.values()].map((m) => memberNumberOf(m.member, settings)))];
				const { client, credentials } = positionsSource;
				try {
					positions = await fetchPositions(client, positionsSource.settings, credentials, memberNumbers);
				} catch (error) {
					positionsFailure = LookupFailure.from(error);
				}
			}
			for (const key of chunks[chunkIndex]) {
				const match = picked.get(key.match);
				if (!match) outcomes.set(key.match, { kind: 'notFound' });
				else if (positionsFailure) outcomes.set(key.match, { kind: 'failed', failure: positionsFailure });
				else {
					const memberPositions = positions.get(memberNumberOf(match.member, settings)) ?? [];
					outcomes.set(key.match, { kind: 'found', match, positions: memberPositions });
				}
			}
			if (chunks.length > 1) {
				const done = Math.min((chunkIndex + 1) * KEYS_PER_QUERY, keys.length);
				logger.info(
					`Member Lookup: ${done} of ${keys.length} keys looked up (query ${chunkIndex + 1} of ${chunks.length})`,
				);
			}
			if (positionsFailure && stopAtFirstFailure) break;
		}
	} catch (error) {
		// The directory (or a setting) failed: every key without an answer yet shares the failure.
		const failure = LookupFailure.from(error);
		for (const chunk of chunks.slice(chunkIndex)) {
			for (const key of chunk) outcomes.set(key.match, { kind: 'failed', failure });
		}
	} finally {
		if (pool) await closePool(pool);
	}
	return outcomes;
}

function directoryQuery(settings: LookupSettings, keys: string[]): SqlQuery {
	if (settings.directory.kind === 'customQuery') return buildCustomQuery(settings.directory.sql, keys);
	return buildTableQuery({
		table: settings.directory.table,
		columns: settings.columns,
		keyColumn: keyColumnOf(settings),
		keys,
		statuses: settings.statuses,
		emailComparison: settings.matchBy === 'email' ? settings.emailComparison : 'collation',
	});
}
