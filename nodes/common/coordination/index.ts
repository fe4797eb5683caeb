/**
 * Which coordinator this process uses. The one place in the package that reads the environment (CONTRIBUTING.md):
 * on n8n's queue mode, deliveries and executions are spread over processes, so claims and locks go to the
 * Redis n8n already runs for its queue, found through n8n's own settings; on one n8n, the process suffices.
 * No credential to set up either way (README, "Repeated deliveries").
 */
import type { RedisOptions } from 'ioredis';

import type { Coordinator } from './coordinator';
import { InProcessCoordinator } from './inProcess';
import { RedisCoordinator } from './redis';

export { LockTimeoutError, type Coordinator, type Lease } from './coordinator';
export { LeaseLostError } from './lease';

const KEY_PREFIX = 'n8n-nodes-intercom-sync:';

let inProcess: InProcessCoordinator | undefined;
const redisBySettings = new Map<string, RedisCoordinator>();

/** n8n's queue settings (QUEUE_BULL_REDIS_*), with n8n's defaults; undefined when n8n is not in queue mode. */
export function queueRedisSettings(env: NodeJS.ProcessEnv): RedisOptions | undefined {
	if (env.EXECUTIONS_MODE !== 'queue') return undefined;
	return {
		host: env.QUEUE_BULL_REDIS_HOST || 'localhost',
		port: Number(env.QUEUE_BULL_REDIS_PORT || 6379),
		db: Number(env.QUEUE_BULL_REDIS_DB || 0),
		...(env.QUEUE_BULL_REDIS_USERNAME ? { username: env.QUEUE_BULL_REDIS_USERNAME } : {}),
		...(env.QUEUE_BULL_REDIS_PASSWORD ? { password: env.QUEUE_BULL_REDIS_PASSWORD } : {}),
		...(env.QUEUE_BULL_REDIS_TLS === 'true' ? { tls: {} } : {}),
	};
}

export function coordinatorFor(settings: RedisOptions | undefined): Coordinator {
	if (!settings) return (inProcess ??= new InProcessCoordinator());
	const id = JSON.stringify(settings);
	let shared = redisBySettings.get(id);
	if (!shared) {
		shared = new RedisCoordinator(settings, KEY_PREFIX);
		redisBySettings.set(id, shared);
	}
	return shared;
}

/** How long a per-record lock lasts without renewal; its holder renews it every third of that while it works. */
export const DEFAULT_LEASE_MS = 30_000;

/**
 * The lease time of per-record locks: a dead holder frees its records within it. `N8N_INTERCOM_SYNC_LEASE_MS`
 * (1 s to 10 min) changes it, e.g. to a few seconds in tests of a holder that outlives its lease.
 */
export function recordLeaseMs(env: NodeJS.ProcessEnv = process.env): number {
	const set = Number(env.N8N_INTERCOM_SYNC_LEASE_MS);
	return Number.isFinite(set) && set >= 1_000 && set <= 600_000 ? set : DEFAULT_LEASE_MS;
}

/** The coordinator for this n8n process. */
export function coordinator(): Coordinator {
	return coordinatorFor(queueRedisSettings(process.env));
}

/** Closes Redis connections (tests; n8n itself keeps them for the life of the process). */
export async function closeCoordinators(): Promise<void> {
	await Promise.all([...redisBySettings.values()].map((shared) => shared.close()));
	redisBySettings.clear();
}
