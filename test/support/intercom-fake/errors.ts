/** Intercom's error body (`error.list`) and the exception behaviours throw to answer with it. */
import { randomUUID } from 'node:crypto';

export interface IntercomErrorBody {
	type: 'error.list';
	request_id: string;
	errors: Array<{ code: string; message: string }>;
}

export function errorList(code: string, message: string): IntercomErrorBody {
	return { type: 'error.list', request_id: randomUUID(), errors: [{ code, message }] };
}

/** Thrown by behaviours; the server turns it into the HTTP answer. */
export class FakeHttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		/** A request the contract's prose forbids (not just Intercom saying no): recorded as invalid. */
		readonly violatesContract = false,
	) {
		super(message);
	}

	get body(): IntercomErrorBody {
		return errorList(this.code, this.message);
	}
}

export const notFound = (message: string, code = 'not_found') => new FakeHttpError(404, code, message);
export const badRequest = (message: string, code = 'parameter_invalid') => new FakeHttpError(400, code, message);
/** For rules the contract states in prose (limits, operator/type pairs) that ajv cannot check. */
export const contractViolation = (message: string) => new FakeHttpError(400, 'parameter_invalid', message, true);
