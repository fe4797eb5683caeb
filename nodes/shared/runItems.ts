import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export type ItemResult = IDataObject | IDataObject[];

type NodeError = NodeApiError | NodeOperationError;

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
			const pairedItem = { item: itemIndex };
			try {
				const result = await handle(itemIndex);
				outputs[itemIndex] = (Array.isArray(result) ? result : [result]).map((json) => ({ json, pairedItem }));
			} catch (caught) {
				const error = toNodeError(caught, itemIndex);
				if (!continueOnFail) {
					failures.push({ itemIndex, error });
					continue;
				}
				const details: IDataObject = { ...(error.description ? { description: error.description } : {}) };
				if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
				outputs[itemIndex] = [{ json: { error: error.message, details }, error, pairedItem }];
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
