/**
 * Why an execution failed, as far as retrying is concerned: a service that could not be reached (or was
 * overloaded) may answer later, so running the execution again can heal it; anything else (bad data, a wrong
 * credential, a workflow mistake) fails the same way every time and needs a person.
 */

export type FailureCause = 'unreachable' | 'crashed' | 'needs a person';

/** What n8n keeps of a failed execution's error (`data.resultData.error`), all optional. */
export interface StoredError {
	message?: unknown;
	description?: unknown;
	httpCode?: unknown;
	name?: unknown;
}

/** n8n's words for a run whose worker died (its queue job stalled), and Bull's own when n8n reads a kept failed job. */
const STALLED = /failed to be processed too many times|job stalled more than/i;

/** HTTP answers that mean "not now" rather than "not this": timeouts, rate limits and server errors. */
const TRANSIENT_HTTP = /^(408|425|429|5\d\d)$/;

/**
 * Words of errors from a service that is down, slow or overloaded: the network's own codes, and the messages
 * this package's nodes and n8n write for those cases (tested against them in failureCause.test.ts).
 */
const TRANSIENT_WORDS = new RegExp(
	[
		'ECONNREFUSED',
		'ECONNRESET',
		'ETIMEDOUT',
		'EHOSTUNREACH',
		'ENETUNREACH',
		'EAI_AGAIN',
		'EPIPE',
		'socket hang up',
		'could not (reach|connect)',
		'did not answer',
		'dropped the connection',
		'timed out',
		'server error',
		'rate limit',
		'service unavailable',
		'bad gateway',
		'gateway time-?out',
		'connection (was )?(refused|reset|lost|closed)',
		'held the lock',
		'could not check for a repeated',
		// ioredis, when the Redis the coordination shares with n8n's queue is away.
		'max retries per request',
		'connection is closed',
		"stream isn't writeable",
		// n8n's own wording when it replaces a network error's message (NodeApiError).
		'refused the connection',
		'offline',
		'too many requests',
		'try again later',
	].join('|'),
	'i',
);

/** The cause of a failed or crashed execution, judged from its status and the error n8n stored. */
export function failureCause(status: string, error: StoredError | undefined): FailureCause {
	// n8n marks an execution crashed when the process running it stopped mid-run: nothing about its data.
	if (status === 'crashed') return 'crashed';
	if (!error) return 'needs a person';
	// What n8n writes on queue mode when the worker running it died (its job "stalled"): a crash too.
	if (typeof error.message === 'string' && STALLED.test(error.message)) return 'crashed';
	if (TRANSIENT_HTTP.test(String(error.httpCode ?? ''))) return 'unreachable';
	const words = [error.message, error.description].filter((part) => typeof part === 'string').join(' ');
	return TRANSIENT_WORDS.test(words) ? 'unreachable' : 'needs a person';
}

/** Whether running the execution again may succeed without anyone changing anything. */
export function mayHealByRetrying(cause: FailureCause): boolean {
	return cause !== 'needs a person';
}

/** What a failure's row says happened: n8n's own message, or what it means that n8n recorded none. */
export function failureMessage(status: string, error: StoredError | undefined): string {
	if (typeof error?.message === 'string' && error.message.trim() !== '') return error.message;
	if (status === 'crashed') return 'The n8n process running this execution stopped before it finished';
	return 'n8n marked this execution as failed without recording an error: open it to see how far it ran';
}
