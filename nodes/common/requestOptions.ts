import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** What an Intercom or Todoist operation reads from its Options to pace its requests. */
export interface RequestSettings {
	/** Requests in flight at once for this execution. */
	concurrency: number;
	timeoutSeconds: number;
	/** Further attempts after the first for 429, 5xx, timeouts and network errors. */
	maxRetries: number;
}

/** An operation's Options collection: the service's request options and the operation's own, sorted by name. */
export function sortedOptionsCollection(requestOptions: INodeProperties[], own: INodeProperties[] = []): INodeProperties {
	const options = [...own, ...requestOptions].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}

/**
 * The request settings in an Options collection, each kept within its field's bounds (an expression may give
 * anything), or the default when it is not a number.
 */
export function readRequestSettings(options: IDataObject, defaults: RequestSettings, most: { concurrency: number; timeoutSeconds: number }): RequestSettings {
	const number = (value: unknown, fallback: number, min: number, max: number) => {
		const parsed = typeof value === 'number' ? value : Number(value);
		return Number.isFinite(parsed) ? Math.min(max, Math.max(min, parsed)) : fallback;
	};
	return {
		concurrency: Math.floor(number(options.concurrency, defaults.concurrency, 1, most.concurrency)),
		timeoutSeconds: number(options.timeoutSeconds, defaults.timeoutSeconds, 1, most.timeoutSeconds),
		maxRetries: Math.floor(number(options.maxRetries, defaults.maxRetries, 0, 10)),
	};
}
