import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { classifyFailure, remoteWords } from '../../common/credentialProbe';
import { isRecord } from '../../common/jsonValues';

export type TodoistFailureKind =
	| 'unauthorized'
	| 'forbidden'
	| 'notFound'
	| 'invalid'
	| 'rateLimited'
	| 'server'
	| 'timeout'
	| 'network'
	| 'unexpected';

/** One request as the operations describe it; the transport adds the address, the token and the request id. */
export interface TodoistCall {
	/** What the call does, in words, for messages ("close task 6X7rM8997g3RQmvh"). */
	action: string;
	method: 'GET' | 'POST';
	/** Below /api/v1, ids already encoded: `/tasks/<id>/close`. */
	path: string;
	body?: Record<string, string>;
	/** The task the call is about, named when Todoist does not find it. */
	taskId?: string;
}

/** Todoist's error body: `{ error, error_code, error_tag, http_code, error_extra: { retry_after, event_id } }`. */
export interface TodoistErrorDetail {
	tag?: string;
	words?: string;
}

/** A failed Todoist call after the transport's retries, in a shape operations can branch on (`kind`, `status`). */
export class TodoistRequestError extends Error {
	constructor(
		readonly kind: TodoistFailureKind,
		readonly call: TodoistCall,
		readonly status: number | undefined,
		readonly detail: TodoistErrorDetail,
		readonly attempts: number,
		/** For a 429 (or a 503 that says so): how long Todoist asked us to wait. */
		readonly retryAfterMs?: number,
	) {
		super(detail.words ?? `Todoist call failed (${kind})`);
		this.name = 'TodoistRequestError';
	}
}

function kindOfStatus(status: number, tag: string | undefined): TodoistFailureKind {
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404 || status === 410 || /NOT_FOUND$/.test(tag ?? '')) return 'notFound';
	if (status === 429) return 'rateLimited';
	if (status === 408) return 'timeout';
	if (status >= 500) return 'server';
	if (status >= 400) return 'invalid';
	return 'unexpected';
}

/** Seconds from `Retry-After` (a number or an HTTP date), else from the body's `error_extra.retry_after`. */
export function retryAfterMs(headers: Record<string, unknown>, body: unknown, now = Date.now()): number | undefined {
	const header = headers['retry-after'];
	const text = typeof header === 'string' ? header.trim() : typeof header === 'number' ? String(header) : '';
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const date = text ? Date.parse(text) : Number.NaN;
	if (Number.isFinite(date)) return Math.max(0, date - now);
	const extra = isRecord(body) && isRecord(body.error_extra) ? body.error_extra.retry_after : undefined;
	return typeof extra === 'number' && Number.isFinite(extra) && extra >= 0 ? extra * 1000 : undefined;
}

/** What an HTTP answer outside 2xx means, with the wait Todoist asked for on a 429 (or a 503's Retry-After). */
export function classifyAnswer(
	call: TodoistCall,
	status: number,
	headers: Record<string, unknown>,
	body: unknown,
	attempts: number,
): TodoistRequestError {
	const tag = isRecord(body) && typeof body.error_tag === 'string' ? body.error_tag : undefined;
	const words = remoteWords(body) || (typeof body === 'string' && body.length < 200 ? body.trim() : '') || undefined;
	const kind = kindOfStatus(status, tag);
	// Todoist puts error_extra.retry_after on every error; only a 429's is about waiting. A 503 may send the header.
	const wait = status === 429 ? retryAfterMs(headers, body) : status === 503 ? retryAfterMs(headers, undefined) : undefined;
	return new TodoistRequestError(kind, call, status, { tag, words }, attempts, wait);
}

/** A request that got no HTTP answer: n8n hands the cause (axios' error) inside its NodeApiError. */
export function classifyThrown(call: TodoistCall, error: unknown, attempts: number): TodoistRequestError {
	const innermost = (error as { cause?: unknown })?.cause instanceof Error ? (error as { cause: Error }).cause : error;
	const code = String((innermost as { code?: unknown })?.code ?? '');
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /\btimeout\b/i.test(String((innermost as Error)?.message))) {
		return new TodoistRequestError('timeout', call, undefined, { words: 'no answer in time' }, attempts);
	}
	return new TodoistRequestError('network', call, undefined, { words: classifyFailure(innermost).detail }, attempts);
}

export function isRetryable(error: TodoistRequestError): boolean {
	return ['rateLimited', 'server', 'timeout', 'network'].includes(error.kind);
}

/** A 429 asking for a longer wait fails at once: an execution should not sit for a whole rate-limit window. */
export const LONGEST_RATE_LIMIT_WAIT_MS = 60_000;

const times = (count: number) => (count === 1 ? 'once' : `${count} times`);
const CHECK_BASE_URL = 'check Base URL in the Todoist credential (normally https://api.todoist.com)';

function describe(error: TodoistRequestError): { message: string; description: string } {
	const { call } = error;
	const said = [error.detail.tag, error.detail.words].filter(Boolean).join(': ');
	switch (error.kind) {
		case 'unauthorized':
			return {
				message: 'Todoist rejected the API Token — check the Todoist credential',
				description:
					'Copy the API token again from Todoist (Settings → Integrations → Developer), or the access token your app got through OAuth, into the credential’s API Token.',
			};
		case 'forbidden':
			return {
				message: `Todoist refused to ${call.action} (${said || 'HTTP 403'})`,
				description:
					'The token’s account may not change this task (it is in a project the account cannot edit), or an OAuth token lacks the data:read_write scope. Use a token of an account with access.',
			};
		case 'notFound':
			return call.taskId
				? {
						message: `Todoist has no task with ID "${call.taskId}" — it was deleted, or the Task ID is wrong`,
						description: `Could not ${call.action}. Check the Task ID: Todoist API v1 ids look like 6X7rM8997g3RQmvh (the Todoist Trigger outputs it as task.id); old numeric ids are not accepted. If every task is reported missing, ${CHECK_BASE_URL}.`,
					}
				: {
						message: `Todoist found nothing at /api/v1${call.path} (${said || `HTTP ${error.status}`})`,
						description: `Could not ${call.action}: ${CHECK_BASE_URL}.`,
					};
		case 'invalid':
			return {
				message: `Todoist rejected the request to ${call.action} — ${said || `HTTP ${error.status}`}`,
				description: 'Check the values this item sends (Task ID, comment text); Todoist names what is wrong above.',
			};
		case 'rateLimited':
			if (error.retryAfterMs !== undefined && error.retryAfterMs > LONGEST_RATE_LIMIT_WAIT_MS) {
				return {
					message: `Todoist's rate limit: it asked to wait ${Math.ceil(error.retryAfterMs / 1000)} seconds before trying to ${call.action} again`,
					description:
						'The node waits at most a minute. Run the workflow again later, lower the Concurrency option, or spread the work out: Todoist counts requests per user over 15 minutes.',
				};
			}
			return {
				message: `Todoist's rate limit was still exceeded after trying to ${call.action} ${times(error.attempts)}`,
				description: 'Lower the Concurrency option, or run the workflow when other Todoist integrations are quieter.',
			};
		case 'server':
			return {
				message: `Todoist had a server error (HTTP ${error.status}) after trying to ${call.action} ${times(error.attempts)}`,
				description: 'This is on Todoist’s side. Retry the execution later.',
			};
		case 'timeout':
			return {
				message: `Todoist did not answer in time: timed out trying to ${call.action} ${times(error.attempts)}`,
				description: 'Todoist is slow right now. Retry later or raise the Timeout option.',
			};
		case 'network':
			return {
				message: `Could not reach Todoist to ${call.action} (${error.detail.words ?? 'network error'})`,
				description: `Tried ${times(error.attempts)}: ${CHECK_BASE_URL}, and the network of this n8n.`,
			};
		default:
			return {
				message: `Unexpected answer from Todoist while trying to ${call.action}: ${said || error.message}`,
				description: 'Retry; if it persists, check Base URL in the Todoist credential.',
			};
	}
}

/** The n8n error a failed Todoist call becomes on its item. */
export function toNodeApiError(node: INode, error: TodoistRequestError, itemIndex: number): NodeApiError {
	const { message, description } = describe(error);
	const response: JsonObject = { message, kind: error.kind, ...(error.detail.tag ? { errorTag: error.detail.tag } : {}) };
	return new NodeApiError(node, response, {
		message,
		description,
		itemIndex,
		httpCode: error.status === undefined ? undefined : String(error.status),
	});
}
