/**
 * What an Intercom action node reads from n8n, without jest: parameters per item with n8n's dotted paths,
 * the `intercomSyncApi` credential aimed at a loopback fake, and a plain execute context for benchmarks.
 * Tests use `intercomNodeRunner.ts`, which builds the context with jest-mock-extended.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, WorkflowExecuteMode } from 'n8n-workflow';

export type Parameters = IDataObject;

export interface FakeAddress {
	baseUrl: string;
	token: string;
}

export interface RunOptions {
	/** Parameters for every item, or per item (index → parameters). */
	parameters: Parameters | ((itemIndex: number) => Parameters);
	/** Number of input items (default: 1). */
	items?: number;
	/** The input items' JSON, when the node reads its input (default: `{ index }` each). */
	inputs?: IDataObject[];
	continueOnFail?: boolean;
	/** Credential overrides, e.g. `{ accessToken: 'wrong' }`. */
	credentials?: IDataObject;
	/** How n8n started the execution (default: a webhook, the nodes' busiest path). */
	mode?: WorkflowExecuteMode;
	/** The workflow's time zone (default UTC). */
	timezone?: string;
}

export function intercomCredentials(fake: FakeAddress): IDataObject {
	return { accessToken: fake.token, region: 'custom', baseUrl: fake.baseUrl, apiVersion: '2.14', webhookClientSecret: '' };
}

/** n8n reads nested parameters with dotted paths ("options.concurrency"). */
export function readPath(parameters: Parameters, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], parameters);
}

/** `getNodeParameter` over per-item parameters, with n8n's fallback and item-range behaviour. */
export function parameterReader(options: RunOptions) {
	const itemCount = options.items ?? 1;
	return (name: string, itemIndex: number, fallback?: unknown) => {
		if (itemIndex < 0 || itemIndex >= itemCount) throw new Error(`No item ${itemIndex}`);
		const parameters = typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;
		const value = readPath(parameters, name);
		return value === undefined ? fallback : value;
	};
}

export function inputItems(options: RunOptions): INodeExecutionData[] {
	return Array.from({ length: options.items ?? 1 }, (_, index) => ({ json: options.inputs?.[index] ?? { index } }));
}

/** The few context methods the Intercom nodes use, as plain functions (for benchmarks outside jest). */
export function plainExecuteContext(fake: FakeAddress, options: RunOptions): IExecuteFunctions {
	const items = inputItems(options);
	const context = {
		getNode: () => ({ id: 'bench', name: 'Intercom', type: 'n8n-nodes-intercom-sync.intercom', typeVersion: 1, position: [0, 0], parameters: {} }),
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionCancelSignal: () => undefined,
		getCredentials: async () => ({ ...intercomCredentials(fake), ...options.credentials }),
		getNodeParameter: parameterReader(options),
		logger: { debug() {}, info() {}, warn() {}, error() {} },
	};
	return context as unknown as IExecuteFunctions;
}

export async function executeNode(nodeType: INodeType, context: IExecuteFunctions) {
	const output = (await nodeType.execute!.call(context)) as INodeExecutionData[][];
	const items = output[0];
	return {
		items,
		errors: items.filter((item) => item.error !== undefined),
		successes: items.filter((item) => item.error === undefined),
	};
}
