/** A counting semaphore: at most `size` holders at once, granted in arrival order. */
export class Semaphore {
	private held = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(private readonly size: number) {
		if (!Number.isInteger(size) || size < 1) throw new RangeError('Semaphore size must be a positive integer');
	}

	async acquire(): Promise<void> {
		if (this.held < this.size) {
			this.held++;
			return;
		}
		// The releasing holder hands its slot straight to the next waiter, so `held` stays unchanged.
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.held--;
	}

	async use<T>(work: () => Promise<T>): Promise<T> {
		await this.acquire();
		try {
			return await work();
		} finally {
			this.release();
		}
	}
}

/**
 * Runs work one at a time per key (for example per e-mail address), so two items of one execution that
 * target the same record never race each other. Different keys run in parallel.
 */
export class KeyedLock {
	private readonly tails = new Map<string, Promise<unknown>>();

	async run<T>(key: string, work: () => Promise<T>): Promise<T> {
		const previous = this.tails.get(key) ?? Promise.resolve();
		const result = previous.then(work, work);
		const tail = result.then(
			() => undefined,
			() => undefined,
		);
		this.tails.set(key, tail);
		try {
			return await result;
		} finally {
			if (this.tails.get(key) === tail) this.tails.delete(key);
		}
	}
}

export const sleep = async (ms: number, signal?: AbortSignal): Promise<void> =>
	await new Promise<void>((resolve) => {
		if (ms <= 0 || signal?.aborted) return resolve();
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}
		signal?.addEventListener('abort', done, { once: true });
	});

/**
 * The wait before retry `attemptNumber` (from 1): doubling from `baseMs` up to `capMs`, then a random half taken
 * off, so callers that failed together do not all come back in the same instant.
 */
export function backoffWithJitterMs(attemptNumber: number, { baseMs, capMs }: { baseMs: number; capMs: number }): number {
	return Math.min(capMs, baseMs * 2 ** (attemptNumber - 1)) * (0.5 + Math.random() / 2);
}
