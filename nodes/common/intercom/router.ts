import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runItems } from '../runItems';
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
	logOutcomes(context, operationName, output[0]);
	return output;
}

/**
 * Batches of this size or more are long work: their outcome goes to n8n's log at info, so it can be followed.
 * So does every run not started by a webhook (a schedule, a page of the backfill): webhooks are the busy path.
 */
const BATCH_LOG_THRESHOLD = 50;

/** One line per run: how many items ended how (`action`), and how many failed. */
function logOutcomes(context: IExecuteFunctions, operationName: string, items: INodeExecutionData[]): void {
	const counts = new Map<string, number>();
	for (const { json } of items) {
		const outcome = json.error !== undefined ? 'failed' : typeof json.action === 'string' ? json.action : 'done';
		counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
	}
	const summary = [...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ');
	const line = `${context.getNode().name} (${operationName}): ${items.length} items: ${summary || 'none'}`;
	if (context.getInputData().length >= BATCH_LOG_THRESHOLD || context.getMode() !== 'webhook') context.logger.info(line);
	else context.logger.debug(line);
}
