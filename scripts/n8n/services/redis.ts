/**
 * A private Redis (Debian's redis-server, never the system service) for n8n's queue mode: loopback only,
 * no persistence unless asked (an append-only file, as a production Redis keeps), stopped with the process that
 * started it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { GuardedProcess, inheritedEnvironment } from '../guarded-process';
import { LOOPBACK, startOnPort, waitUntilReady } from './service-process';

export const REDIS_SERVER = '/usr/bin/redis-server';

export interface RedisOptions {
	/** Redis's working folder (pid file, log); nothing is persisted there. */
	dataDir: string;
	/** Default: a free loopback port. */
	port?: number;
	/** Default: `<dataDir>/redis.log`. */
	logFile?: string;
	/** Keep an append-only file, written every second, so a restart keeps all but the last second (default off). */
	appendOnly?: boolean;
}

export interface PrivateRedis {
	host: string;
	port: number;
	/** redis-server's own pid (a new one after restart()). */
	readonly pid: number;
	logFile: string;
	/** SIGTERM and wait; safe to call more than once. */
	stop(): Promise<void>;
	/**
	 * Kills redis-server (SIGKILL, as a crash would) and, `downMs` later, starts it again on the same port and
	 * folder; resolves once it answers PING. Without `appendOnly` every key (queue jobs, claims, locks) is gone;
	 * with it, all but what was written in the last second is back.
	 */
	restart(downMs?: number): Promise<void>;
}

export async function startRedis(options: RedisOptions): Promise<PrivateRedis> {
	if (!existsSync(REDIS_SERVER)) {
		throw new Error(`${REDIS_SERVER} is missing. Run \`bash scripts/setup.sh\` (or \`--runtime-only --queue\`) to install Debian's redis-server.`);
	}
	const dataDir = resolve(options.dataDir);
	await mkdir(dataDir, { recursive: true });
	const logFile = options.logFile ?? join(dataDir, 'redis.log');
	const appendOnly = options.appendOnly ?? false;
	let running = await startOnPort(options.port, (port) => launch(port, dataDir, logFile, appendOnly));
	return {
		host: LOOPBACK,
		port: running.port,
		get pid() {
			return running.pid;
		},
		logFile,
		stop: () => running.server.stop({ graceMs: 10_000 }),
		async restart(downMs = 0) {
			await running.server.kill();
			await sleep(downMs);
			running = await startOnPort(running.port, (port) => launch(port, dataDir, logFile, appendOnly));
		},
	};
}

interface RunningRedis {
	server: GuardedProcess;
	port: number;
	pid: number;
}

async function launch(port: number, dataDir: string, logFile: string, appendOnly: boolean): Promise<RunningRedis> {
	const pidFile = join(dataDir, 'redis.pid');
	const settings = {
		bind: LOOPBACK,
		port: String(port),
		dir: dataDir,
		daemonize: 'no',
		pidfile: pidFile,
		// Queue jobs live as long as the run that made them: no snapshots; an append-only file only when asked.
		save: '',
		appendonly: appendOnly ? 'yes' : 'no',
		appendfsync: 'everysec',
		// A process title would overwrite the environment in /proc/<pid>/environ, where .ci/run looks for its tag.
		'set-proc-title': 'no',
	};
	const args = Object.entries(settings).flatMap(([key, value]) => [`--${key}`, value]);
	// Redis writes its pid file once it has bound the port (and removes it on shutdown, not when killed): until
	// then a PONG on that port would come from someone else's server (parallel tests).
	await rm(pidFile, { force: true });
	const server = GuardedProcess.start({ command: REDIS_SERVER, args, cwd: dataDir, env: inheritedEnvironment(), logFile });
	const ready = async (): Promise<boolean> =>
		existsSync(pidFile) && (await redisCommand(port, 'PING').then((reply) => reply === '+PONG', () => false));
	await waitUntilReady('Redis', server, ready, 30_000);
	return { server, port, pid: Number(readFileSync(pidFile, 'utf8').trim()) };
}

/**
 * Sends one inline command (`SET k v NX`) on a fresh connection and resolves with the reply as RESP text
 * without its last CRLF: `+PONG`, `-ERR …`, `:1`, `$-1`, or `$1\r\nv`. Arrays are not supported.
 */
export function redisCommand(port: number, command: string, host = LOOPBACK, timeoutMs = 2_000): Promise<string> {
	return new Promise((resolveReply, reject) => {
		const socket = connect({ host, port });
		let received = Buffer.alloc(0);
		const fail = (error: Error): void => {
			socket.destroy();
			reject(error);
		};
		socket.setTimeout(timeoutMs, () => fail(new Error(`Redis on ${host}:${port} did not answer \`${command}\` within ${timeoutMs} ms`)));
		socket.on('error', fail);
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk: Buffer) => {
			received = Buffer.concat([received, chunk]);
			const length = completeReplyLength(received);
			if (length === undefined) return;
			socket.end();
			resolveReply(received.subarray(0, length - 2).toString('utf8'));
		});
	});
}

/** Bytes of the first reply once it has fully arrived: one line, or a bulk string's header line plus its payload. */
function completeReplyLength(data: Buffer): number | undefined {
	const lineEnd = data.indexOf('\r\n');
	if (lineEnd < 0) return undefined;
	const bulkLength = data[0] === 0x24 ? Number(data.subarray(1, lineEnd).toString()) : -1;
	const length = bulkLength < 0 ? lineEnd + 2 : lineEnd + 2 + bulkLength + 2;
	return data.length >= length ? length : undefined;
}
