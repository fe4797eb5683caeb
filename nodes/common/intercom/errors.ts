import { IntercomError, IntercomTimeoutError } from 'intercom-client';
import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

export type IntercomFailureKind =
	| 'unauthorized'
	| 'forbidden'
	| 'invalid'
	| 'notFound'
	| 'gone'
	| 'conflict'
	| 'rateLimited'
	| 'server'
	| 'timeout'
	| 'network'
	| 'unexpected';

/** The first entry of Intercom's `error.list` body. */
export interface IntercomErrorDetail {
	code?: string;
	message?: string;
	requestId?: string;
}

/**
 * A failed Intercom call after the transport's retries, in a shape operations can branch on
 * (`kind`, `code`, `conflictingId`) without knowing the SDK.
 */
export class IntercomRequestError extends Error {
	constructor(
		readonly kind: IntercomFailureKind,
		/** What we were doing, in words ("create the contact"). */
		readonly action: string,
		readonly status: number | undefined,
		readonly detail: IntercomErrorDetail,
		readonly attempts: number,
		readonly body?: unknown,
		/** For a 429: when Intercom said to come back (Retry-After or X-RateLimit-Reset), epoch ms. */
		readonly retryAtMs?: number,
	) {
		super(detail.message ?? `Intercom call failed (${kind})`);
		this.name = 'IntercomRequestError';
	}

	get code(): string | undefined {
		return this.detail.code;
	}

	/** For a 409, the id Intercom names in "…already exists with id=<id>". */
	get conflictingId(): string | undefined {
		return this.detail.message?.match(/\bid=([^\s,.;]+)/)?.[1];
	}

	/** For a 409, whether the matching contact is archived (it then has to be unarchived first). */
	get conflictsWithArchived(): boolean {
		return /\barchived\b/i.test(this.detail.message ?? '');
	}
}

function readErrorDetail(body: unknown): IntercomErrorDetail {
	if (!body || typeof body !== 'object') return typeof body === 'string' ? { message: body } : {};
	const record = body as { errors?: Array<{ code?: unknown; message?: unknown }>; request_id?: unknown };
	const first = Array.isArray(record.errors) ? record.errors[0] : undefined;
	return {
		code: typeof first?.code === 'string' ? first.code : undefined,
		message: typeof first?.message === 'string' ? first.message : undefined,
		requestId: typeof record.request_id === 'string' ? record.request_id : undefined,
	};
}

function readRetryAt(headers: Headers | undefined, now = Date.now()): number | undefined {
	const retryAfterSeconds = Number.parseInt(headers?.get('retry-after') ?? '', 10);
	if (Number.isFinite(retryAfterSeconds)) return now + retryAfterSeconds * 1000;
	const resetSeconds = Number.parseInt(headers?.get('x-ratelimit-reset') ?? '', 10);
	return Number.isFinite(resetSeconds) ? resetSeconds * 1000 : undefined;
}

function kindOfStatus(status: number, code: string | undefined): IntercomFailureKind {
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'notFound';
	if (status === 410) return 'gone';
	if (status === 409) return 'conflict';
	if (status === 429 || code === 'rate_limit_exceeded') return 'rateLimited';
	if (status === 408) return 'timeout';
	if (status >= 500) return 'server';
	if (status >= 400) return 'invalid';
	return 'unexpected';
}

/** Turns whatever the SDK threw into an IntercomRequestError. */
export function classifyIntercomError(error: unknown, action: string, attempts: number): IntercomRequestError {
	if (error instanceof IntercomRequestError) return error;
	if (error instanceof IntercomTimeoutError) {
		return new IntercomRequestError('timeout', action, undefined, { message: error.message }, attempts);
	}
	if (error instanceof IntercomError) {
		if (error.statusCode === undefined) {
			// No HTTP answer at all: refused connection, DNS failure, reset socket.
			return new IntercomRequestError('network', action, undefined, { message: error.message }, attempts);
		}
		const detail = readErrorDetail(error.body);
		const kind = kindOfStatus(error.statusCode, detail.code);
		const retryAtMs = kind === 'rateLimited' ? readRetryAt(error.rawResponse?.headers) : undefined;
		return new IntercomRequestError(kind, action, error.statusCode, detail, attempts, error.body, retryAtMs);
	}
	const message = error instanceof Error ? error.message : String(error);
	return new IntercomRequestError('unexpected', action, undefined, { message }, attempts);
}

export function isRetryable(error: IntercomRequestError): boolean {
	return ['rateLimited', 'server', 'timeout', 'network'].includes(error.kind);
}

const times = (count: number) => (count === 1 ? 'once' : `${count} times`);

function describe(error: IntercomRequestError): { message: string; description: string } {
	const intercomSaid = [error.code, error.detail.message].filter(Boolean).join(': ');
	switch (error.kind) {
		case 'unauthorized':
			return {
				message: 'Intercom rejected the access token — check the Intercom credential',
				description: 'Copy a fresh access token from the Developer Hub into the credential and make sure the region is right.',
			};
		case 'forbidden':
			return {
				message: `Intercom refused to ${error.action} (${intercomSaid || 'forbidden'})`,
				description: 'The access token lacks a permission this needs. Add it to the app in the Developer Hub.',
			};
		case 'invalid':
			return {
				message: `Intercom rejected the request to ${error.action} — ${intercomSaid || `HTTP ${error.status}`}`,
				description: 'Check the values this item sends; Intercom names the field at fault above.',
			};
		case 'notFound':
		case 'gone':
			return {
				message: `Intercom could not find what was needed to ${error.action} (${intercomSaid || error.status})`,
				description: 'Check the id. Merged or deleted records are no longer found.',
			};
		case 'conflict':
			return {
				message: `Intercom reported a conflict while trying to ${error.action} — ${intercomSaid}`,
				description: 'Another record already holds this e-mail or external id.',
			};
		case 'rateLimited':
			return {
				message: `Intercom's rate limit was still exceeded after trying to ${error.action} ${times(error.attempts)}`,
				description: 'Lower the Concurrency option, or run the workflow when other integrations are quieter.',
			};
		case 'server':
			return {
				message: `Intercom had a server error (HTTP ${error.status}) after trying to ${error.action} ${times(error.attempts)}`,
				description: 'This is on Intercom’s side. Retry the execution later.',
			};
		case 'timeout':
			return {
				message: `Intercom did not answer in time: timed out trying to ${error.action} ${times(error.attempts)}`,
				description: 'Intercom is slow right now. Retry later or raise the Timeout option.',
			};
		case 'network':
			return {
				message: `Could not reach Intercom to ${error.action}: ${error.detail.message ?? 'network error'}`,
				description: 'Check the region or custom base URL in the Intercom credential and the network of this n8n.',
			};
		default:
			return {
				message: `Unexpected answer from Intercom while trying to ${error.action}: ${intercomSaid || error.message}`,
				description: 'Retry; if it persists, report it with the request id.',
			};
	}
}

/** The n8n error a failed Intercom call becomes on its item. */
export function toNodeApiError(node: INode, error: IntercomRequestError, itemIndex: number): NodeApiError {
	const { message, description } = describe(error);
	const response: JsonObject = {
		message,
		kind: error.kind,
		...(error.code ? { code: error.code } : {}),
		...(error.detail.requestId ? { requestId: error.detail.requestId } : {}),
	};
	return new NodeApiError(node, response, {
		message,
		description,
		itemIndex,
		httpCode: error.status === undefined ? undefined : String(error.status),
	});
}
