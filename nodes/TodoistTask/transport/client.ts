/**
 * The one place that talks to Todoist's API v1 (https://developer.todoist.com/api/v1/): builds every request,
 * retries, paces on 429 and classifies failures. Requests go through n8n's `httpRequestWithAuthentication`, so the
 * credential's `authenticate` puts `Authorization: Bearer <API Token>` on them and n8n's proxy settings apply.
 */
import { randomUUID } from 'node:crypto';

import type { IExecuteFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { backoffWithJitterMs, Semaphore, sleep } from '../../common/concurrency';
import type { RequestSettings } from '../../common/requestOptions';
import { fieldText, httpBaseUrl } from '../../common/credentialProbe';
import { CREDENTIAL_TYPES } from '../../common/credentialTypes';
import { isRecord } from '../../common/jsonValues';
import type { TodoistCall } from './errors';
import { classifyAnswer, classifyThrown, isRetryable, LONGEST_RATE_LIMIT_WAIT_MS, TodoistRequestError } from './errors';

export const DEFAULT_BASE_URL = 'https://api.todoist.com';
const API_PATH = '/api/v1';

export type TodoistSettings = RequestSettings;

export const DEFAULT_TODOIST_SETTINGS: TodoistSettings = { concurrency: 3, timeoutSeconds: 20, maxRetries: 4 };

/** First backoff step for 5xx, timeouts and network errors; doubles per attempt, up to the cap. */
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 10_000;

export type CallResult = { value: unknown } | { failure: TodoistRequestError };

export interface TodoistTransport {
	readonly baseUrl: string;
	/** Sends one call with pacing, the concurrency limit and retries; the answer's body, or the failure. */
	attempt(call: TodoistCall): Promise<CallResult>;
	/** Like `attempt`, but throws the failure. */
	call(call: TodoistCall): Promise<unknown>;
}

export function unwrap(result: CallResult): unknown {
	if ('failure' in result) throw result.failure;
	return result.value;
}

/**
 * After a 429 every request of the execution holds until the time Todoist named, not only the refused one:
 * the limit is per user, so the others would be refused too. Lives for one execution.
 */
class RateLimitPause {
	private untilMs = 0;

	constructor(private readonly signal?: AbortSignal) {}

	pauseFor(ms: number): void {
		this.untilMs = Math.max(this.untilMs, Date.now() + ms);
	}

	async ready(): Promise<void> {
		while (Date.now() < this.untilMs && !this.signal?.aborted) await sleep(this.untilMs - Date.now(), this.signal);
	}
}

/** How long to wait before the next attempt: what Todoist asked for, else exponential backoff with jitter. */
function retryDelayMs(failure: TodoistRequestError, attemptNumber: number): number {
	if (failure.retryAfterMs !== undefined) return failure.retryAfterMs + Math.random() * 100;
	return backoffWithJitterMs(attemptNumber, { baseMs: BACKOFF_BASE_MS, capMs: BACKOFF_CAP_MS });
}

/** The credential's Base URL without trailing slashes, or an error saying what to enter. */
async function readBaseUrl(context: IExecuteFunctions): Promise<string> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPES.todoist);
	if (!fieldText(credentials.apiToken)) {
		throw new NodeOperationError(context.getNode(), 'The Todoist credential has no API Token', {
			description: 'Open the credential and paste the API token from Todoist: Settings → Integrations → Developer.',
		});
	}
	const baseUrl = httpBaseUrl(fieldText(credentials.baseUrl) || DEFAULT_BASE_URL);
	if (!baseUrl) {
		throw new NodeOperationError(context.getNode(), 'The Todoist credential has no valid Base URL', {
			description: `Open the credential and enter an address starting with https:// (normally ${DEFAULT_BASE_URL}).`,
		});
	}
	return baseUrl;
}

/** Builds the Todoist client of one execution; its pause and slots belong to it, so nothing outlives the execution. */
export async function createTodoistTransport(
	context: IExecuteFunctions,
	settings: TodoistSettings = DEFAULT_TODOIST_SETTINGS,
): Promise<TodoistTransport> {
	const baseUrl = await readBaseUrl(context);
	const abortSignal = context.getExecutionCancelSignal?.();
	const pause = new RateLimitPause(abortSignal);
	const slots = new Semaphore(Math.max(1, Math.floor(settings.concurrency)));

	/** One HTTP exchange: the body of a 2xx, or the classified failure (thrown). */
	async function exchange(call: TodoistCall, requestId: string | undefined, attemptNumber: number): Promise<unknown> {
		const options: IHttpRequestOptions = {
			method: call.method,
			url: `${baseUrl}${API_PATH}${call.path}`,
			// Todoist applies a POST with an X-Request-Id it has already processed only once, so a retry after a lost
			// answer cannot add a second comment. The id stays the same across the attempts of one call.
			headers: requestId ? { 'X-Request-Id': requestId } : {},
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: settings.timeoutSeconds * 1000,
			...(call.body ? { body: call.body } : {}),
		};
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_TYPES.todoist,
				options,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			throw classifyThrown(call, error, attemptNumber);
		}
		const { statusCode, headers, body } = response;
		if (statusCode >= 200 && statusCode < 300) return body;
		throw classifyAnswer(call, statusCode, isRecord(headers) ? headers : {}, body, attemptNumber);
	}

	async function attempt(call: TodoistCall): Promise<CallResult> {
		const requestId = call.method === 'POST' ? randomUUID() : undefined;
		for (let attemptNumber = 1; ; attemptNumber++) {
			let failure: TodoistRequestError;
			try {
				// Slot and pause come before the request, so waiting never eats into its timeout.
				const value = await slots.use(async () => {
					await pause.ready();
					return await exchange(call, requestId, attemptNumber);
				});
				return { value };
			} catch (error) {
				failure = error instanceof TodoistRequestError ? error : classifyThrown(call, error, attemptNumber);
			}
			const wait = retryDelayMs(failure, attemptNumber);
			if (failure.kind === 'rateLimited') {
				if (failure.retryAfterMs !== undefined && failure.retryAfterMs > LONGEST_RATE_LIMIT_WAIT_MS) return { failure };
				pause.pauseFor(wait);
			}
			if (!isRetryable(failure) || attemptNumber > settings.maxRetries || abortSignal?.aborted) return { failure };
			await sleep(wait, abortSignal);
		}
	}

	return { baseUrl, attempt, call: async (call) => unwrap(await attempt(call)) };
}
