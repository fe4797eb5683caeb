import { setTimeout as sleep } from 'node:timers/promises';

export interface Polled<T> {
	value: T;
	/** Whether `done` held before the time ran out. */
	held: boolean;
}

/**
 * Reads `read()` every `everyMs` until `done` holds of what it returned, for at most `timeoutMs`. Returns the last
 * value either way, so a caller can throw with it or report it.
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, everyMs = 200): Promise<Polled<T>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (done(value)) return { value, held: true };
		if (Date.now() >= deadline) return { value, held: false };
		await sleep(everyMs);
	}
}
