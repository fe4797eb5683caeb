import { RateLimitPacer, readRateLimitHeaders } from '../../nodes/common/intercom/rateLimit';

/** Headers as Intercom sends them, with the reset given in whole seconds. */
function rateHeaders(limit: number, remaining: number, resetAtMs: number): Headers {
	return new Headers({
		'X-RateLimit-Limit': String(limit),
		'X-RateLimit-Remaining': String(remaining),
		'X-RateLimit-Reset': String(Math.ceil(resetAtMs / 1000)),
	});
}

describe('readRateLimitHeaders', () => {
	it('reads the three headers and turns the reset into milliseconds', () => {
		expect(readRateLimitHeaders(rateHeaders(100, 42, 1_700_000_010_000))).toEqual({
			limit: 100,
			remaining: 42,
			resetAtMs: 1_700_000_010_000,
		});
	});

	it('gives nothing when a header is missing (Intercom omits them for a bad token)', () => {
		expect(readRateLimitHeaders(new Headers({ 'X-RateLimit-Limit': '100' }))).toBeUndefined();
	});
});

describe('RateLimitPacer', () => {
	let now = 1_700_000_000_000;
	const clock = () => now;

	beforeEach(() => {
		now = 1_700_000_000_000;
	});

	it('sends freely before it has heard anything', () => {
		const pacer = new RateLimitPacer({ now: clock });
		expect(pacer.waitBeforeNextMs(now)).toBe(0);
	});

	it('holds requests until the reset once the window is used up', async () => {
		const pacer = new RateLimitPacer({ now: clock });
		await pacer.dispatch();
		pacer.observe(200, rateHeaders(10, 0, now + 4_000));
		pacer.finish();
		expect(pacer.waitBeforeNextMs(now)).toBe(4_000);
		now += 4_000;
		expect(pacer.waitBeforeNextMs(now)).toBe(0);
	});

	it('spreads the last calls of a window out when Remaining runs low', async () => {
		const pacer = new RateLimitPacer({ now: clock, lowWaterShare: 0.1 });
		await pacer.dispatch();
		pacer.observe(200, rateHeaders(100, 50, now + 10_000));
		pacer.finish();
		expect(pacer.waitBeforeNextMs(now)).toBe(0); // plenty left

		await pacer.dispatch();
		pacer.observe(200, rateHeaders(100, 4, now + 10_000));
		pacer.finish();
		// 4 calls left for 10 s: one every 2 s (10 s / (4 + 1)) after the last dispatch…
		expect(pacer.waitBeforeNextMs(now)).toBe(2_000);
		// …re-measured against the time left: 9.5 s / 5 = 1.9 s after the dispatch, 1.4 s from now.
		expect(pacer.waitBeforeNextMs(now + 500)).toBe(1_400);
	});

	it('counts requests still in flight against the room an answer reports', async () => {
		const pacer = new RateLimitPacer({ now: clock });
		await Promise.all([pacer.dispatch(), pacer.dispatch(), pacer.dispatch()]);
		// The first answer says 2 left; the two others in flight may not be counted in it yet.
		pacer.observe(200, rateHeaders(50, 2, now + 10_000));
		pacer.finish();
		expect(pacer.waitBeforeNextMs(now)).toBe(10_000);
	});

	it('a 429 before any count pauses every request until the reset', async () => {
		const pacer = new RateLimitPacer({ now: clock });
		await pacer.dispatch();
		pacer.observe(429, rateHeaders(10, 0, now + 3_000));
		pacer.finish();
		expect(pacer.waitBeforeNextMs(now)).toBe(3_000);
	});

	it('after a 429 whose reset has passed (clock skew), still pauses a little', async () => {
		const pacer = new RateLimitPacer({ now: clock, minimumPauseMs: 250 });
		await pacer.dispatch();
		pacer.observe(429, rateHeaders(10, 0, now - 2_000));
		pacer.finish();
		expect(pacer.waitBeforeNextMs(now)).toBe(250);
	});

	it('a 429 while our own count shows plenty of room leaves the other requests alone', async () => {
		const pacer = new RateLimitPacer({ now: clock });
		await pacer.dispatch();
		pacer.observe(200, rateHeaders(100, 60, now + 5_000));
		pacer.finish();
		await pacer.dispatch();
		pacer.observe(429, rateHeaders(100, 0, now + 5_000));
		pacer.finish();
		expect(pacer.waitBeforeNextMs(now)).toBe(0);
	});

	it('a 429 near the end of our count pauses every request until the reset', async () => {
		const pacer = new RateLimitPacer({ now: clock, lowWaterShare: 0 });
		await pacer.dispatch();
		pacer.observe(200, rateHeaders(100, 1, now + 5_000));
		pacer.finish();
		await pacer.dispatch();
		pacer.observe(429, rateHeaders(100, 0, now + 5_000));
		pacer.finish();
		expect(pacer.waitBeforeNextMs(now)).toBe(5_000);
	});

	it('ignores answers about a window that has already ended', async () => {
		const pacer = new RateLimitPacer({ now: clock });
		await pacer.dispatch();
		pacer.observe(200, rateHeaders(10, 0, now - 1_000));
		pacer.finish();
		expect(pacer.waitBeforeNextMs(now)).toBe(0);
	});

	it('wakes waiting requests as soon as an answer shows room again', async () => {
		let realNow = Date.now();
		const pacer = new RateLimitPacer({ now: () => realNow, lowWaterShare: 0 });
		await pacer.dispatch();
		await pacer.dispatch();
		// Both in flight; the first answer reports 1 left, so with one other in flight nothing may go.
		pacer.observe(200, rateHeaders(10, 1, realNow + 60_000));
		pacer.finish();
		let released = false;
		const waiting = pacer.dispatch().then(() => (released = true));
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(released).toBe(false);
		// The second answer shows it was counted: 1 left and nothing in flight.
		realNow = Date.now();
		pacer.observe(200, rateHeaders(10, 1, realNow + 60_000));
		pacer.finish();
		await waiting;
		expect(released).toBe(true);
	});
});
