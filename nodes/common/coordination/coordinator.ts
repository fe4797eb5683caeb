/**
 * Coordination that must span executions and processes: claims on deliveries, per-key locks, and a short
 * memory of ids just created. The one deliberate exception to "nothing survives between executions"
 * (CONTRIBUTING.md). Two implementations behind this interface: in-process for one n8n, Redis for queue mode.
 */
import type { Lease } from './lease';

export type { Lease } from './lease';
export interface Coordinator {
	/** Where claims live, for log lines and error messages ("this n8n process", "Redis at host:port"). */
	readonly where: string;

	/**
	 * Atomically claims every key, for `ttlMs`: true when none was claimed before (this caller is first),
	 * false when any already was. Never read-then-write: two callers at once cannot both get true.
	 */
	claim(keys: string[], ttlMs: number): Promise<boolean>;

	/** Gives claims back (the work they guarded failed), so the next attempt may claim them again. */
	release(keys: string[]): Promise<void>;

	/**
	 * Runs `work` while holding an exclusive lock on `key`; others wait (up to `waitMs`) for it. The lock is a
	 * lease of `ttlMs`, renewed while `work` runs however long it takes; if its holder dies the renewals stop and
	 * the lock frees within `ttlMs`. `work` calls `lease.assertHeld()` before a write that must not happen twice.
	 */
	withLock<T>(key: string, options: { ttlMs: number; waitMs: number }, work: (lease: Lease) => Promise<T>): Promise<T>;

	/** Keeps a small value for `ttlMs` (e.g. reference → id of the ticket just created). */
	remember(key: string, value: string, ttlMs: number): Promise<void>;

	/** The value kept under `key`, if it has not expired. */
	recall(key: string): Promise<string | undefined>;

	/**
	 * Adds `value` at time `atMs` to the time-ordered log `log`, keeping what is younger than `ttlMs` and at most
	 * `maxEntries` (the oldest go first).
	 */
	append(log: string, atMs: number, value: string, options: { ttlMs: number; maxEntries: number }): Promise<void>;

	/** The values of `log` added between `fromMs` and `toMs` (inclusive), oldest first. */
	between(log: string, fromMs: number, toMs: number): Promise<string[]>;
}

/** Raised when a lock could not be had in time: the caller should fail the item (or the request) and let it be retried. */
export class LockTimeoutError extends Error {
	constructor(key: string, waitMs: number, where: string) {
		super(`Another execution held the lock "${key}" for more than ${Math.round(waitMs / 1000)} s (${where})`);
	}
}
