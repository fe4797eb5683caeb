/**
 * The same cases against both coordinators: in-process (one n8n) and Redis (queue mode, a real redis-server).
 * Concurrency is tested with calls made at the same time, not one after another.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { startRedis, type PrivateRedis } from '../../scripts/n8n/services/redis';
import {
	closeCoordinators,
	coordinatorFor,
	queueRedisSettings,
	type Coordinator,
	type Lease,
	LeaseLostError,
	LockTimeoutError,
} from '../../nodes/common/coordination';
import { InProcessCoordinator } from '../../nodes/common/coordination/inProcess';
import { RedisCoordinator } from '../../nodes/common/coordination/redis';

let redis: PrivateRedis;
let folder: string;
const redisCoordinators: RedisCoordinator[] = [];
const newRedisCoordinator = (): RedisCoordinator => {
	const created = new RedisCoordinator({ host: redis.host, port: redis.port }, `test-${process.pid}:`);
	redisCoordinators.push(created);
	return created;
};

beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'coordination-'));
	redis = await startRedis({ dataDir: folder });
}, 60_000);

afterAll(async () => {
	await Promise.all(redisCoordinators.map((coordinator) => coordinator.close()));
	await closeCoordinators();
	await redis?.stop();
	rmSync(folder, { recursive: true, force: true });
});

let keyCounter = 0;
const freshKey = (): string => `key-${Date.now()}-${keyCounter++}`;

describe.each([
	['in-process', (): Coordinator => new InProcessCoordinator()],
	['Redis', (): Coordinator => newRedisCoordinator()],
])('%s coordinator', (_name, create) => {
	it('gives a key to exactly one of 50 simultaneous claims, and to nobody afterwards', async () => {
		const coordinator = create();
		const key = freshKey();
		const results = await Promise.all(Array.from({ length: 50 }, () => coordinator.claim([key], 60_000)));
		expect(results.filter(Boolean)).toHaveLength(1);
		expect(await coordinator.claim([key], 60_000)).toBe(false);
	});

	it('claims several keys all or nothing: one already claimed refuses the rest and leaves them free', async () => {
		const coordinator = create();
		const [a, b, c] = [freshKey(), freshKey(), freshKey()];
		expect(await coordinator.claim([a, b], 60_000)).toBe(true);
		expect(await coordinator.claim([c, b], 60_000)).toBe(false);
		expect(await coordinator.claim([c], 60_000)).toBe(true);
	});

	it('frees a claim when it expires', async () => {
		const coordinator = create();
		const key = freshKey();
		expect(await coordinator.claim([key], 150)).toBe(true);
		expect(await coordinator.claim([key], 150)).toBe(false);
		await sleep(300);
		expect(await coordinator.claim([key], 150)).toBe(true);
	});

	it('gives a released claim to the next caller, and leaves other claims alone', async () => {
		const coordinator = create();
		const [a, b] = [freshKey(), freshKey()];
		expect(await coordinator.claim([a, b], 60_000)).toBe(true);
		await coordinator.release([a]);
		expect(await coordinator.claim([a], 60_000)).toBe(true);
		expect(await coordinator.claim([b], 60_000)).toBe(false);
	});

	it('lets one holder of a lock work at a time, and every waiter in turn', async () => {
		const coordinator = create();
		const key = freshKey();
		let inside = 0;
		let most = 0;
		let counter = 0;
		await Promise.all(
			Array.from({ length: 10 }, () =>
				coordinator.withLock(key, { ttlMs: 10_000, waitMs: 10_000 }, async () => {
					inside += 1;
					most = Math.max(most, inside);
					const read = counter;
					await sleep(5);
					counter = read + 1;
					inside -= 1;
				}),
			),
		);
		expect(most).toBe(1);
		expect(counter).toBe(10);
	});

	it('keeps a lock for a holder that works three times past its lease, and gives it to the next only afterwards', async () => {
		const coordinator = create();
		const key = freshKey();
		const log: string[] = [];
		const first = coordinator.withLock(key, { ttlMs: 300, waitMs: 5_000 }, async (lease) => {
			log.push('first in');
			await sleep(1_000);
			lease.assertHeld();
			log.push('first out');
		});
		await sleep(50);
		const second = coordinator.withLock(key, { ttlMs: 300, waitMs: 5_000 }, async () => void log.push('second in'));
		await Promise.all([first, second]);
		expect(log).toEqual(['first in', 'first out', 'second in']);
	});

	it('gives up waiting for a lock after waitMs with a LockTimeoutError, and frees the lock when work throws', async () => {
		const coordinator = create();
		const key = freshKey();
		let release!: () => void;
		const held = coordinator.withLock(key, { ttlMs: 10_000, waitMs: 1_000 }, () => new Promise<void>((resolveHeld) => (release = resolveHeld)));
		await sleep(50);
		await expect(coordinator.withLock(key, { ttlMs: 10_000, waitMs: 100 }, async () => 'never')).rejects.toBeInstanceOf(LockTimeoutError);
		release();
		await held;
		await expect(coordinator.withLock(key, { ttlMs: 10_000, waitMs: 100 }, async () => { throw new Error('work failed'); })).rejects.toThrow('work failed');
		expect(await coordinator.withLock(key, { ttlMs: 10_000, waitMs: 100 }, async () => 'free again')).toBe('free again');
	});

	it('never lets a waiter in while a live holder works past its lease: the waiter times out instead', async () => {
		const coordinator = create();
		const key = freshKey();
		const slow = coordinator.withLock(key, { ttlMs: 200, waitMs: 1_000 }, () => sleep(1_500));
		await sleep(50);
		await expect(coordinator.withLock(key, { ttlMs: 200, waitMs: 800 }, async () => 'entered')).rejects.toBeInstanceOf(LockTimeoutError);
		await slow;
		expect(await coordinator.withLock(key, { ttlMs: 200, waitMs: 100 }, async () => 'free again')).toBe('free again');
	});

	it('remembers a value until it expires', async () => {
		const coordinator = create();
		const key = freshKey();
		expect(await coordinator.recall(key)).toBeUndefined();
		await coordinator.remember(key, 'ticket-42', 200);
		expect(await coordinator.recall(key)).toBe('ticket-42');
		await sleep(350);
		expect(await coordinator.recall(key)).toBeUndefined();
	});

	it('keeps a time-ordered log: equal values twice, out-of-order arrivals in order, a window by time', async () => {
		const coordinator = create();
		const log = freshKey();
		const now = Date.now();
		const options = { ttlMs: 60_000, maxEntries: 100 };
		for (const [offset, value] of [[0, 'a'], [20, 'c'], [10, 'b'], [10, 'b'], [30, 'd']] as const) await coordinator.append(log, now + offset, value, options);
		expect(await coordinator.between(log, now, now + 30)).toEqual(['a', 'b', 'b', 'c', 'd']);
		expect(await coordinator.between(log, now + 5, now + 20)).toEqual(['b', 'b', 'c']);
		expect(await coordinator.between(freshKey(), now, now + 30)).toEqual([]);
	});

	it('drops log entries older than their time to live, and the oldest beyond the most it keeps', async () => {
		const coordinator = create();
		const [aged, full] = [freshKey(), freshKey()];
		const now = Date.now();
		await coordinator.append(aged, now - 5_000, 'old', { ttlMs: 1_000, maxEntries: 100 });
		await coordinator.append(aged, now, 'new', { ttlMs: 1_000, maxEntries: 100 });
		expect(await coordinator.between(aged, 0, now + 1)).toEqual(['new']);
		for (let index = 0; index < 5; index++) await coordinator.append(full, now + index, `v${index}`, { ttlMs: 60_000, maxEntries: 3 });
		expect(await coordinator.between(full, 0, now + 10)).toEqual(['v2', 'v3', 'v4']);
	});
});

describe('Redis coordinator across processes', () => {
	it('frees the lock of a holder that died (its renewals stopped) within the lease, and tells the holder it lost it', async () => {
		const dying = newRedisCoordinator();
		const survivor = newRedisCoordinator();
		const key = freshKey();
		let lease: Lease | undefined;
		let finish!: () => void;
		const held = dying
			.withLock(key, { ttlMs: 600, waitMs: 1_000 }, async (granted) => {
				lease = granted;
				await new Promise<void>((resolve) => (finish = resolve));
			})
			.catch(() => 'release failed: Redis is gone for this holder');
		await sleep(100);
		await dying.close(); // as a worker killed mid-run: no more renewals
		const started = Date.now();
		expect(await survivor.withLock(key, { ttlMs: 600, waitMs: 5_000 }, async () => 'taken over')).toBe('taken over');
		expect(Date.now() - started).toBeLessThan(1_500);
		await sleep(700);
		expect(lease?.signal.aborted).toBe(true);
		expect(() => lease?.assertHeld()).toThrow(LeaseLostError);
		finish();
		await held;
	});

	it('shares claims between separate connections, as between webhook processors', async () => {
		const processes = Array.from({ length: 5 }, () => newRedisCoordinator());
		const key = freshKey();
		const results = await Promise.all(processes.flatMap((coordinator) => [coordinator.claim([key], 60_000), coordinator.claim([key], 60_000)]));
		expect(results.filter(Boolean)).toHaveLength(1);
	});

	it('lets a whole log expire once nothing is added for its time to live, so a quiet workflow leaves no key', async () => {
		const coordinator = newRedisCoordinator();
		const log = freshKey();
		await coordinator.append(log, Date.now(), 'only', { ttlMs: 300, maxEntries: 100 });
		expect(await coordinator.between(log, 0, Date.now() + 1)).toEqual(['only']);
		await sleep(450);
		expect(await coordinator.between(log, 0, Date.now() + 1)).toEqual([]);
	});

	it('fails a claim when Redis cannot be reached, rather than letting the delivery through', async () => {
		const unreachable = new RedisCoordinator({ host: '127.0.0.1', port: 9 }, 'test:');
		redisCoordinators.push(unreachable);
		await expect(unreachable.claim([freshKey()], 60_000)).rejects.toThrow();
	});
});

describe('which coordinator a process uses', () => {
	it('uses the process itself unless n8n runs in queue mode', () => {
		expect(queueRedisSettings({})).toBeUndefined();
		expect(coordinatorFor(undefined).where).toBe('this n8n process');
	});

	it("uses n8n's own queue Redis settings in queue mode, with n8n's defaults", () => {
		expect(queueRedisSettings({ EXECUTIONS_MODE: 'queue' })).toEqual({ host: 'localhost', port: 6379, db: 0 });
		const settings = queueRedisSettings({
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: 'redis.internal',
			QUEUE_BULL_REDIS_PORT: '6380',
			QUEUE_BULL_REDIS_DB: '2',
			QUEUE_BULL_REDIS_PASSWORD: 'secret',
			QUEUE_BULL_REDIS_TLS: 'true',
		});
		expect(settings).toEqual({ host: 'redis.internal', port: 6380, db: 2, password: 'secret', tls: {} });
		expect(coordinatorFor({ host: redis.host, port: redis.port }).where).toBe(`Redis at ${redis.host}:${redis.port}`);
	});
});
