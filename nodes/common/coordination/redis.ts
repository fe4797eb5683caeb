import { randomUUID } from 'node:crypto';

import Redis, { type RedisOptions } from 'ioredis';
import { sleep } from '../concurrency';

import { LockTimeoutError, type Coordinator } from './coordinator';
import { runUnderLease, type Lease } from './lease';

/** Sets every key only when none exists, all with one expiry: one atomic step on the Redis server. */
const CLAIM_ALL = `
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then return 0 end
end
for i, key in ipairs(KEYS) do
  redis.call('SET', key, '1', 'PX', ARGV[1])
end
return 1`;

/** Deletes a lock only while it still holds our token, so an expired lock taken by another caller stays theirs. */
const RELEASE_OWN = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Extends a lock only while it still holds our token. */
const RENEW_OWN = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** Adds an entry to a time-ordered log, drops what is too old or too many, and renews its expiry: one round trip. */
const APPEND_TO_LOG = `
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[4]) - 1)
return redis.call('PEXPIRE', KEYS[1], ARGV[5])`;

/**
 * Claims, locks and memory in Redis, shared by every n8n process that uses the same Redis: what queue mode
 * needs, where several webhook processors receive deliveries and several workers run executions.
 */
export class RedisCoordinator implements Coordinator {
	readonly where: string;

	private readonly redis: Redis;

	constructor(
		options: RedisOptions,
		/** Prepended to every key, so our keys never meet n8n's own (its queue uses `bull:`). */
		private readonly prefix: string,
	) {
		this.where = `Redis at ${options.host ?? 'localhost'}:${options.port ?? 6379}`;
		// Fail a command quickly rather than queue it while Redis is away: the caller answers 503 and the
		// sender retries later, which is safer than processing a delivery without its claim.
		this.redis = new Redis({ ...options, maxRetriesPerRequest: 1, connectTimeout: 3_000, commandTimeout: 3_000, disconnectTimeout: 200 });
		// ioredis reports connection trouble as events; the failed command itself carries the error to the caller.
		this.redis.on('error', () => undefined);
	}

	async claim(keys: string[], ttlMs: number): Promise<boolean> {
		const claimed = await this.redis.eval(CLAIM_ALL, keys.length, ...keys.map((key) => this.prefix + key), String(ttlMs));
		return claimed === 1;
	}

	async release(keys: string[]): Promise<void> {
		if (keys.length > 0) await this.redis.del(...keys.map((key) => this.prefix + key));
	}

	async withLock<T>(key: string, options: { ttlMs: number; waitMs: number }, work: (lease: Lease) => Promise<T>): Promise<T> {
		const lockKey = `${this.prefix}lock:${key}`;
		const token = randomUUID();
		const deadline = Date.now() + options.waitMs;
		while ((await this.redis.set(lockKey, token, 'PX', options.ttlMs, 'NX')) !== 'OK') {
			if (Date.now() > deadline) throw new LockTimeoutError(key, options.waitMs, this.where);
			await sleep(25);
		}
		const renew = async () => (await this.redis.eval(RENEW_OWN, 1, lockKey, token, String(options.ttlMs))) === 1;
		try {
			return await runUnderLease(key, this.where, options.ttlMs, renew, work);
		} finally {
			await this.redis.eval(RELEASE_OWN, 1, lockKey, token);
		}
	}

	async remember(key: string, value: string, ttlMs: number): Promise<void> {
		await this.redis.set(this.prefix + key, value, 'PX', ttlMs);
	}

	async recall(key: string): Promise<string | undefined> {
		return (await this.redis.get(this.prefix + key)) ?? undefined;
	}

	async append(log: string, atMs: number, value: string, options: { ttlMs: number; maxEntries: number }): Promise<void> {
		const key = `${this.prefix}log:${log}`;
		// A unique member per entry (a sorted set keeps one of equal members); the score orders by time.
		await this.redis.eval(APPEND_TO_LOG, 1, key, String(atMs), `${randomUUID()}|${value}`, String(Date.now() - options.ttlMs), String(options.maxEntries), String(options.ttlMs));
	}

	async between(log: string, fromMs: number, toMs: number): Promise<string[]> {
		const members = await this.redis.zrangebyscore(`${this.prefix}log:${log}`, fromMs, toMs);
		return members.map((member) => member.slice(member.indexOf('|') + 1));
	}

	async close(): Promise<void> {
		this.redis.disconnect();
	}
}
