import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readRequestSettings, sortedOptionsCollection } from '../../common/requestOptions';
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
	return sortedOptionsCollection(requestOptions, own);
}

export function readSettings(options: IDataObject): TodoistSettings {
	return readRequestSettings(options, DEFAULT_TODOIST_SETTINGS, { concurrency: 20, timeoutSeconds: 120 });
}
