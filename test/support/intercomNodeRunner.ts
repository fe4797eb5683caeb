/**
 * Drives an Intercom action node's real `execute()` with a mocked n8n context (jest-mock-extended):
 * parameters per item, the `intercomSyncApi` credential pointing at a loopback fake (`region: 'custom'`),
 * continue-on-fail on or off. Only the n8n context is mocked; the node, transport and SDK run for real.
 */
import { mock } from 'jest-mock-extended';
import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

import type { IntercomFake } from './intercom-fake';

export type Parameters = IDataObject;

export interface RunOptions {
	/** Parameters for every item, or per item (index → parameters). */
	parameters: Parameters | ((itemIndex: number) => Parameters);
	/** Number of input items (default: 1). */
	items?: number;
	continueOnFail?: boolean;
	/** Credential overrides, e.g. `{ accessToken: 'wrong' }`. */
	credentials?: IDataObject;
}

export interface RunResult {
	items: INodeExecutionData[];
	/** Items that went to the error side (continue on fail). */
	errors: INodeExecutionData[];
	successes: INodeExecutionData[];
}

export function intercomCredentials(fake: Pick<IntercomFake, 'baseUrl' | 'token'>): IDataObject {
	return { accessToken: fake.token, region: 'custom', baseUrl: fake.baseUrl, apiVersion: '2.14', clientSecret: '' };
}

/** n8n reads nested parameters with dotted paths ("options.concurrency"). */
function readPath(parameters: Parameters, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], parameters);
}

export function executeContext(fake: Pick<IntercomFake, 'baseUrl' | 'token'>, options: RunOptions): IExecuteFunctions {
	const context = mock<IExecuteFunctions>();
	const node = mock<INode>({ name: 'Intercom', type: 'n8n-nodes-intercom-sync.intercom', typeVersion: 1 });
	const itemCount = options.items ?? 1;
	const parametersOf = (itemIndex: number) =>
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;
	context.getNode.mockReturnValue(node);
	context.getInputData.mockReturnValue(Array.from({ length: itemCount }, (_, index) => ({ json: { index } })));
	context.continueOnFail.mockReturnValue(options.continueOnFail ?? false);
	context.getExecutionCancelSignal.mockReturnValue(undefined);
	context.getCredentials.mockResolvedValue({ ...intercomCredentials(fake), ...options.credentials });
	context.getNodeParameter.mockImplementation(((name: string, itemIndex: number, fallback?: unknown) => {
		if (itemIndex < 0 || itemIndex >= itemCount) throw new Error(`No item ${itemIndex}`);
		const value = readPath(parametersOf(itemIndex), name);
		return value === undefined ? fallback : value;
	}) as IExecuteFunctions['getNodeParameter']);
	return context;
}

export async function runNode(nodeType: INodeType, fake: Pick<IntercomFake, 'baseUrl' | 'token'>, options: RunOptions) {
	const context = executeContext(fake, options);
	const output = (await nodeType.execute!.call(context)) as INodeExecutionData[][];
	const items = output[0];
	return {
		items,
		errors: items.filter((item) => item.error !== undefined),
		successes: items.filter((item) => item.error === undefined),
	} satisfies RunResult;
}

/** Input item indexes that each output item is paired with. */
export function pairedIndexes(items: INodeExecutionData[]): number[] {
	return items.map((item) => {
		const paired = item.pairedItem;
		if (typeof paired === 'number') return paired;
		if (Array.isArray(paired)) return paired[0].item;
		return paired?.item ?? -1;
	});
}

/** A mocked context for a node's list-search and load-options methods. */
export function loadOptionsContext(
	fake: Pick<IntercomFake, 'baseUrl' | 'token'>,
	currentParameters: Parameters = {},
): ILoadOptionsFunctions {
	const context = mock<ILoadOptionsFunctions>();
	context.getNode.mockReturnValue(mock<INode>({ name: 'Intercom', typeVersion: 1 }));
	context.getCredentials.mockResolvedValue(intercomCredentials(fake));
	context.getCurrentNodeParameter.mockImplementation((name: string) => readPath(currentParameters, name) as never);
	return context;
}
