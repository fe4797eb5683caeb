import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
} from 'n8n-workflow';

import { lookUpKeys } from './batch';
import { toNodeError } from './errors';
import { foundJson, lookupKeyOf, notFoundJson } from './matching';
import { readSettings, type LookupSettings } from './settings';
import { toCredentials } from './transport/memberDatabase';
import { toSupabaseCredentials } from './transport/supabase';

type NodeError = NodeApiError | NodeOperationError;
type Outcome = { json: INodeExecutionData['json'] } | { error: NodeError } | 'drop';

/**
 * Reads settings and one key per item, looks the distinct keys up in batches, and answers every item in
 * input order: its member, `found: false` (or nothing, if asked), or its error.
 */
export async function lookupMembers(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();

	const settingsAttempt = attempt(() => readSettings(this));
	if ('error' in settingsAttempt) {
		const error = asNodeError(node, settingsAttempt.error, 0);
		if (!continueOnFail) throw error;
		// Unusable settings affect every item alike: each goes to the error output.
		return [items.map((_, itemIndex) => errorItem(sameErrorFor(node, error, itemIndex), itemIndex))];
	}
	const settings = settingsAttempt.value;

	const outcomes: Outcome[] = new Array(items.length);
	// Items that ask for the same member share one key and one answer.
	const itemsByKey = new Map<string, number[]>();
	const keys: Array<{ match: string; query: string }> = [];
	const keyParameter = settings.matchBy === 'email' ? 'email' : 'memberNumber';
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const value = attempt(() => this.getNodeParameter(keyParameter, itemIndex));
		const key = 'error' in value ? undefined : lookupKeyOf(value.value, settings.matchBy);
		if (!key) {
			const error =
				'error' in value
					? asNodeError(node, value.error, itemIndex)
					: missingKeyError(node, settings, itemIndex);
			if (!continueOnFail) throw error;
			outcomes[itemIndex] = { error };
			continue;
		}
		const indexes = itemsByKey.get(key.match);
		if (indexes) indexes.push(itemIndex);
		else {
			itemsByKey.set(key.match, [itemIndex]);
			keys.push(key);
		}
	}

	if (keys.length > 0) {
		const keyOutcomes = await lookUpKeys({
			keys,
			settings,
			database: toCredentials(await this.getCredentials('memberDatabase')),
			supabase: settings.positions
				? toSupabaseCredentials(await this.getCredentials('supabaseSyncApi'))
				: undefined,
			logger: this.logger,
			stopAtFirstFailure: !continueOnFail,
		});
		for (const [key, itemIndexes] of itemsByKey) {
			const outcome = keyOutcomes.get(key);
			for (const itemIndex of itemIndexes) {
				if (!outcome) continue; // the run stopped at an earlier failure, thrown below
				if (outcome.kind === 'failed') {
					outcomes[itemIndex] = { error: toNodeError(node, outcome.failure, itemIndex) };
				} else if (outcome.kind === 'notFound') {
					outcomes[itemIndex] = settings.whenNotFound === 'drop' ? 'drop' : { json: notFoundJson() };
				} else {
					outcomes[itemIndex] = { json: foundJson(outcome.match, outcome.positions, settings) };
				}
			}
		}
	}

	if (!continueOnFail) {
		const firstFailure = outcomes.find((outcome) => typeof outcome === 'object' && 'error' in outcome);
		if (firstFailure && 'error' in firstFailure) throw firstFailure.error;
	}
	const output: INodeExecutionData[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		if (outcome === 'drop') return;
		if ('error' in outcome) output.push(errorItem(outcome.error, itemIndex));
		else output.push({ json: outcome.json, pairedItem: { item: itemIndex } });
	});
	return [output];
}

function attempt<T>(work: () => T): { value: T } | { error: unknown } {
	try {
		return { value: work() };
	} catch (error) {
		return { error };
	}
}

function asNodeError(node: INode, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

function errorItem(error: NodeError, itemIndex: number): INodeExecutionData {
	return {
		json: { error: error.message, details: error.description ?? undefined },
		error,
		pairedItem: { item: itemIndex },
	};
}

function sameErrorFor(node: INode, error: NodeError, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, error.message, { itemIndex, description: error.description ?? undefined });
}

function missingKeyError(node: INode, settings: LookupSettings, itemIndex: number): NodeOperationError {
	const what = settings.matchBy === 'email' ? 'email address' : 'member number';
	const field = settings.matchBy === 'email' ? 'Email' : 'Member Number';
	return new NodeOperationError(node, `Item ${itemIndex + 1} has no ${what} to look up`, {
		itemIndex,
		description: `The ${field} field is empty for this item. Check the expression in ${field} and that the incoming item has a value there.`,
	});
}
