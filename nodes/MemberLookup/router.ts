import type { SupabaseClient } from '@supabase/supabase-js';
import {
	NodeOperationError,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type NodeApiError,
} from 'n8n-workflow';

import { LookupFailure, toNodeError } from './errors';
import { foundJson, keyColumnOf, lookupKeyOf, memberNumberOf, notFoundJson, pickMembers } from './matching';
import { readSettings, type LookupSettings, type PositionsSettings } from './settings';
import { buildCustomQuery, buildTableQuery, type SqlQuery } from './sql';
import { closePool, openPool, selectRows, toCredentials } from './transport/memberDatabase';
import {
	createPositionsClient,
	fetchPositions,
	toSupabaseCredentials,
	type SupabaseCredentials,
} from './transport/supabase';

/** Keys per directory query: one round trip answers up to this many items. */
export const KEYS_PER_QUERY = 1_000;

type Outcome = { json: INodeExecutionData['json'] } | { error: NodeApiError | NodeOperationError } | 'drop';

interface Positions {
	client: SupabaseClient;
	credentials: SupabaseCredentials;
	settings: PositionsSettings;
	/** Set after the first Supabase failure: later members fail with it without more requests. */
	failure?: LookupFailure;
}

export async function lookupMembers(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();
	let settings: LookupSettings;
	try {
		settings = readSettings(this);
	} catch (error) {
		if (!continueOnFail || !(error instanceof NodeOperationError)) throw error;
		// Unusable settings affect every item alike: each goes to the error output.
		return [items.map((_, itemIndex) => errorItem(sameErrorFor(node, error, itemIndex), itemIndex))];
	}
	const outcomes: Outcome[] = new Array(items.length);

	const fail = (itemIndex: number, error: NodeApiError | NodeOperationError) => {
		if (!continueOnFail) throw error;
		outcomes[itemIndex] = { error };
	};
	const failAll = (itemIndexes: number[], failure: LookupFailure) => {
		for (const itemIndex of itemIndexes) fail(itemIndex, toNodeError(node, failure, itemIndex));
	};

	// Items that ask for the same member share one key and one answer.
	const itemsByKey = new Map<string, number[]>();
	const queryValueByKey = new Map<string, string>();
	const keyParameter = settings.matchBy === 'email' ? 'email' : 'memberNumber';
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let value: unknown;
		try {
			value = this.getNodeParameter(keyParameter, itemIndex);
		} catch (error) {
			if (!continueOnFail) throw error;
			outcomes[itemIndex] = { error: error as NodeOperationError };
			continue;
		}
		const key = lookupKeyOf(value, settings.matchBy);
		if (!key) {
			fail(itemIndex, missingKeyError(this, settings, itemIndex));
			continue;
		}
		const indexes = itemsByKey.get(key.match);
		if (indexes) indexes.push(itemIndex);
		else {
			itemsByKey.set(key.match, [itemIndex]);
			queryValueByKey.set(key.match, key.query);
		}
	}

	const keys = [...itemsByKey.keys()];
	if (keys.length > 0) {
		const chunks: string[][] = [];
		for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
			chunks.push(keys.slice(start, start + KEYS_PER_QUERY));
		}
		const itemsOf = (chunk: string[]) => chunk.flatMap((key) => itemsByKey.get(key) ?? []);
		const credentials = toCredentials(await this.getCredentials('memberDatabase'));
		let positions: Positions | undefined;
		let pool: ReturnType<typeof openPool> | undefined;
		let chunkIndex = 0;
		try {
			if (settings.positions) {
				const supabaseCredentials = toSupabaseCredentials(await this.getCredentials('supabaseSyncApi'));
				positions = {
					client: createPositionsClient(supabaseCredentials),
					credentials: supabaseCredentials,
					settings: settings.positions,
				};
			}
			pool = openPool(credentials);
			const activePool = pool;
			const queryChunk = (chunk: string[]) =>
				selectRows(activePool, directoryQuery(settings, chunk.map((key) => queryValueByKey.get(key) ?? key)), credentials);

			// The next chunk's query runs while this chunk's positions are fetched.
			let pendingRows = queryChunk(chunks[0]);
			for (; chunkIndex < chunks.length; chunkIndex++) {
				const rows = await pendingRows;
				if (chunkIndex + 1 < chunks.length) {
					pendingRows = queryChunk(chunks[chunkIndex + 1]);
					pendingRows.catch(() => undefined); // awaited in the next round; this only marks it handled
				}
				await resolveChunk(chunks[chunkIndex], rows);
				if (chunks.length > 1) {
					this.logger.info(
						`Member Lookup: ${Math.min((chunkIndex + 1) * KEYS_PER_QUERY, keys.length)} of ${keys.length} keys looked up (query ${chunkIndex + 1} of ${chunks.length})`,
					);
				}
			}
		} catch (error) {
			if (!(error instanceof LookupFailure)) throw error;
			// The directory (or a setting) failed: every item without an answer yet shares the failure.
			failAll(itemsOf(chunks.slice(chunkIndex).flat()), error);
		} finally {
			if (pool) await closePool(pool);
		}

		async function resolveChunk(chunk: string[], rows: Array<Record<string, unknown>>) {
			const picked = pickMembers(rows, settings);
			let positionsByMember = new Map<string, string[]>();
			if (positions && picked.size > 0 && !positions.failure) {
				const memberNumbers = [...new Set([...picked.values()].map((m) => memberNumberOf(m.member, settings)))];
				try {
					positionsByMember = await fetchPositions(
						positions.client,
						positions.settings,
						positions.credentials,
						memberNumbers,
					);
				} catch (error) {
					if (!(error instanceof LookupFailure)) throw error;
					positions.failure = error;
				}
			}
			for (const key of chunk) {
				const match = picked.get(key);
				for (const itemIndex of itemsByKey.get(key) ?? []) {
					if (!match) {
						outcomes[itemIndex] = settings.whenNotFound === 'drop' ? 'drop' : { json: notFoundJson() };
					} else if (positions?.failure) {
						fail(itemIndex, toNodeError(node, positions.failure, itemIndex));
					} else {
						const memberPositions = positionsByMember.get(memberNumberOf(match.member, settings)) ?? [];
						outcomes[itemIndex] = { json: foundJson(match, memberPositions, settings) };
					}
				}
			}
		}
	}

	const output: INodeExecutionData[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		if (outcome === 'drop') return;
		if ('error' in outcome) output.push(errorItem(outcome.error, itemIndex));
		else output.push({ json: outcome.json, pairedItem: { item: itemIndex } });
	});
	return [output];
}

function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	return {
		json: { error: error.message, details: error.description ?? undefined },
		error,
		pairedItem: { item: itemIndex },
	};
}

function sameErrorFor(node: INode, error: NodeOperationError, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, error.message, { itemIndex, description: error.description ?? undefined });
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

function missingKeyError(ctx: IExecuteFunctions, settings: LookupSettings, itemIndex: number) {
	const what = settings.matchBy === 'email' ? 'email address' : 'member number';
	const field = settings.matchBy === 'email' ? 'Email' : 'Member Number';
	return new NodeOperationError(ctx.getNode(), `Item ${itemIndex + 1} has no ${what} to look up`, {
		itemIndex,
		description: `The ${field} field is empty for this item. Check the expression in ${field} and that the incoming item has a value there.`,
	});
}
