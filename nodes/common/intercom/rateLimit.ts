import { sleep } from '../concurrency';

/** What one response told us about Intercom's rate-limit window. */
export interface RateLimitReading {
	limit: number;
	remaining: number;
	/** When the current window ends, in epoch milliseconds. */
	resetAtMs: number;
}

/** Reads `X-RateLimit-*` headers; undefined when any is missing (Intercom omits them for a bad token). */
export function readRateLimitHeaders(headers: Headers): RateLimitReading | undefined {
	const limit = Number.parseInt(headers.get('x-ratelimit-limit') ?? '', 10);
	const remaining = Number.parseInt(headers.get('x-ratelimit-remaining') ?? '', 10);
	const resetSeconds = Number.parseInt(headers.get('x-ratelimit-reset') ?? '', 10);
	if ([limit, remaining, resetSeconds].some((value) => !Number.isFinite(value))) return undefined;
	return { limit, remaining, resetAtMs: resetSeconds * 1000 };
}

export interface RateLimitPacerOptions {
	/** Below this share of the limit, the remaining calls are spread evenly up to the reset. */
	lowWaterShare?: number;
	/** Shortest pause after a 429 whose reset time has already passed (clock skew, whole-second resets). */
	minimumPauseMs?: number;
	now?: () => number;
	signal?: AbortSignal;
}

/**
 * Paces the requests of one execution by what Intercom reports in its rate-limit headers: sends freely
 * while the window has room, spreads the last calls of a window out when `Remaining` runs low, and holds
 * every request until the reset once the window is used up (or a 429 says so while our own count is
 * nearly spent). Lives for one execution.
 */
export class RateLimitPacer {
	private limit?: number;

	private remaining?: number;

	private resetAtMs?: number;

	private pausedUntilMs = 0;

	private lastDispatchMs = 0;

	private inFlight = 0;

	private wakeWaiters: Array<() => void> = [];

	private readonly lowWaterShare: number;

	private readonly minimumPauseMs: number;

	private readonly now: () => number;

	constructor(private readonly options: RateLimitPacerOptions = {}) {
		this.lowWaterShare = options.lowWaterShare ?? 0.1;
		this.minimumPauseMs = options.minimumPauseMs ?? 250;
		this.now = options.now ?? Date.now;
	}

	/** Waits until one more request may go out and counts it as sent; pair with `finish`. */
	async dispatch(): Promise<void> {
		for (;;) {
			const waitMs = this.waitBeforeNextMs(this.now());
			if (waitMs <= 0 || this.options.signal?.aborted) break;
			await this.waitOrWake(waitMs);
		}
		this.inFlight++;
		this.lastDispatchMs = this.now();
		if (this.remaining !== undefined) this.remaining--;
	}

	/** Records one answer's status and rate-limit headers; called while that request still counts as in flight. */
	observe(status: number, headers: Headers): void {
		const reading = readRateLimitHeaders(headers);
		if (status === 429) this.pauseAfterTooManyRequests(reading);
		else if (reading) this.adopt(reading);
		this.wake();
	}

	/** Marks a dispatched request as finished, answered or not. */
	finish(): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
	}

	private adopt(reading: RateLimitReading): void {
		// An answer about a window that has already ended says nothing about the current one.
		if (reading.resetAtMs <= this.now()) return;
		if (this.resetAtMs !== undefined && reading.resetAtMs < this.resetAtMs) return;
		this.limit = reading.limit;
		this.resetAtMs = reading.resetAtMs;
		// The other requests still in flight may not be counted in this answer yet; assume they were not.
		this.remaining = reading.remaining - Math.max(0, this.inFlight - 1);
	}

	private pauseAfterTooManyRequests(reading: RateLimitReading | undefined): void {
		// When our own count says the window still has plenty of room, the 429 is not about this
		// execution's pace (a burst limit, or others sharing the app's limit): only the refused request
		// waits for the reset (the transport does that), the others carry on and get their own answer.
		const lowWater = Math.ceil((this.limit ?? reading?.limit ?? 0) * this.lowWaterShare);
		if (this.remaining !== undefined && this.remaining > this.inFlight + lowWater) return;
		const now = this.now();
		this.remaining = 0;
		this.pausedUntilMs = Math.max(reading?.resetAtMs ?? 0, now + this.minimumPauseMs);
		if (this.resetAtMs === undefined || this.resetAtMs < this.pausedUntilMs) this.resetAtMs = this.pausedUntilMs;
	}

	/** Milliseconds to hold the next request; 0 to send it now. */
	waitBeforeNextMs(now: number): number {
		if (now < this.pausedUntilMs) return this.pausedUntilMs - now;
		if (this.remaining === undefined || this.resetAtMs === undefined) return 0;
		if (now >= this.resetAtMs) {
			// A new window has started: assume it is full until an answer says otherwise.
			this.remaining = this.limit ?? this.remaining;
			this.resetAtMs = undefined;
			return 0;
		}
		if (this.remaining <= 0) return this.resetAtMs - now;
		const lowWater = Math.ceil((this.limit ?? 0) * this.lowWaterShare);
		if (this.remaining > lowWater) return 0;
		// Spread what is left of the window evenly up to its reset.
		const spacingMs = (this.resetAtMs - now) / (this.remaining + 1);
		return Math.max(0, this.lastDispatchMs + spacingMs - now);
	}

	private async waitOrWake(ms: number): Promise<void> {
		const controller = new AbortController();
		const signal = this.options.signal
			? AbortSignal.any([controller.signal, this.options.signal])
			: controller.signal;
		const woken = new Promise<void>((resolve) => this.wakeWaiters.push(resolve));
		await Promise.race([sleep(ms, signal), woken]);
		controller.abort();
	}

	private wake(): void {
		const waiters = this.wakeWaiters;
		this.wakeWaiters = [];
		for (const resolve of waiters) resolve();
	}
}
