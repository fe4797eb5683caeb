/**
 * Intercom's rate limit: a fixed number of calls per window (10 s in production), reported on every
 * authorised answer. `X-RateLimit-Limit` is the window's allowance here, so Remaining/Limit is meaningful.
 */
export interface RateLimitOptions {
	/** Calls allowed per window (Intercom: 10,000/min ≈ 1,666 per 10 s). */
	limit: number;
	/** Window length in ms; keep it a multiple of 1,000 so `X-RateLimit-Reset` (whole seconds) is exact. */
	windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { limit: 1666, windowMs: 10_000 };

export interface RateDecision {
	allowed: boolean;
	headers: Record<string, string>;
}

export class RateLimiter {
	private windowStart = -1;
	private used = 0;

	constructor(
		public options: RateLimitOptions,
		private readonly clock: () => number,
	) {}

	/** Counts one call against the current window. */
	take(): RateDecision {
		const { limit, windowMs } = this.options;
		const now = this.clock();
		const windowStart = Math.floor(now / windowMs) * windowMs;
		if (windowStart !== this.windowStart) {
			this.windowStart = windowStart;
			this.used = 0;
		}
		const allowed = this.used < limit;
		if (allowed) this.used += 1;
		return { allowed, headers: this.headers() };
	}

	/** Headers for the current window without spending a call (used by injected 429s). */
	headers(): Record<string, string> {
		const { limit, windowMs } = this.options;
		return {
			'X-RateLimit-Limit': String(limit),
			'X-RateLimit-Remaining': String(Math.max(0, limit - this.used)),
			'X-RateLimit-Reset': String(Math.ceil((this.windowStart + windowMs) / 1000)),
		};
	}
}
