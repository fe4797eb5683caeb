/**
 * What the deployment asks of Redis. Two sources on our private Redis:
 * - `INFO commandstats`: calls per command, before and after. It counts commands run inside Lua scripts too.
 * - the slow log with a threshold of 0 µs, which records every command with its arguments and client address
 *   (far lighter than MONITOR, which streams every command to a client). It tells round trips (commands a client
 *   sent) from commands a script ran (client `?:0`), the n8n process that sent each one (its client port), and
 *   whose key it touched: ours (`n8n-nodes-intercom-sync:`), n8n's queue (`bull:`) or n8n's other keys.
 * The log is drained every half second by id, so none is lost while it holds SLOWLOG_LENGTH entries.
 */
import Redis from 'ioredis';

import type { N8nInstance } from '../../support/n8n';
import { PortOwnerCache, type Role } from './processes';

/** nodes/common/coordination/index.ts's KEY_PREFIX. */
export const OUR_PREFIX = 'n8n-nodes-intercom-sync:';
const SLOWLOG_LENGTH = 50_000;
const DRAIN_EVERY_MS = 500;

/** What our key is for (nodes/common: repeatedDeliveries, sharedRecords, syncEchoes, deliveryJournal). */
function ourKind(key: string): string {
	const rest = key.slice(OUR_PREFIX.length);
	if (rest.startsWith('delivery:')) return 'delivery claim';
	if (rest.startsWith('lock:')) return 'record lock';
	if (rest.startsWith('echo:')) return 'echo mark';
	if (rest.startsWith('once:')) return 'once per key';
	if (rest.startsWith('log:')) return 'delivery copy';
	if (/^intercom:.*:id:/.test(rest)) return 'remembered id';
	return 'other';
}

function firstKey(args: string[]): string | undefined {
	const command = args[0]?.toLowerCase();
	if (command === 'eval' || command === 'evalsha') return Number(args[2]) > 0 ? args[3] : undefined;
	return args[1];
}

/** `ours: record lock`, `n8n queue`, `n8n other (cache:)`: whose key a command touched, by its prefix. */
export function categoryOf(args: string[]): string {
	const key = firstKey(args);
	if (key?.startsWith(OUR_PREFIX)) return `ours: ${ourKind(key)}`;
	if (key?.startsWith('bull:')) return 'n8n queue';
	const prefix = key?.split(':').slice(0, key.startsWith('n8n') ? 2 : 1).join(':');
	return prefix ? `n8n other (${prefix.slice(0, 24)}:)` : 'n8n other';
}

/** Cumulative counts; `measure` diffs two snapshots. */
export interface RedisCounts {
	/** Commands each client sent, by `role|category|COMMAND`. */
	roundTrips: Map<string, number>;
	/** Commands Lua scripts ran (not round trips), by `category|COMMAND`. */
	insideScripts: Map<string, number>;
	/** `INFO commandstats` calls by command, the probe's own commands left out. */
	commandstats: Map<string, number>;
	/** Slow-log entries that rolled off before a drain (should stay 0). */
	lost: number;
}

type SlowlogEntry = [number, number, number, string[], string, string];

const PROBE_COMMANDS = /^(slowlog|info|client\|info|config)/;

function bump(map: Map<string, number>, key: string, by = 1): void {
	map.set(key, (map.get(key) ?? 0) + by);
}

export class RedisProbe {
	private readonly counts: Omit<RedisCounts, 'commandstats'> = { roundTrips: new Map(), insideScripts: new Map(), lost: 0 };
	private lastId = -1;
	private timer?: NodeJS.Timeout;
	private draining: Promise<void> = Promise.resolve();
	private readonly owners: PortOwnerCache;

	private constructor(
		private readonly redis: Redis,
		private readonly ownPort: string,
		n8n: N8nInstance,
	) {
		this.owners = new PortOwnerCache(n8n);
	}

	/** Connects to the deployment's Redis (the port its processes were given) and starts logging every command. */
	static async start(n8n: N8nInstance): Promise<RedisProbe> {
		const env = n8n.deployment.processes.find((process) => process.role === 'worker')?.options.env ?? {};
		if (!env.QUEUE_BULL_REDIS_PORT) throw new Error('Not a queue-mode deployment: no QUEUE_BULL_REDIS_PORT');
		const redis = new Redis({ host: env.QUEUE_BULL_REDIS_HOST, port: Number(env.QUEUE_BULL_REDIS_PORT), maxRetriesPerRequest: 1, lazyConnect: true });
		await redis.connect();
		const info = String(await redis.call('CLIENT', 'INFO'));
		const ownPort = /addr=\S+:(\d+)/.exec(info)?.[1] ?? '';
		await redis.config('SET', 'slowlog-max-len', String(SLOWLOG_LENGTH));
		await redis.config('SET', 'slowlog-log-slower-than', '0');
		const probe = new RedisProbe(redis, ownPort, n8n);
		probe.lastId = Number(((await redis.call('SLOWLOG', 'GET', '1')) as SlowlogEntry[])[0]?.[0] ?? -1);
		probe.timer = setInterval(() => void probe.drain(), DRAIN_EVERY_MS);
		return probe;
	}

	/** Reads the slow-log entries added since the last drain into the counts. */
	drain(): Promise<void> {
		this.draining = this.draining.then(() => this.readNewEntries()).catch((error: unknown) => console.log(`Redis slow log: ${(error as Error).message}`));
		return this.draining;
	}

	private async readNewEntries(): Promise<void> {
		const [newest] = (await this.redis.call('SLOWLOG', 'GET', '1')) as SlowlogEntry[];
		if (!newest || newest[0] <= this.lastId) return;
		const wanted = newest[0] - this.lastId;
		if (wanted > SLOWLOG_LENGTH) this.counts.lost += wanted - SLOWLOG_LENGTH;
		const entries = (await this.redis.call('SLOWLOG', 'GET', String(Math.min(wanted, SLOWLOG_LENGTH)))) as SlowlogEntry[];
		for (const [id, , , args, client] of entries) {
			if (id <= this.lastId || id > newest[0]) continue;
			const command = String(args[0]).toUpperCase();
			const port = client.split(':').pop() ?? '';
			if (port === this.ownPort) continue;
			if (client === '?:0') {
				bump(this.counts.insideScripts, `${categoryOf(args)}|${command}`);
				continue;
			}
			const role: Role | 'unknown' = this.owners.ownerOf(Number(port)) ?? 'unknown';
			bump(this.counts.roundTrips, `${role}|${categoryOf(args)}|${command}`);
		}
		this.lastId = newest[0];
	}

	async commandstats(): Promise<Map<string, number>> {
		const calls = new Map<string, number>();
		for (const match of String(await this.redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
			if (!PROBE_COMMANDS.test(match[1])) calls.set(match[1], Number(match[2]));
		}
		return calls;
	}

	/** Counts so far, after reading what the slow log holds now. */
	async snapshot(): Promise<RedisCounts> {
		await this.drain();
		return {
			roundTrips: new Map(this.counts.roundTrips),
			insideScripts: new Map(this.counts.insideScripts),
			commandstats: await this.commandstats(),
			lost: this.counts.lost,
		};
	}

	async stop(): Promise<void> {
		clearInterval(this.timer);
		await this.draining;
		await this.redis.config('SET', 'slowlog-log-slower-than', '10000').catch(() => undefined);
		await this.redis.call('SLOWLOG', 'RESET').catch(() => undefined);
		this.redis.disconnect();
	}
}

/** `after − before` for every key of `after`. */
export function diffCounts(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
	const delta = new Map<string, number>();
	for (const [key, value] of after) {
		const change = value - (before.get(key) ?? 0);
		if (change !== 0) delta.set(key, change);
	}
	return delta;
}

export function sumWhere(counts: Map<string, number>, keep: (key: string) => boolean): number {
	let total = 0;
	for (const [key, value] of counts) if (keep(key)) total += value;
	return total;
}
