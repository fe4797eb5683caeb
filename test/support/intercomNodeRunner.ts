/**
 * Drives an Intercom action node's real `execute()` with a mocked n8n context (jest-mock-extended):
 * parameters per item, the `intercomSyncApi` credential pointing at a loopback fake (`region: 'custom'`),
 * continue-on-fail on or off. Only the n8n context is mocked; the node, transport and SDK run for real.
 */
import { mock } from 'jest-mock-extended';
import type { IExecuteFunctions, ILoadOptionsFunctions, INode, INodeExecutionData, INodeType, Logger } from 'n8n-workflow';

import type { FakeAddress, Parameters, RunOptions } from './intercomNodeParameters';
import { executeNode, inputItems, intercomCredentials, parameterReader, readPath } from './intercomNodeParameters';

export type { Parameters, RunOptions } from './intercomNodeParameters';

export function executeContext(fake: FakeAddress, options: RunOptions): IExecuteFunctions {
	const context = mock<IExecuteFunctions>({ logger: mock<Logger>() });
	context.getNode.mockReturnValue(mock<INode>({ name: 'Intercom', type: 'n8n-nodes-intercom-sync.intercom', typeVersion: 1 }));
	context.getInputData.mockReturnValue(inputItems(options));
	context.continueOnFail.mockReturnValue(options.continueOnFail ?? false);
	context.getExecutionCancelSignal.mockReturnValue(undefined);
	context.getMode.mockReturnValue(options.mode ?? 'webhook');
	context.getTimezone.mockReturnValue(options.timezone ?? 'UTC');
	context.getCredentials.mockResolvedValue({ ...intercomCredentials(fake), ...options.credentials });
	context.getNodeParameter.mockImplementation(parameterReader(options) as IExecuteFunctions['getNodeParameter']);
	return context;
}

export async function runNode(nodeType: INodeType, fake: FakeAddress, options: RunOptions) {
	return await executeNode(nodeType, executeContext(fake, options));
}

/** A mocked context for a node's list-search and load-options methods. */
export function loadOptionsContext(fake: FakeAddress, currentParameters: Parameters = {}): ILoadOptionsFunctions {
	const context = mock<ILoadOptionsFunctions>();
	context.getNode.mockReturnValue(mock<INode>({ name: 'Intercom', typeVersion: 1 }));
	context.getCredentials.mockResolvedValue(intercomCredentials(fake));
	context.getCurrentNodeParameter.mockImplementation((name: string) => readPath(currentParameters, name) as never);
	return context;
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
