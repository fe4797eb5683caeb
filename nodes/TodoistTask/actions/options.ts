import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { DEFAULT_TODOIST_SETTINGS } from '../transport/client';
import type { TodoistSettings } from '../transport/client';

/** The Concurrency, Retries and Timeout entries of every operation's Options (defaults as DEFAULT_TODOIST_SETTINGS; the lint wants literals). */
const requestOptions: INodeProperties[] = [
	{
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20 },
		default: 3,
		description:
			'How many requests to Todoist may be under way at once for this node. Higher is faster for many items; Todoist limits requests per user, and the node waits when Todoist says so.',
	},
	{
		displayName: 'Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 4,
		description:
			'How often to try again when Todoist is busy (rate limit), has a server error or does not answer in time',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 120 },
		default: 20,
		description: 'How long to wait for Todoist to answer one request before trying again',
	},
];

/** An operation's Options collection: the request options and the operation's own, sorted by name. */
export function optionsCollection(own: INodeProperties[] = []): INodeProperties {
	const options = [...requestOptions, ...own].sort((a, b) => a.displayName.localeCompare(b.displayName));
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}

export function readSettings(options: IDataObject): TodoistSettings {
	const number = (value: unknown, fallback: number, min: number, max: number) => {
		const parsed = typeof value === 'number' ? value : Number(value);
		return Number.isFinite(parsed) ? Math.min(max, Math.max(min, parsed)) : fallback;
	};
	const defaults = DEFAULT_TODOIST_SETTINGS;
	return {
		concurrency: Math.floor(number(options.concurrency, defaults.concurrency, 1, 20)),
		timeoutSeconds: number(options.timeoutSeconds, defaults.timeoutSeconds, 1, 120),
		maxRetries: Math.floor(number(options.maxRetries, defaults.maxRetries, 0, 10)),
	};
}
