import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { GuardedProcess, inheritedEnvironment } from './guarded-process';
import { sendHttp } from './http';
import { assertN8nInstalled, n8nBin, node24Bin } from './paths';

/** What an n8n process does: `main` (editor, REST, schedules), `worker` (runs queued executions), `webhook` (answers production webhooks). */
export type N8nRole = 'main' | 'worker' | 'webhook';

export interface N8nProcessOptions {
	/** Default `main`. Workers and webhook processors exist only in queue mode. */
	role?: N8nRole;
	/** n8n keeps its SQLite database, encryption key and community packages under `<userFolder>/.n8n`. */
	userFolder: string;
	host?: string;
	/** HTTP port: the editor for main, webhooks for a webhook processor, the health check for a worker. */
	port: number;
	/** Executions a worker runs at once (n8n's default is 10). */
	concurrency?: number;
	/** n8n's task broker listens too; its default (5679) clashes with a second instance. */
	brokerPort: number;
	logFile: string;
	/** Extra environment for n8n and the nodes it runs (wins over the defaults below). */
	env?: Record<string, string>;
}

/** The settings every n8n we start shares: SQLite, loopback, no telemetry, community packages on. */
export function n8nEnvironment(options: N8nProcessOptions): NodeJS.ProcessEnv {
	const host = options.host ?? '127.0.0.1';
	return {
		...inheritedEnvironment(),
		// n8n starts its JavaScript task runner as `node` from PATH: it must be the same Node 24.
		PATH: `${dirname(node24Bin)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
		N8N_USER_FOLDER: options.userFolder,
		N8N_LISTEN_ADDRESS: host,
		N8N_HOST: host,
		N8N_PORT: String(options.port),
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// Plain http on loopback: a Secure cookie would never be sent back by a browser on another host name.
		N8N_SECURE_COOKIE: 'false',
		// A worker has no web server; its health check is how we know it is ready.
		...(options.role === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(options.port), N8N_WORKER_SERVER_ADDRESS: host } : {}),
		...options.env,
	};
}

function n8nCommand(options: N8nProcessOptions): string[] {
	switch (options.role ?? 'main') {
		case 'main':
			return ['start'];
		case 'worker':
			return ['worker', ...(options.concurrency ? [`--concurrency=${options.concurrency}`] : [])];
		case 'webhook':
			return ['webhook'];
	}
}

/** One running n8n process (main, worker or webhook processor), in its own process group, its output in a log file. */
export class N8nProcess {
	readonly baseUrl: string;

	private constructor(
		private readonly guarded: GuardedProcess,
		readonly options: N8nProcessOptions,
	) {
		this.baseUrl = `http://${options.host ?? '127.0.0.1'}:${options.port}`;
	}

	static start(options: N8nProcessOptions): N8nProcess {
		assertN8nInstalled();
		const guarded = GuardedProcess.start({
			command: node24Bin,
			args: [n8nBin, ...n8nCommand(options)],
			cwd: options.userFolder,
			env: n8nEnvironment(options),
			logFile: options.logFile,
		});
		return new N8nProcess(guarded, options);
	}

	get role(): N8nRole {
		return this.options.role ?? 'main';
	}

	/** The guard's pid, which is also the process group of n8n and its task runner. */
	get pid(): number | undefined {
		return this.guarded.pid;
	}

	get running(): boolean {
		return this.guarded.running;
	}

	/** The end of this run's output (a restart appends to the same log; earlier runs are left out). */
	logTail(lines = 60): string {
		return this.guarded.logTail(lines);
	}

	/**
	 * Waits until n8n says it is fully ready (database migrated and reachable, and for queue mode Redis too);
	 * webhooks of published workflows follow a moment later.
	 */
	async waitUntilReady(timeoutMs = 180_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (!this.running) {
				throw new Error(`n8n ${this.role} exited (code ${this.guarded.code}) before it was ready. Log ${this.options.logFile}:\n${this.logTail()}`);
			}
			const ready = await sendHttp(`${this.baseUrl}/healthz/readiness`, { timeoutMs: 2_000 }).then(
				(response) => response.status === 200,
				() => false,
			);
			if (ready) return;
			await sleep(150);
		}
		throw new Error(`n8n ${this.role} was not ready within ${timeoutMs} ms. Log ${this.options.logFile}:\n${this.logTail()}`);
	}

	/** Asks n8n to shut down (one SIGTERM, via the guard), then kills what is left of its group (the task runner). */
	async stop(graceMs = 20_000): Promise<void> {
		await this.guarded.stop({ graceMs });
	}

	/** SIGKILL to n8n, its task runner and the guard at once, as a crash would; resolves when all are gone. */
	async kill(): Promise<void> {
		await this.guarded.kill();
	}

	/** Resolves when n8n has exited, for whatever reason. */
	async waitForExit(): Promise<number | null | undefined> {
		return await this.guarded.waitForExit();
	}
}
