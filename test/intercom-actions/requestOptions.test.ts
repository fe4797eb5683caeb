import type { INodeProperties } from 'n8n-workflow';

import { readRequestSettings, sortedOptionsCollection } from '../../nodes/common/requestOptions';

const defaults = { concurrency: 5, timeoutSeconds: 20, maxRetries: 5 };
const most = { concurrency: 50, timeoutSeconds: 300 };

describe('request options shared by the Intercom and Todoist nodes', () => {
	it('keeps what the user set within the fields’ bounds, whole where a count is meant', () => {
		expect(readRequestSettings({ concurrency: 7.9, timeoutSeconds: 2.5, maxRetries: '3' }, defaults, most)).toEqual({ concurrency: 7, timeoutSeconds: 2.5, maxRetries: 3 });
		expect(readRequestSettings({ concurrency: 500, timeoutSeconds: 9_999, maxRetries: 99 }, defaults, most)).toEqual({ concurrency: 50, timeoutSeconds: 300, maxRetries: 10 });
		expect(readRequestSettings({ concurrency: 0, timeoutSeconds: -1, maxRetries: -2 }, defaults, most)).toEqual({ concurrency: 1, timeoutSeconds: 1, maxRetries: 0 });
	});

	it('falls back to the defaults when an option is unset or an expression gave no number', () => {
		expect(readRequestSettings({}, defaults, most)).toEqual(defaults);
		expect(readRequestSettings({ concurrency: 'many', timeoutSeconds: undefined, maxRetries: Number.NaN }, defaults, most)).toEqual(defaults);
	});

	it('lists the request options and the operation’s own in one collection, sorted by name', () => {
		const option = (displayName: string): INodeProperties => ({ displayName, name: displayName.toLowerCase(), type: 'number', default: 1 });
		const collection = sortedOptionsCollection([option('Timeout (Seconds)'), option('Concurrency')], [option('Admin')]);
		expect(collection).toMatchObject({ name: 'options', type: 'collection', default: {} });
		expect(collection.options?.map((entry) => (entry as INodeProperties).displayName)).toEqual(['Admin', 'Concurrency', 'Timeout (Seconds)']);
	});
});
