import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../../common/credentialTypes';
import { errorText } from '../../common/lookupFailure';
import { toCredentials, type MemberDatabaseCredentials } from '../../common/memberDatabase/transport';
import { asNodeError, errorItem, type NodeError } from '../../common/runItems';
import { toSupabaseCredentials, type SupabaseCredentials } from '../transport/supabase';
import { lookUpKeys } from './batch';
import { directoryProperties } from './directoryProperties';
import { toNodeError } from './errors';
import { lookupProperties } from './lookupProperties';
import { foundJson, lookupKeyOf, notFoundJson, type LookupKey } from './matching';
import { intercomAttributeProperties, positionsProperties } from './outputProperties';
import { readSettings, type LookupSettings } from './settings';

/** The node's one operation has no Operation parameter: these are all of its parameters. */
export const description: INodeProperties[] = [
	...lookupProperties,
	...directoryProperties,
	...positionsProperties,
	...intercomAttributeProperties,
];

type Outcome = { json: INodeExecutionData['json'] } | { error: NodeError } | 'drop' | 'notFound';

interface Setup {
	settings: LookupSettings;
	database: MemberDatabaseCredentials;
	supabase?: SupabaseCredentials;
}

/**
 * Reads settings, credentials and one key per item, looks the distinct keys up in batches, and answers
 * every item in input order: its member, `found: false` (or nothing, if asked), or its error. Runs once
 * for all items, unlike the Intercom operations, because one query answers many keys.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const continueOnFail = this.continueOnFail();

	let setup: Setup;
	try {
		const settings = readSettings(this);
		setup = { settings, ...(await readCredentials(this, settings)) };
	} catch (caught) {
		const error = asNodeError(node, caught, 0);
		if (!continueOnFail) throw error;
		// Unusable settings or credentials affect every item alike: each goes to the error output.
		return [items.map((_, itemIndex) => errorItem(sameErrorFor(node, error, itemIndex), itemIndex))];
	}
	const settings = asToolIfUsedAsOne(setup.settings, node);

	// Unset until answered; an item still unset at the end is reported, never skipped.
	const outcomes: Array<Outcome | undefined> = Array.from({ length: items.length }, () => undefined);
	// Items that ask for the same member share one key and one answer.
	const itemsByKey = new Map<string, { key: LookupKey; itemIndexes: number[] }>();
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
		const entry = itemsByKey.get(key.match);
		if (!entry) itemsByKey.set(key.match, { key, itemIndexes: [itemIndex] });
		else {
			entry.itemIndexes.push(itemIndex);
			// `Jane@X.org` and `jane@x.org` share a key; a case-sensitive column may hold either spelling.
			for (const query of key.queries) if (!entry.key.queries.includes(query)) entry.key.queries.push(query);
		}
	}

	if (itemsByKey.size > 0) {
		const keyOutcomes = await lookUpKeys({
			keys: [...itemsByKey.values()].map((entry) => entry.key),
			settings,
			database: setup.database,
			supabase: setup.supabase,
			logger: this.logger,
			stopAtFirstFailure: !continueOnFail,
		});
		for (const [match, { itemIndexes }] of itemsByKey) {
			const outcome = keyOutcomes.get(match);
			if (!outcome) continue; // left unset: the run stopped at an earlier failure, thrown below
			for (const itemIndex of itemIndexes) {
				if (outcome.kind === 'failed') {
					outcomes[itemIndex] = { error: toNodeError(node, outcome.failure, itemIndex) };
				} else if (outcome.kind === 'notFound') {
					outcomes[itemIndex] = notFoundOutcome(settings);
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
	const notFoundOutput: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = outcomes[itemIndex] ?? { error: unansweredError(node, itemIndex) };
		if (outcome === 'drop') continue;
		if (outcome === 'notFound') {
			notFoundOutput.push({ ...items[itemIndex], pairedItem: { item: itemIndex } });
		} else if ('error' in outcome) {
			if (!continueOnFail) throw outcome.error;
			output.push(errorItem(outcome.error, itemIndex));
		} else output.push({ json: outcome.json, pairedItem: { item: itemIndex } });
	}
	return settings.whenNotFound === 'notFoundOutput' ? [output, notFoundOutput] : [output];
}

/** As an AI tool the node has one output, which the agent reads: a not-found answer must reach it as found = false. */
function asToolIfUsedAsOne(settings: LookupSettings, node: INode): LookupSettings {
	const usedAsTool = node.type.endsWith('Tool');
	return usedAsTool && settings.whenNotFound === 'notFoundOutput' ? { ...settings, whenNotFound: 'outputNotFound' } : settings;
}

function notFoundOutcome(settings: LookupSettings): Outcome {
	if (settings.whenNotFound === 'drop') return 'drop';
	// The Not Found output passes the item on unchanged, so later nodes still have what came in.
	if (settings.whenNotFound === 'notFoundOutput') return 'notFound';
	return { json: notFoundJson() };
}

/**
 * Both credentials are read once, side by side (each is a database read in n8n); a missing one is named with
 * what to do, like any unusable setting, the member database's first.
 */
async function readCredentials(
	ctx: IExecuteFunctions,
	settings: LookupSettings,
): Promise<Omit<Setup, 'settings'>> {
	const read = async (type: string, message: string, description: string) => {
		try {
			return await ctx.getCredentials<ICredentialDataDecryptedObject>(type);
		} catch (error) {
			throw new NodeOperationError(ctx.getNode(), message, {
				itemIndex: 0,
				description: `${description} (${errorText(error)})`,
			});
		}
	};
	const [database, supabase] = await Promise.allSettled([
		read(
			CREDENTIAL_TYPES.memberDatabase,
			'Select a Member Database credential',
			'Choose a Member Database (MySQL / MariaDB) credential in the node, or create one with the host, database, user and password of your member directory.',
		),
		settings.positions
			? read(
					CREDENTIAL_TYPES.supabase,
					'Select a Supabase credential or turn off Add Positions From Supabase',
					'Positions are read from Supabase: choose a Supabase (Sync) API credential in the node, or turn off Add Positions From Supabase if you do not need them.',
				)
			: undefined,
	]);
	if (database.status === 'rejected') throw database.reason;
	if (supabase.status === 'rejected') throw supabase.reason;
	return {
		database: toCredentials(database.value),
		supabase: supabase.value ? toSupabaseCredentials(supabase.value) : undefined,
	};
}

function attempt<T>(work: () => T): { value: T } | { error: unknown } {
	try {
		return { value: work() };
	} catch (error) {
		return { error };
	}
}

function sameErrorFor(node: INode, error: NodeError, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, error.message, { itemIndex, description: error.description ?? undefined });
}

function unansweredError(node: INode, itemIndex: number): NodeOperationError {
	return new NodeOperationError(node, `Item ${itemIndex + 1} got no answer from the lookup`, {
		itemIndex,
		description: 'This should not happen: run the workflow again, and if it repeats, report it with this item.',
	});
}

function missingKeyError(node: INode, settings: LookupSettings, itemIndex: number): NodeOperationError {
	const what = settings.matchBy === 'email' ? 'email address' : 'member number';
	const field = settings.matchBy === 'email' ? 'Email' : 'Member Number';
	return new NodeOperationError(node, `Item ${itemIndex + 1} has no ${what} to look up`, {
		itemIndex,
		description: `The ${field} field is empty for this item. Check the expression in ${field} and that the incoming item has a value there.`,
	});
}
