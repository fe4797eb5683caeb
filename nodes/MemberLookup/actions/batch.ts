/**
 * Looks up many distinct keys with few round trips: one directory query per chunk of keys through one
 * pool, and the positions of each chunk's members while the next chunk's query runs.
 */
import type { Logger } from 'n8n-workflow';

import { Semaphore } from '../../common/concurrency';
import { LookupFailure } from '../../common/lookupFailure';
import {
	closePool,
	openPool,
	selectRows,
	type MemberDatabaseCredentials,
	type SqlQuery,
} from '../../common/memberDatabase/transport';
import { keyColumnOf, memberNumberOf, pickMembers, type LookupKey, type MemberMatch } from './matching';
import type { LookupSettings } from './settings';
import { buildCustomQuery, buildTableQuery } from './sql';
import {
	createPositionsClient,
	fetchPositions,
	type PositionsByMember,
	type SupabaseCredentials,
} from '../transport/supabase';

/** Keys per directory query: one round trip answers up to this many distinct keys. */
const KEYS_PER_QUERY = 1_000;

export type KeyOutcome =
	| { kind: 'found'; match: MemberMatch; positions: string[] }
	| { kind: 'notFound' }
	| { kind: 'failed'; failure: LookupFailure };

export interface BatchRequest {
	/** Distinct keys: the normalised key and the values sent to the database. */
	keys: LookupKey[];
	settings: LookupSettings;
	database: MemberDatabaseCredentials;
	/** Present when positions are wanted. */
	supabase?: SupabaseCredentials;
	logger: Logger;
	/** Without continue-on-fail the first failure ends the run, so later chunks are not worth querying. */
	stopAtFirstFailure: boolean;
}

/** At most this many chunks' positions requests are in flight while the directory queries go on. */
const POSITIONS_CHUNKS_IN_FLIGHT = 3;

interface QueriedChunk {
	keys: BatchRequest['keys'];
	picked: Map<string, MemberMatch>;
	positions: Promise<PositionsByMember | LookupFailure>;
}

/** An outcome for every key, unless `stopAtFirstFailure` cut the run short after a failure. */
export async function lookUpKeys(request: BatchRequest): Promise<Map<string, KeyOutcome>> {
	const { keys, settings, database, logger, stopAtFirstFailure } = request;
	const outcomes = new Map<string, KeyOutcome>();
	if (keys.length === 0) return outcomes;
	const chunks: Array<BatchRequest['keys']> = [];
	for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
		chunks.push(keys.slice(start, start + KEYS_PER_QUERY));
	}
	const queried: QueriedChunk[] = [];
	let pool: ReturnType<typeof openPool> | undefined;
	try {
		const positionsFor = positionsFetcher(request);
		const activePool = (pool = openPool(database));
		const queryChunk = (chunk: BatchRequest['keys']) =>
			selectRows(activePool, directoryQuery(settings, chunk.flatMap((key) => key.queries)), database);

		// Directory queries run back to back; each chunk's positions are fetched alongside the next queries.
		let pendingRows = queryChunk(chunks[0]);
		for (let chunkIndex = 0; chunkIndex < chunks.length; chunkIndex++) {
			const rows = await pendingRows;
			if (chunkIndex + 1 < chunks.length) {
				pendingRows = queryChunk(chunks[chunkIndex + 1]);
				pendingRows.catch(() => undefined); // awaited in the next round; this only marks it handled
			}
			const picked = pickMembers(rows, chunks[chunkIndex], settings);
			queried.push({ keys: chunks[chunkIndex], picked, positions: positionsFor(picked) });
			if (chunks.length > 1) {
				const done = Math.min((chunkIndex + 1) * KEYS_PER_QUERY, keys.length);
				logger.info(
					`Member Lookup: ${done} of ${keys.length} keys looked up (query ${chunkIndex + 1} of ${chunks.length})`,
				);
			}
			if (stopAtFirstFailure && positionsFor.failed()) break;
		}
	} catch (error) {
		// The directory (or a setting) failed: every key without an answer yet shares the failure.
		const failure = LookupFailure.from(error);
		for (const chunk of chunks.slice(queried.length)) {
			for (const key of chunk) outcomes.set(key.match, { kind: 'failed', failure });
		}
	} finally {
		if (pool) await closePool(pool);
	}

	for (const chunk of queried) {
		const positions = await chunk.positions;
		for (const key of chunk.keys) {
			const match = chunk.picked.get(key.match);
			if (!match) outcomes.set(key.match, { kind: 'notFound' });
			else if (positions instanceof LookupFailure) outcomes.set(key.match, { kind: 'failed', failure: positions });
			else {
				const memberPositions = positions.get(memberNumberOf(match.member, settings)) ?? [];
				outcomes.set(key.match, { kind: 'found', match, positions: memberPositions });
			}
		}
	}
	return outcomes;
}

type PositionsFetcher = ((picked: Map<string, MemberMatch>) => Promise<PositionsByMember | LookupFailure>) & {
	failed(): boolean;
};

/**
 * Starts the positions requests of one chunk's members, a few chunks at a time. After the first
 * failure no more requests are sent: later members share that failure.
 */
function positionsFetcher({ settings, supabase }: BatchRequest): PositionsFetcher {
	const none: PositionsByMember = new Map();
	const source =
		supabase && settings.positions
			? { client: createPositionsClient(supabase), credentials: supabase, table: settings.positions }
			: undefined;
	let failure: LookupFailure | undefined;
	const slots = new Semaphore(POSITIONS_CHUNKS_IN_FLIGHT);

	const fetcher = async (picked: Map<string, MemberMatch>) => {
		if (!source || picked.size === 0) return none;
		return await slots.use(async () => {
			if (failure) return failure;
			try {
				const memberNumbers = [...new Set([...picked.values()].map((m) => memberNumberOf(m.member, settings)))];
				return await fetchPositions(source.client, source.table, source.credentials, memberNumbers);
			} catch (error) {
				failure ??= LookupFailure.from(error);
				return failure;
			}
		});
	};
	return Object.assign(fetcher, { failed: () => failure !== undefined });
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
