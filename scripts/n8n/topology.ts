/**
 * The two ways n8n runs: one process on SQLite (`regular`), or queue mode (`queue`): a main process for the
 * editor, REST and schedules, workers that run executions, a webhook processor that answers production
 * webhooks, Redis between them and Postgres as n8n's database. Each n8n process has its own user folder and
 * its own ports, as it would on its own machine.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { N8nProcess, type N8nProcessOptions, type N8nRole } from './n8n-process';
import { freeLoopbackPort } from './ports';
import { startPostgres, type PrivatePostgres } from './services/postgres';
import { startRedis, type PrivateRedis } from './services/redis';

export type TopologyKind = 'regular' | 'queue';

export interface TopologyOptions {
	kind: TopologyKind;
	/** Holds every process's user folder and, on queue mode, Postgres's and Redis's data. */
	root: string;
	host?: string;
	/** The editor's port (main); a free one when absent. */
	mainPort?: number;
	/** The webhook processor's port on queue mode; a free one when absent. */
	webhookPort?: number;
	/** Extra environment for every n8n process (wins over ours). */
	env?: Record<string, string>;
	/** Workers on queue mode (default 2) and the executions each runs at once (n8n's default 10). */
	workers?: number;
	/** Queue mode: Redis keeps an append-only file, so a restart loses at most its last second. */
	redisAppendOnly?: boolean;
	workerConcurrency?: number;
	/** n8n's encryption key; every queue-mode process must share one. Random when absent. */
	encryptionKey?: string;
	/** Puts the package into a process's user folder before it starts (skip a role to see n8n without it). */
	installPackage?: (role: N8nRole, userFolder: string) => Promise<void>;
}

const MAX_START_ATTEMPTS = 3;

/** Where each process keeps its user folder: the root itself on regular mode, so `npm start`'s data stays put. */
function userFolderOf(options: Pick<TopologyOptions, 'kind' | 'root'>, role: N8nRole, index = 1): string {
	return options.kind === 'regular' ? options.root : join(options.root, role === 'main' ? 'main' : `${role}-${index}`);
}

/** Failed queue jobs Redis keeps, as the README recommends. */
const KEEP_FAILED_JOBS = 1_000;

/** The settings every queue-mode process needs (FACTS: "n8n queue mode"). */
function queueEnvironment(postgres: PrivatePostgres, redis: PrivateRedis, encryptionKey: string): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		N8N_ENCRYPTION_KEY: encryptionKey,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// n8n's default 0 deletes a failed job at once: a job a worker fails within milliseconds (it lacks the
		// package) is then gone before the queuing process waits on it, which never hears and shows it running.
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: String(KEEP_FAILED_JOBS),
	};
}

/** Only main's role differs: production webhooks go to the webhook processor, manual runs to the workers. */
const MAIN_ON_QUEUE = { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true', OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' };

/** Starts one n8n process; when another process took a probed port before n8n bound it, tries new ports. */
async function startProcess(base: Omit<N8nProcessOptions, 'port' | 'brokerPort' | 'logFile'>, fixedPort?: number): Promise<N8nProcess> {
	for (let attempt = 1; ; attempt++) {
		const started = N8nProcess.start({
			...base,
			port: fixedPort ?? (await freeLoopbackPort()),
			brokerPort: await freeLoopbackPort(),
			logFile: join(base.userFolder, 'n8n.log'),
		});
		try {
			await started.waitUntilReady(300_000);
			return started;
		} catch (error) {
			await started.stop();
			if (fixedPort === undefined && attempt < MAX_START_ATTEMPTS && /already in use/.test(started.logTail(200))) continue;
			throw error;
		}
	}
}

/** A service n8n needs on queue mode, as the deployment keeps it. */
interface RunningService {
	name: string;
	readonly pid: number;
	address: string;
	logFile: string;
	stop(): Promise<void>;
	/** Kills the server and, `downMs` later, starts it again on the same port and data (fault tests). */
	restart?(downMs?: number): Promise<void>;
}

/** Stops everything given, even when some stops fail. */
async function stopAll(stoppable: Array<{ stop(): Promise<void> }>): Promise<void> {
	await Promise.allSettled(stoppable.map((service) => service.stop()));
}

/** The processes of one running n8n deployment. */
export class N8nDeployment {
	constructor(
		readonly kind: TopologyKind,
		private main: N8nProcess,
		private workers: N8nProcess[],
		private webhookProcessors: N8nProcess[],
		private readonly services: RunningService[],
	) {}

	/** Editor and REST API (`/rest/…`). */
	get editorUrl(): string {
		return this.main.baseUrl;
	}

	/** Where production webhooks (`/webhook/…`) are answered. */
	get webhookUrl(): string {
		return (this.webhookProcessors[0] ?? this.main).baseUrl;
	}

	get mainProcess(): N8nProcess {
		return this.main;
	}

	get processes(): N8nProcess[] {
		return [this.main, ...this.workers, ...this.webhookProcessors];
	}

	/** Every process of the deployment with its pid (for memory figures): n8n's, then Postgres and Redis. */
	memberPids(): Array<{ name: string; pid: number }> {
		const n8nProcesses = this.processes.map((process, index) => ({ name: `n8n ${process.role}${process.role === 'worker' ? ` ${index}` : ''}`, pid: process.pid ?? 0 }));
		return [...n8nProcesses, ...this.services.map(({ name, pid }) => ({ name, pid }))];
	}

	/** Postgres and Redis, one line each, for the person at the terminal. */
	serviceLines(): string[] {
		return this.services.map((service) => `${service.name}: ${service.address}   log ${service.logFile}`);
	}

	/** The end of every process's log, labelled, for error messages. */
	logTail(lines = 40): string {
		return this.processes.map((process) => `--- n8n ${process.role} (${process.options.logFile}) ---\n${process.logTail(lines)}`).join('\n');
	}

	/** Resolves with the first process that exits on its own. */
	async firstExit(): Promise<N8nProcess> {
		return await Promise.race(this.processes.map(async (process) => (await process.waitForExit(), process)));
	}

	/** Worker `index` (0-based), throwing when there is none. */
	worker(index: number): N8nProcess {
		const worker = this.workers[index];
		if (!worker) throw new Error(`The deployment has ${this.workers.length} worker(s); there is no worker ${index}`);
		return worker;
	}

	/** Kills worker `index` (0-based) and its task runner with SIGKILL, as a crash would: no graceful shutdown. */
	async killWorker(index: number): Promise<void> {
		await this.worker(index).kill();
	}

	/** Starts worker `index` again with the same options (user folder, ports); resolves when it is ready. */
	async startWorker(index: number): Promise<void> {
		const worker = this.worker(index);
		if (worker.running) throw new Error(`Worker ${index} is still running; killWorker(${index}) or stop it first`);
		this.workers[index] = N8nProcess.start(worker.options);
		await this.workers[index].waitUntilReady(300_000);
	}

	/**
	 * Kills Redis (SIGKILL) and starts it again on the same port `downMs` later, as a crash and an operator's
	 * restart would; resolves once it answers PING. Redis keeps nothing: queued jobs, claims and locks are lost.
	 * n8n exits when Redis stays away longer than QUEUE_BULL_REDIS_TIMEOUT_THRESHOLD (10 s), hence the limit.
	 */
	async restartRedis(downMs = 0): Promise<void> {
		const redis = this.services.find((service) => service.name === 'Redis');
		if (!redis?.restart) throw new Error(`A ${this.kind} deployment has no Redis to restart`);
		if (downMs > 8_000) throw new Error(`Redis down for ${downMs} ms would make n8n exit (after 10 s); keep it under 8 s`);
		await redis.restart(downMs);
	}

	/** Stops and starts every n8n process on the same data and ports (main first: it registers the webhooks). */
	async restart(): Promise<void> {
		const others = [...this.workers, ...this.webhookProcessors];
		await stopAll(others);
		await this.main.stop();
		this.main = N8nProcess.start(this.main.options);
		await this.main.waitUntilReady(300_000);
		const restarted = others.map((process) => N8nProcess.start(process.options));
		await Promise.all(restarted.map((process) => process.waitUntilReady(300_000)));
		this.workers = restarted.filter((process) => process.role === 'worker');
		this.webhookProcessors = restarted.filter((process) => process.role === 'webhook');
	}

	/** Webhook processors and workers first, so nothing takes new work while main shuts down; then the services. */
	async stop(): Promise<void> {
		await stopAll([...this.webhookProcessors, ...this.workers]);
		await this.main.stop();
		await stopAll(this.services);
	}
}

/** Starts a deployment; on any failure, stops whatever it had started. */
export async function startTopology(options: TopologyOptions): Promise<N8nDeployment> {
	const host = options.host ?? '127.0.0.1';
	const started: Array<{ stop(): Promise<void> }> = [];
	const prepare = async (role: N8nRole, index = 1): Promise<string> => {
		const userFolder = userFolderOf(options, role, index);
		mkdirSync(userFolder, { recursive: true });
		await options.installPackage?.(role, userFolder);
		return userFolder;
	};
	try {
		if (options.kind === 'regular') {
			const main = await startProcess({ role: 'main', host, userFolder: await prepare('main'), env: options.env }, options.mainPort);
			return new N8nDeployment('regular', main, [], [], []);
		}

		const services = await Promise.allSettled([
			startPostgres({ dataDir: join(options.root, 'postgres'), logFile: join(options.root, 'postgres.log') }),
			startRedis({ dataDir: join(options.root, 'redis'), logFile: join(options.root, 'redis.log'), appendOnly: options.redisAppendOnly }),
		] as const);
		for (const service of services) if (service.status === 'fulfilled') started.push(service.value);
		for (const service of services) if (service.status === 'rejected') throw service.reason;
		const [postgres, redis] = services.map((service) => (service as PromiseFulfilledResult<PrivatePostgres & PrivateRedis>).value);
		const env = { ...queueEnvironment(postgres, redis, options.encryptionKey ?? randomBytes(24).toString('base64')), ...options.env };

		// Main first: it migrates the database the others read.
		const main = await startProcess({ role: 'main', host, userFolder: await prepare('main'), env: { ...env, ...MAIN_ON_QUEUE } }, options.mainPort);
		started.push(main);
		const workerCount = options.workers ?? 2;
		const others = await Promise.allSettled([
			...Array.from({ length: workerCount }, async (_, index) =>
				startProcess({ role: 'worker', host, userFolder: await prepare('worker', index + 1), env, concurrency: options.workerConcurrency }),
			),
			(async () => startProcess({ role: 'webhook', host, userFolder: await prepare('webhook'), env }, options.webhookPort))(),
		]);
		for (const process of others) if (process.status === 'fulfilled') started.push(process.value);
		for (const process of others) if (process.status === 'rejected') throw process.reason;
		const processes = others.map((process) => (process as PromiseFulfilledResult<N8nProcess>).value);
		return new N8nDeployment(
			'queue',
			main,
			processes.filter((process) => process.role === 'worker'),
			processes.filter((process) => process.role === 'webhook'),
			[
				{
					name: 'Redis',
					get pid() {
						return redis.pid;
					},
					address: `${redis.host}:${redis.port}`,
					logFile: redis.logFile,
					stop: () => redis.stop(),
					restart: (downMs) => redis.restart(downMs),
				},
				{
					name: 'PostgreSQL',
					pid: postgres.pid,
					address: `${postgres.host}:${postgres.port}, database ${postgres.database}`,
					logFile: postgres.logFile,
					stop: () => postgres.stop(),
				},
			],
		);
	} catch (error) {
		await stopAll(started.reverse());
		throw error;
	}
}
