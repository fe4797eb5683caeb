import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { KeyedLock } from '../concurrency';
import { coordinator } from '../coordination';
import { CREDENTIAL_TYPES } from '../credentialTypes';
import { readRequestSettings, sortedOptionsCollection } from '../requestOptions';
import { asNodeError } from '../runItems';
import { IntercomRequestError, toNodeApiError } from './errors';
import type { Lease } from '../coordination';
import { SharedRecords } from './sharedRecords';
import { createIntercomTransport, DEFAULT_TRANSPORT_SETTINGS } from './transport';
import type { IntercomTransport, TransportSettings } from './transport';

/**
 * What one execution of an Intercom node shares between its items: the transport, answers fetched once
 * (tags, the token's admin, ticket types) and locks that keep items about the same record in order.
 * Created in `execute()` and dropped with it.
 */
export class IntercomSession {
	readonly locks = new KeyedLock();

	/** Record ids learnt during this execution, by a key the operation chooses (e.g. an e-mail). */
	readonly knownIds = new Map<string, string>();

	private readonly loaded = new Map<string, Promise<unknown>>();

	constructor(
		readonly transport: IntercomTransport,
		readonly settings: TransportSettings,
		private readonly shared: SharedRecords,
	) {}

	/**
	 * Runs work for one record (e.g. a ticket reference) with nobody else working on it: items of this
	 * execution in turn, and other executions, on any n8n process, through the shared coordinator.
	 */
	async withRecord<T>(key: string, work: (lease: Lease) => Promise<T>): Promise<T> {
		return await this.locks.run(key, async () => await this.shared.exclusive(key, work));
	}

	/** Which Intercom workspace this is (credential and address): the key for anything kept across executions. */
	get workspace(): string {
		return this.shared.namespace;
	}

	/** The id of a record this execution or a recent one wrote, before Intercom's search can see it. */
	async recallId(key: string): Promise<string | undefined> {
		return this.knownIds.get(key) ?? (await this.shared.recall(key));
	}

	async rememberId(key: string, id: string): Promise<void> {
		this.knownIds.set(key, id);
		await this.shared.remember(key, id);
	}

	/** Loads something once per execution; a failed load is forgotten so the next item tries again. */
	async once<T>(key: string, load: () => Promise<T>): Promise<T> {
		let pending = this.loaded.get(key) as Promise<T> | undefined;
		if (!pending) {
			pending = load();
			this.loaded.set(key, pending);
			pending.catch(() => this.loaded.delete(key));
		}
		return await pending;
	}
}

export async function openIntercomSession(context: IExecuteFunctions): Promise<IntercomSession> {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const settings = readRequestSettings(options, DEFAULT_TRANSPORT_SETTINGS, { concurrency: 50, timeoutSeconds: 300 });
	const transport = await createIntercomTransport(context, settings);
	const credentialId = context.getNode().credentials?.[CREDENTIAL_TYPES.intercom]?.id ?? 'unsaved';
	return new IntercomSession(transport, settings, new SharedRecords(coordinator(), `intercom:${credentialId}:${transport.baseUrl}:`));
}

/** The Concurrency, Timeout and Retries entries every operation's Options collection carries (defaults as DEFAULT_TRANSPORT_SETTINGS; the lint wants literals). */
export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 5,
		description:
			'How many requests to Intercom may be under way at once for this node. Higher is faster for many items; the node still keeps to Intercom’s rate limit.',
	},
	{
		displayName: 'Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 5,
		description:
			'How often to try again when Intercom is busy (rate limit), has a server error or does not answer in time',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 300 },
		default: 20,
		description: 'How long to wait for Intercom to answer one request before trying again',
	},
];

/** An Options collection with the operation's own entries plus the request options, sorted by name. */
export function optionsCollection(own: INodeProperties[] = []): INodeProperties {
	return sortedOptionsCollection(requestOptions, own);
}

/** Maps anything an item's work threw to the n8n error that goes on that item. */
export function toItemError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof IntercomRequestError) return toNodeApiError(context.getNode(), error, itemIndex);
	return asNodeError(context.getNode(), error, itemIndex);
}
