import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import type { LookupFailure } from '../../common/lookupFailure';

/** The router turns a worded failure into an n8n error for each affected item. */
export function toNodeError(
	node: INode,
	failure: LookupFailure,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const description = failure.detail ? `${failure.description} (${failure.detail})` : failure.description;
	if (failure.kind === 'configuration') {
		return new NodeOperationError(node, failure.message, { itemIndex, description });
	}
	// No `code` key on purpose: NodeApiError would swap our message for a generic one for codes like ECONNREFUSED.
	const response: JsonObject = { message: failure.message, detail: failure.detail ?? null };
	return new NodeApiError(node, response, { itemIndex, message: failure.message, description });
}
