import { sleep } from '../concurrency';

import { LockTimeoutError, type Coordinator } from './coordinator';
import { runUnderLease, type Lease } from './lease';

/** Entries kept at most; the oldest go first when full, so a flood of deliveries cannot exhaust memory. */
const MAX_ENTRIES = 200_000;

/**
 * Claims, locks and memory inside this process: enough when one n8n process receives every webhook and runs
 * every execution (n8n's regular mode). JavaScript runs one callback at a time, so check-and-set here is atomic.
 * Lost when n8n restarts.
 */
export class InProcessCoordinator implements Coordinator {
	readonly where = 'this n8n process';

	private readonly entries = new Map<string, { value: string; expiresAt: number }>();

	private readonly logs = new Map<string, Array<{ atMs: number; value: string }>>();

	async claim(keys: string[], ttlMs: number): Promise<boolean> {
		if (keys.some((key) => this.live(key) !== undefined)) return false;
		for (const key of keys) this.set(key, '1', ttlMs);
		return true;
	}

	async release(keys: string[]): Promise<void> {
		for (const key of keys) this.entries.delete(key);
	}

	async withLock<T>(key: string, options: { ttlMs: number; waitMs: number }, work: (lease: Lease) => Promise<T>): Promise<T> {
		const lockKey = `lock:${key}`;
		const token = `${Date.now()}:${Math.random()}`;
		const deadline = Date.now() + options.waitMs;
		while (this.live(lockKey) !== undefined) {
			if (Date.now() > deadline) throw new LockTimeoutError(key, options.waitMs, this.where);
			await sleep(20);
		}
		this.set(lockKey, token, options.ttlMs);
		const renew = async () => {
			if (this.live(lockKey) !== token) return false;
			this.set(lockKey, token, options.ttlMs);
			return true;
		};
		try {
			return await runUnderLease(key, this.where, options.ttlMs, renew, work);
		} finally {
			// Only our own lock: if it expired and another caller took it, that one stays.
			if (this.live(lockKey) === token) this.entries.delete(lockKey);
		}
	}

	async remember(key: string, value: string, ttlMs: number): Promise<void> {
		this.set(key, value, ttlMs);
	}

	async recall(key: string): Promise<string | undefined> {
		return this.live(key);
	}

	async append(log: string, atMs: number, value: string, options: { ttlMs: number; maxEntries: number }): Promise<void> {
		const entries = this.logs.get(log) ?? [];
		this.logs.set(log, entries);
		// Kept in time order: entries arrive nearly in order, so the place is found from the end.
		let at = entries.length;
		while (at > 0 && entries[at - 1].atMs > atMs) at--;
		entries.splice(at, 0, { atMs, value });
		const oldest = Date.now() - options.ttlMs;
		let expired = 0;
		while (expired < entries.length && entries[expired].atMs < oldest) expired++;
		entries.splice(0, Math.max(expired, entries.length - options.maxEntries));
	}

	async between(log: string, fromMs: number, toMs: number): Promise<string[]> {
		return (this.logs.get(log) ?? []).filter((entry) => entry.atMs >= fromMs && entry.atMs <= toMs).map((entry) => entry.value);
	}

	private live(key: string): string | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		if (entry.expiresAt > Date.now()) return entry.value;
		this.entries.delete(key);
		return undefined;
	}

	private set(key: string, value: string, ttlMs: number): void {
		this.entries.delete(key);
		this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
		// Maps iterate in insertion order, so the first key is the oldest write.
		if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
	}
}
