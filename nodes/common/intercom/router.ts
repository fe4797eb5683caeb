import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { logItemOutcomes, runItems } from '../runItems';
import type { ItemResult } from '../runItems';
import { openIntercomSession, toItemError } from './session';
import type { IntercomSession } from './session';

/** One operation file: its parameters and what it does for one item. */
export interface IntercomOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession): Promise<ItemResult>;
}

/**
 * Shared `execute()` of the Intercom nodes: opens the execution's session, picks the operation and runs
 * it for every item within the Concurrency option.
 */
export async function routeIntercomOperation(
	context: IExecuteFunctions,
	operations: Record<string, IntercomOperation>,
): Promise<INodeExecutionData[][]> {
	const operationName = context.getNodeParameter('operation', 0) as string;
	const operation = operations[operationName];
	if (!operation) {
		throw new NodeOperationError(context.getNode(), `The operation "${operationName}" is not supported`);
	}
	const session = await openIntercomSession(context);
	const output = await runItems(
		context,
		session.settings.concurrency,
		async (itemIndex) => await operation.execute.call(context, itemIndex, session),
		(error, itemIndex) => toItemError(context, error, itemIndex),
	);
	logItemOutcomes(context, operationName, output[0]);
	return output;
}
