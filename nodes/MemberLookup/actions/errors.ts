import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

/**
 * A failure of one of the two services, already put in words a user can act on: `message` says what
 * failed, `description` what to check. The router turns it into an n8n error for each affected item.
 */
export class LookupFailure extends Error {
	constructor(
		message: string,
		readonly description: string,
		/** `remote`: the service answered badly or not at all; `configuration`: our settings are unusable. */
		readonly kind: 'remote' | 'configuration',
		readonly detail?: string,
	) {
		super(message);
		this.name = 'LookupFailure';
	}

	/** Failures we worded pass through; anything else is a surprise, reported with its own message. */
	static from(error: unknown): LookupFailure {
		if (error instanceof LookupFailure) return error;
		return new LookupFailure(
			'The member lookup failed unexpectedly',
			'Check the node settings and retry; if it keeps failing, report it with the details.',
			'configuration',
			errorText(error),
		);
	}
}

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

export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
