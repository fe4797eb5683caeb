/**
 * Which failed executions to look at now, from nothing but n8n's own list of executions: a retry carries
 * `retryOf` (the execution it ran again) and n8n sets `retrySuccessId` on the original once a retry succeeds,
 * so the attempts made, their times and their outcome all live in n8n. Pure: no requests, no clock.
 */

/** One execution as n8n's public API lists it (`GET /api/v1/executions`). */
export interface ListedExecution {
	id: string;
	status: string;
	mode: string;
	retryOf?: string | null;
	retrySuccessId?: string | null;
	startedAt?: string | null;
	stoppedAt?: string | null;
	workflowId: string;
}

export interface RetrySettings {
	maxRetries: number;
	firstWaitMs: number;
	longestWaitMs: number;
}

/** A failed execution and what its retries so far came to. */
export interface FailedExecution {
	original: ListedExecution;
	/** Retries of it so far, oldest first. */
	attempts: ListedExecution[];
	/** The latest failure: the last attempt, or the original when none was made. */
	latest: ListedExecution;
	/** A retry (by this node or a person) succeeded. */
	healed: boolean;
	/** When the next retry is due (ms since the epoch); undefined once the limit is reached. */
	dueAt?: number;
}

const FAILED = new Set(['error', 'crashed']);

/** The wait before retry number `attempt + 1`: doubling from the first wait, up to the longest. */
export function waitBeforeRetry(attempt: number, settings: RetrySettings): number {
	return Math.min(settings.firstWaitMs * 2 ** attempt, settings.longestWaitMs);
}

/** When an execution ended, or started when n8n never recorded its end (a crash). */
function endedAt(execution: ListedExecution): number {
	return Date.parse(execution.stoppedAt ?? execution.startedAt ?? '') || 0;
}

/** Follows `retryOf` to the execution a chain of retries started from (a person may retry a retry). */
function rootOf(execution: ListedExecution, byId: Map<string, ListedExecution>): string {
	let current = execution;
	for (let hops = 0; current.retryOf && hops < 100; hops++) {
		const previous = byId.get(current.retryOf);
		if (!previous) return current.retryOf;
		current = previous;
	}
	return current.id;
}

/** Groups the listed executions into failed originals with their retries. */
export function failedExecutions(listed: ListedExecution[], settings: RetrySettings): FailedExecution[] {
	const byId = new Map(listed.map((execution) => [execution.id, execution]));
	const retriesOf = new Map<string, ListedExecution[]>();
	for (const execution of listed) {
		if (!execution.retryOf) continue;
		const root = rootOf(execution, byId);
		retriesOf.set(root, [...(retriesOf.get(root) ?? []), execution]);
	}
	const failed: FailedExecution[] = [];
	for (const original of listed) {
		if (original.retryOf || !FAILED.has(original.status)) continue;
		const attempts = (retriesOf.get(original.id) ?? []).sort((a, b) => endedAt(a) - endedAt(b) || Number(a.id) - Number(b.id));
		const healed = Boolean(original.retrySuccessId) || attempts.some((attempt) => attempt.status === 'success');
		const latest = attempts.at(-1) ?? original;
		const dueAt = attempts.length < settings.maxRetries ? endedAt(latest) + waitBeforeRetry(attempts.length, settings) : undefined;
		failed.push({ original, attempts, latest, healed, dueAt });
	}
	return failed;
}
