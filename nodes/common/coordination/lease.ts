/**
 * A lock held as a lease: renewed while its holder works, so no timeout or retry setting outlives it, and left to
 * expire when the holder dies (its renewals stop), so a dead holder frees the lock within one lease time.
 */
export interface Lease {
	/** Aborted when the lease was lost (not renewed in time, or another holder has it): stop before the next write. */
	readonly signal: AbortSignal;
	/** Throws when the lease was lost. Call it right before a write that must not happen twice. */
	assertHeld(): void;
}

export class LeaseLostError extends Error {
	constructor(key: string, where: string) {
		super(`The lock "${key}" expired while this execution still worked under it (${where} was not reachable to renew it); stopped before writing, so the next attempt starts afresh`);
	}
}

/** Renews three times per lease time: one renewal may fail, or come late, without losing the lease. */
const RENEWALS_PER_LEASE = 3;

/**
 * Runs `work` under a lease that `renew` extends (true: still ours) every third of `ttlMs` until work ends.
 * The lease is lost when a renewal says it is not ours, or when no renewal succeeded for a whole `ttlMs`.
 */
export async function runUnderLease<T>(
	key: string,
	where: string,
	ttlMs: number,
	renew: () => Promise<boolean>,
	work: (lease: Lease) => Promise<T>,
): Promise<T> {
	const controller = new AbortController();
	let lastRenewed = Date.now();
	const lose = () => {
		if (!controller.signal.aborted) controller.abort(new LeaseLostError(key, where));
	};
	let renewing: Promise<void> = Promise.resolve();
	const timer = setInterval(() => {
		renewing = renew().then(
			(stillOurs) => {
				if (stillOurs) lastRenewed = Date.now();
				else lose();
			},
			() => {
				if (Date.now() - lastRenewed >= ttlMs) lose();
			},
		);
	}, Math.max(10, Math.floor(ttlMs / RENEWALS_PER_LEASE)));
	const lease: Lease = {
		signal: controller.signal,
		assertHeld() {
			if (Date.now() - lastRenewed >= ttlMs) lose();
			if (controller.signal.aborted) throw controller.signal.reason as Error;
		},
	};
	try {
		return await work(lease);
	} finally {
		clearInterval(timer);
		await renewing;
	}
}
