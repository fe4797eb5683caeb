/**
 * Values read from a slow source (n8n's credential store, Intercom's lists), reused across executions for a
 * short time. Entries are per key (a credential id, a workspace) and bounded, so a misuse cannot grow memory.
 * Callers asking for a key while it is being read share that read: when a kept value expires under load, the
 * requests in flight would otherwise each read it (under n8n's defaults, each credential read builds an isolate).
 */
const MAX_ENTRIES = 100;

export class RecentReads<T> {
	private readonly kept = new Map<string, { value: T; until: number }>();
	private readonly reading = new Map<string, Promise<T>>();

	constructor(
		readonly reuseMs: number,
		private readonly clock: () => number = () => Date.now(),
	) {}

	/**
	 * The value for `key` as read within `reuseMs`, else `read()`'s (or that of a read of `key` already under
	 * way), kept when `worthKeeping` says so. Without a key it always reads. A failed read keeps nothing.
	 */
	async get(key: string | undefined, read: () => Promise<T>, worthKeeping: (value: T) => boolean = () => true, now = this.clock): Promise<T> {
		if (!key) return await read();
		const kept = this.kept.get(key);
		if (kept && kept.until > now()) return kept.value;
		const underWay = this.reading.get(key);
		if (underWay) return await underWay;
		const reading = this.readAndKeep(key, read, worthKeeping, now);
		this.reading.set(key, reading);
		try {
			return await reading;
		} finally {
			if (this.reading.get(key) === reading) this.reading.delete(key);
		}
	}

	set(key: string, value: T, now = this.clock): void {
		if (this.kept.size >= MAX_ENTRIES && !this.kept.has(key)) this.kept.delete(this.kept.keys().next().value!);
		this.kept.set(key, { value, until: now() + this.reuseMs });
	}


	private async readAndKeep(key: string, read: () => Promise<T>, worthKeeping: (value: T) => boolean, now: () => number): Promise<T> {
		const value = await read();
		if (worthKeeping(value)) this.set(key, value, now);
		else this.kept.delete(key);
		return value;
	}
}
