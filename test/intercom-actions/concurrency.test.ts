import { backoffWithJitterMs, KeyedLock, Semaphore } from '../../nodes/common/concurrency';

const tick = async () => await new Promise((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
	it('lets at most `size` holders in, and the next waiter in when one leaves', async () => {
		const semaphore = new Semaphore(2);
		let inside = 0;
		let most = 0;
		const work = async () =>
			await semaphore.use(async () => {
				inside++;
				most = Math.max(most, inside);
				await tick();
				inside--;
			});
		await Promise.all(Array.from({ length: 7 }, work));
		expect(most).toBe(2);
		expect(inside).toBe(0);
	});

	it('frees the slot when the work fails', async () => {
		const semaphore = new Semaphore(1);
		await expect(semaphore.use(async () => await Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		await expect(semaphore.use(async () => 'next')).resolves.toBe('next');
	});
});

describe('KeyedLock', () => {
	it('runs work for one key in order and other keys alongside', async () => {
		const lock = new KeyedLock();
		const log: string[] = [];
		const step = (name: string) => async () => {
			log.push(`${name} start`);
			await tick();
			log.push(`${name} end`);
		};
		await Promise.all([lock.run('a', step('a1')), lock.run('a', step('a2')), lock.run('b', step('b1'))]);
		expect(log.indexOf('a1 end')).toBeLessThan(log.indexOf('a2 start'));
		expect(log.indexOf('b1 start')).toBeLessThan(log.indexOf('a1 end'));
	});

	it('a failure does not block the next work for the key', async () => {
		const lock = new KeyedLock();
		const failed = lock.run('a', async () => await Promise.reject(new Error('first fails')));
		const next = lock.run('a', async () => 'second runs');
		await expect(failed).rejects.toThrow('first fails');
		await expect(next).resolves.toBe('second runs');
	});
});

describe('backoffWithJitterMs', () => {
	const steps = { baseMs: 500, capMs: 3_000 };
	const range = (attempt: number) => {
		const waits = Array.from({ length: 200 }, () => backoffWithJitterMs(attempt, steps));
		return [Math.min(...waits), Math.max(...waits)];
	};

	it('doubles from the first step to the cap, each wait between half and all of its step', () => {
		for (const [attempt, step] of [[1, 500], [2, 1_000], [3, 2_000], [4, 3_000], [9, 3_000]]) {
			const [least, most] = range(attempt);
			expect(least).toBeGreaterThanOrEqual(step / 2);
			expect(most).toBeLessThanOrEqual(step);
		}
	});

	it('spreads the waits of callers that failed together', () => {
		const [least, most] = range(2);
		expect(most - least).toBeGreaterThan(100);
	});
});
