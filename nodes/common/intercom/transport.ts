import { IntercomClient } from 'intercom-client';
import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { backoffWithJitterMs, Semaphore, sleep } from '../concurrency';
import type { RequestSettings } from '../requestOptions';
import { CREDENTIAL_TYPES } from '../credentialTypes';
import { INTERCOM_API_VERSION, INTERCOM_REGIONS } from './api';
import { classifyIntercomError, isRetryable } from './errors';
import type { IntercomRequestError } from './errors';
import { RateLimitPacer } from './rateLimit';

type IntercomVersion = NonNullable<ConstructorParameters<typeof IntercomClient>[0]>['version'];

export type TransportSettings = RequestSettings;

export const DEFAULT_TRANSPORT_SETTINGS: TransportSettings = {
	concurrency: 5,
	timeoutSeconds: 20,
	maxRetries: 5,
};

/** First backoff step for 5xx, timeouts and network errors; doubles per attempt, up to the cap. */
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
/** Longest wait for a rate-limit reset: Intercom's windows are 10 s; anything longer is a bad header. */
const RESET_WAIT_CAP_MS = 60_000;

/**
 * How long to wait before trying a failed call again: a 429 waits for the reset Intercom names; other
 * failures back off exponentially with jitter so a struggling Intercom is not hammered.
 */
function retryDelayMs(failure: IntercomRequestError, attemptNumber: number, now = Date.now()) {
	const backoffMs = backoffWithJitterMs(attemptNumber, { baseMs: BACKOFF_BASE_MS, capMs: BACKOFF_CAP_MS });
	if (failure.kind !== 'rateLimited' || failure.retryAtMs === undefined || failure.retryAtMs <= now) return backoffMs;
	// A little past the reset, spread out so the waiting requests do not all return in the same instant.
	return Math.min(RESET_WAIT_CAP_MS, failure.retryAtMs - now) + Math.random() * 50;
}

/** Per-request options the transport hands to every SDK call. */
export interface CallOptions {
	maxRetries: 0;
	timeoutInSeconds: number;
	abortSignal?: AbortSignal;
}

export interface CallBehaviour {
	/**
	 * False for a write that would be doubled if it was applied before the failure (creating a ticket):
	 * only 429s, which Intercom refuses before doing anything, are retried; the caller decides the rest.
	 */
	repeatable?: boolean;
}

/** The outcome of a call: its value, or the classified failure for the caller to branch on. */
export type CallResult<T> = { value: T } | { failure: IntercomRequestError };

export type SendRequest<T> = (client: IntercomClient, options: CallOptions) => Promise<T>;

export interface IntercomTransport {
	readonly baseUrl: string;
	/**
	 * Runs one SDK call with pacing, the concurrency limit and retries, and returns the value or the
	 * failure (409, 404, … after retries). `action` says in words what the call does, for error messages.
	 */
	attempt<T>(action: string, send: SendRequest<T>, how?: CallBehaviour): Promise<CallResult<T>>;
	/** Like `attempt`, but throws the failure. */
	call<T>(action: string, send: SendRequest<T>, how?: CallBehaviour): Promise<T>;
}

/** The value of a call result, or its failure thrown. */
export function unwrap<T>(result: CallResult<T>): T {
	if ('failure' in result) throw result.failure;
	return result.value;
}

type ContextWithCredentials = Pick<IExecuteFunctions | ILoadOptionsFunctions, 'getCredentials' | 'getNode'> & {
	getExecutionCancelSignal?: () => AbortSignal | undefined;
};

/**
 * The SDK aborts a timed-out request with the reason "timeout", which Node's fetch rejects with as is;
 * the SDK only recognises an AbortError as a timeout. Hand it one, so a timeout is reported as such.
 */
function asAbortError(error: unknown, signal: AbortSignal | null | undefined): unknown {
	if (!signal?.aborted || error instanceof Error || error !== signal.reason) return error;
	return Object.assign(new Error(`The request was aborted (${String(error)})`), { name: 'AbortError' });
}

/** Base URL from the credential's region, or its custom URL without trailing slashes. */
export function resolveBaseUrl(region: unknown, customBaseUrl: unknown): string | undefined {
	if (region === 'custom') {
		const url = typeof customBaseUrl === 'string' ? customBaseUrl.trim().replace(/\/+$/, '') : '';
		return /^https?:\/\/\S+$/i.test(url) ? url : undefined;
	}
	return INTERCOM_REGIONS[typeof region === 'string' ? region : 'us']?.baseUrl;
}

/**
 * Builds the one Intercom client of an execution. Everything it keeps (pacer, slots) belongs to the
 * returned object, so nothing survives the execution.
 */
export async function createIntercomTransport(
	context: ContextWithCredentials,
	settings: TransportSettings = DEFAULT_TRANSPORT_SETTINGS,
): Promise<IntercomTransport> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPES.intercom);
	const baseUrl = resolveBaseUrl(credentials.region, credentials.baseUrl);
	if (!baseUrl) {
		throw new NodeOperationError(context.getNode(), 'The Intercom credential has no valid custom base URL', {
			description: 'Open the credential and enter an address starting with https://, or pick a region.',
		});
	}
	const token = typeof credentials.accessToken === 'string' ? credentials.accessToken.trim() : '';
	if (!token) {
		throw new NodeOperationError(context.getNode(), 'The Intercom credential has no access token', {
			description: 'Open the credential and paste the access token from the Intercom Developer Hub.',
		});
	}
	const version = (
		typeof credentials.apiVersion === 'string' && credentials.apiVersion.trim() ? credentials.apiVersion.trim() : INTERCOM_API_VERSION
	) as IntercomVersion;

	const abortSignal = context.getExecutionCancelSignal?.();
	const pacer = new RateLimitPacer({ signal: abortSignal });
	const slots = new Semaphore(Math.max(1, Math.floor(settings.concurrency)));

	// Every answer passes through here, so the pacer sees each response's rate-limit headers.
	const observingFetch: typeof fetch = async (input, init) => {
		const response = await fetch(input, init).catch(async (error: unknown) => await Promise.reject(asAbortError(error, init?.signal)));
		pacer.observe(response.status, response.headers);
		return response;
	};

	const client = new IntercomClient({
		token,
		baseUrl,
		version,
		// Retries are ours: the SDK would retry behind the pacer's back and hold a concurrency slot while waiting.
		maxRetries: 0,
		timeoutInSeconds: settings.timeoutSeconds,
		fetch: observingFetch,
	});
	const callOptions: CallOptions = { maxRetries: 0, timeoutInSeconds: settings.timeoutSeconds, abortSignal };

	async function attempt<T>(action: string, send: SendRequest<T>, how: CallBehaviour = {}): Promise<CallResult<T>> {
		for (let attemptNumber = 1; ; attemptNumber++) {
			let failure: IntercomRequestError;
			try {
				// Slot and pacing come before the SDK call so waiting never eats into its timeout.
				return {
					value: await slots.use(async () => {
						await pacer.dispatch();
						try {
							return await send(client, callOptions);
						} finally {
							pacer.finish();
						}
					}),
				};
			} catch (error) {
				failure = classifyIntercomError(error, action, attemptNumber);
			}
			const retryable = how.repeatable === false ? failure.kind === 'rateLimited' : isRetryable(failure);
			if (!retryable || attemptNumber > settings.maxRetries || abortSignal?.aborted) return { failure };
			await sleep(retryDelayMs(failure, attemptNumber), abortSignal);
		}
	}

	const call = async <T>(action: string, send: SendRequest<T>, how?: CallBehaviour) =>
		unwrap(await attempt(action, send, how));

	return { baseUrl, attempt, call };
}
