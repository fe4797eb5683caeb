import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, logItemOutcomes, runItems } from '../../common/runItems';
import type { ItemResult } from '../../common/runItems';
import { createTodoistTransport } from '../transport/client';
import type { TodoistTransport } from '../transport/client';
import { TodoistRequestError, toNodeApiError } from '../transport/errors';
import { readSettings } from './options';

/** One operation file: its parameters and what it does for one item. */
export interface TodoistOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number, todoist: TodoistTransport): Promise<ItemResult>;
}

/** The Todoist Task node's `execute()`: one transport per execution, every item within the Concurrency option. */
export async function routeTodoistOperation(
	context: IExecuteFunctions,
	operations: Record<string, TodoistOperation>,
): Promise<INodeExecutionData[][]> {
	const operationName = context.getNodeParameter('operation', 0) as string;
	const operation = operations[operationName];
	if (!operation) {
		throw new NodeOperationError(context.getNode(), `The operation "${operationName}" is not supported`);
	}
	const settings = readSettings(context.getNodeParameter('options', 0, {}) as IDataObject);
	const todoist = await createTodoistTransport(context, settings);
	const output = await runItems(
		context,
		settings.concurrency,
		async (itemIndex) => await operation.execute.call(context, itemIndex, todoist),
		(error, itemIndex) =>
			error instanceof TodoistRequestError
				? toNodeApiError(context.getNode(), error, itemIndex)
				: asNodeError(context.getNode(), error, itemIndex),
	);
	logItemOutcomes(context, operationName, output[0]);
	return output;
}
