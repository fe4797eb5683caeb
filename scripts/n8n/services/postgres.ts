/**
 * A private PostgreSQL 17 for n8n's queue mode: loopback only, data in a folder of the caller's, stopped with
 * the process that started it.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { dirname, join, resolve } from 'node:path';

import { GuardedProcess, inheritedEnvironment } from '../guarded-process';
import {
	assertPostgresInstalled,
	assertReachable,
	commandAs,
	createCluster,
	hasCluster,
	N8N_DATABASE,
	postgresBinary,
	reachableInstall,
	serviceUser,
} from './postgres-cluster';
import { LOOPBACK, startOnPort, waitUntilReady } from './service-process';

export interface PostgresOptions {
	/** Kept between starts: an existing cluster starts in about a second, an empty or missing folder gets initdb first. */
	dataDir: string;
	/** Default: a free loopback port. */
	port?: number;
	/** Default: `<dataDir>/postgres.log`. */
	logFile?: string;
}

export interface PrivatePostgres {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	dataDir: string;
	/** The postmaster's pid. */
	pid: number;
	logFile: string;
	/** Fast shutdown (open sessions are ended); safe to call more than once. */
	stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

export async function startPostgres(options: PostgresOptions): Promise<PrivatePostgres> {
	assertPostgresInstalled();
	const dataDir = resolve(options.dataDir);
	const user = serviceUser();
	const env = inheritedEnvironment();
	await mkdir(dirname(dataDir), { recursive: true });
	if (user) await assertReachable(dataDir, user);
	const install = await reachableInstall(user);
	if (!hasCluster(dataDir)) await createCluster(install, dataDir, user, env);
	const logFile = options.logFile ?? join(dataDir, 'postgres.log');
	return await startOnPort(options.port, async (port) => {
		// No Unix socket: its path would have to be short and writable by the server's user; TCP covers n8n.
		const settings = { listen_addresses: LOOPBACK, unix_socket_directories: '' };
		const args = ['-D', dataDir, '-p', String(port), ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`])];
		const [command, argv] = commandAs(user, postgresBinary(install, 'postgres'), args);
		const server = GuardedProcess.start({ command, args: argv, cwd: '/', env, logFile });
		// Only our own server says "ready" in our data folder; the port alone could be another's (parallel tests).
		const ready = async (): Promise<boolean> => postmasterStatus(dataDir, port) === 'ready' && (await acceptsLogins(port));
		await waitUntilReady('PostgreSQL', server, ready, READY_TIMEOUT_MS);
		const pid = Number(readPostmasterPid(dataDir)[0]);
		return {
			host: LOOPBACK,
			port,
			...N8N_DATABASE,
			dataDir,
			pid,
			logFile,
			// The guard turns every signal into SIGTERM (a "smart" shutdown that waits for clients); SIGINT is "fast".
			stop: () => server.stop({ graceMs: 30_000, ask: () => signal(pid, 'SIGINT') }),
		};
	});
}

/** postmaster.pid: pid, data folder, start time, port, socket folder, listen address, shared memory key, status. */
function readPostmasterPid(dataDir: string): string[] {
	try {
		return readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
	} catch {
		return [];
	}
}

/** The status the postmaster writes for pg_ctl ("starting", "ready", "stopping"), if it runs on `port`. */
function postmasterStatus(dataDir: string, port: number): string | undefined {
	const lines = readPostmasterPid(dataDir);
	return lines[3] === String(port) ? lines[7]?.trim() : undefined;
}

function signal(pid: number, name: NodeJS.Signals): void {
	try {
		process.kill(pid, name);
	} catch {
		// Already gone: the guard exits with it.
	}
}

/**
 * pg_isready's test, which the package does not ship: a startup packet answered with an authentication
 * request ('R') means the server takes logins; an error ('E') means it is still starting or recovering.
 * We hang up without a password, which the server does not log.
 */
function acceptsLogins(port: number, host = LOOPBACK): Promise<boolean> {
	return new Promise((resolveProbe) => {
		const socket = connect({ host, port });
		const finish = (accepting: boolean): void => {
			socket.destroy();
			resolveProbe(accepting);
		};
		socket.setTimeout(2_000, () => finish(false));
		socket.on('error', () => finish(false));
		socket.on('connect', () => socket.write(startupPacket({ user: N8N_DATABASE.user, database: N8N_DATABASE.database })));
		socket.once('data', (reply: Buffer) => finish(reply[0] === 0x52));
	});
}

/** Protocol 3.0 StartupMessage: length, version 196608, then name/value C strings and a final NUL. */
function startupPacket(parameters: Record<string, string>): Buffer {
	const body = Buffer.from(`${Object.entries(parameters).flat().join('\0')}\0\0`, 'utf8');
	const header = Buffer.alloc(8);
	header.writeInt32BE(header.length + body.length, 0);
	header.writeInt32BE(196_608, 4);
	return Buffer.concat([header, body]);
}
