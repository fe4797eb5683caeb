/**
 * What Intercom's search sees: every write is recorded with its time, and a search at `now` sees, per
 * record, the newest version written at least `lagMs` earlier (so fresh records are missing and freshly
 * updated ones are stale). `undefined` marks a record that search must stop returning (merged, deleted).
 */
interface Version<T> {
	at: number;
	value: T | undefined;
}

export class LaggedIndex<T> {
	private readonly history = new Map<string, Array<Version<T>>>();

	record(id: string, value: T | undefined, at: number): void {
		const versions = this.history.get(id) ?? [];
		versions.push({ at, value: value === undefined ? undefined : structuredClone(value) });
		this.history.set(id, versions);
	}

	/** Records visible at `now`, in the order they were first written. */
	visible(now: number, lagMs: number): T[] {
		const cutoff = now - lagMs;
		const result: T[] = [];
		for (const versions of this.history.values()) {
			let newest = -1;
			for (let i = 0; i < versions.length && versions[i].at <= cutoff; i++) newest = i;
			if (newest < 0) continue;
			// History is kept whole so a lag raised mid-test still answers correctly.
			const value = versions[newest].value;
			if (value !== undefined) result.push(value);
		}
		return result;
	}

	clear(): void {
		this.history.clear();
	}
}
