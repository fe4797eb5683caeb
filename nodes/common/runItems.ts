import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export type ItemResult = IDataObject | IDataObject[];

export type NodeError = NodeApiError | NodeOperationError;

/** Anything an item's work threw, as an n8n error; errors n8n already knows pass through unchanged. */
export function asNodeError(node: INode, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}

/**
 * The item a failed input becomes when the node continues on fail (regular or error output), in every node:
 * `error` (the message) and `details` (what to check, and Intercom's HTTP status) for later nodes to read,
 * the error itself for n8n, and the pairing with its input.
 */
export function errorItem(error: NodeError, itemIndex: number): INodeExecutionData {
	const details: IDataObject = error.description ? { description: error.description } : {};
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	return { json: { error: error.message, details }, error, pairedItem: { item: itemIndex } };
}

/**
 * Runs `handle` for every input item with at most `concurrency` items at once and returns the outputs
 * in input order, each paired with its input item. A failing item becomes an error item when the node
 * continues on fail (regular or error output); otherwise the first failure (by item order) is thrown once
 * the items already started have finished.
 */
export async function runItems(
	context: IExecuteFunctions,
	concurrency: number,
	handle: (itemIndex: number) => Promise<ItemResult>,
	toNodeError: (error: unknown, itemIndex: number) => NodeError,
): Promise<INodeExecutionData[][]> {
	const itemCount = context.getInputData().length;
	const outputs: INodeExecutionData[][] = new Array(itemCount);
	const continueOnFail = context.continueOnFail();
	const failures: Array<{ itemIndex: number; error: NodeError }> = [];
	let next = 0;

	const worker = async () => {
		while (next < itemCount && (continueOnFail || failures.length === 0)) {
			const itemIndex = next++;
			try {
				const result = await handle(itemIndex);
				const pairedItem = { item: itemIndex };
				outputs[itemIndex] = (Array.isArray(result) ? result : [result]).map((json) => ({ json, pairedItem }));
			} catch (caught) {
				const error = toNodeError(caught, itemIndex);
				if (continueOnFail) outputs[itemIndex] = [errorItem(error, itemIndex)];
				else failures.push({ itemIndex, error });
			}
		}
	};

	const workers = Math.max(1, Math.min(Math.floor(concurrency), itemCount));
	await Promise.all(Array.from({ length: workers }, worker));

	if (failures.length > 0) {
		throw failures.reduce((first, failure) => (failure.itemIndex < first.itemIndex ? failure : first)).error;
	}
	return [outputs.flat()];
}

/**
 * Batches of this size or more are long work: their outcome goes to n8n's log at info, so it can be followed.
 * So does every run not started by a webhook (a schedule, a page of the backfill): webhooks are the busy path.
 */
const BATCH_LOG_THRESHOLD = 50;

/** One line per run of an action node: how many items ended how (`action`), and how many failed. */
export function logItemOutcomes(context: IExecuteFunctions, operationName: string, items: INodeExecutionData[]): void {
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
