/**
 * A private MariaDB server for tests: Debian's mariadbd on a free loopback port, its data in a temp folder,
 * seeded from the reference member SQL. One server per test file; `stop()` removes every trace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { freeLoopbackPort, waitForExit } from './processes';

export const MEMBERS_SQL = '/work/shared/fixtures/members/mysql-members.sql';

export interface MariaDbOptions {
	/** Database to create for the tests. Default `members`. */
	database?: string;
	/** The password-protected user the code under test connects as (SELECT only). Default `lookup`. */
	user?: string;
	/** SQL files run in the database after start, in order, read in place. Default: the reference member table. */
	sqlFiles?: string[];
	/** How long to wait for the server to accept connections. Default 30 s (two shared cores). */
	startTimeoutMs?: number;
}

/** Shaped like the `memberDatabase` credential, so tests can hand it to the node unchanged. */
export interface MemberDatabaseCredentials {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	ssl: 'off';
}

export interface MariaDb {
	host: '127.0.0.1';
	port: number;
	user: string;
	password: string;
	database: string;
	credentials: MemberDatabaseCredentials;
	/** Runs SQL as the server administrator in `database` (several statements allowed). Rows for a SELECT. */
	query<Result = unknown>(sql: string, values?: unknown[]): Promise<Result>;
	/** Shuts the server down and deletes its folder. Safe to call twice. */
	stop(): Promise<void>;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Finds a Debian binary whether or not /usr/sbin is on PATH. */
function binary(name: string): string {
	for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin']) {
		if (existsSync(join(dir, name))) return join(dir, name);
	}
	throw new Error(`${name} not found. Run scripts/setup.sh to install Debian's mariadb-server.`);
}

/** mariadbd refuses to run as root unless told to; tests on CI containers often are root. */
const runAsFlags = (): string[] => (process.getuid?.() === 0 ? ['--user=root'] : []);

/**
 * Flags for a throwaway server: loopback only, no DNS, no binary log, no performance schema, no fsync,
 * small InnoDB buffers. utf8mb4 with a case-insensitive collation as on Debian's packaged server
 * (--no-defaults skips its config file, and the compiled-in default is latin1).
 */
function serverFlags(dir: string, port: number): string[] {
	return [
		'--no-defaults',
		`--datadir=${join(dir, 'data')}`,
		`--socket=${join(dir, 'mariadbd.sock')}`,
		`--pid-file=${join(dir, 'mariadbd.pid')}`,
		`--log-error=${join(dir, 'error.log')}`,
		`--port=${port}`,
		'--bind-address=127.0.0.1',
		...runAsFlags(),
		...storageFlags(),
		'--skip-name-resolve',
		'--skip-log-bin',
		'--performance-schema=OFF',
		'--loose-feedback=OFF',
		'--character-set-server=utf8mb4',
		'--collation-server=utf8mb4_general_ci',
	];
}

/** Also used by mariadb-install-db, so the system tables are created with the same file sizes. */
function storageFlags(): string[] {
	return [
		'--innodb-buffer-pool-size=64M',
		'--innodb-log-file-size=32M',
		'--innodb-flush-log-at-trx-commit=0',
		'--innodb-doublewrite=0',
		'--skip-innodb-adaptive-hash-index',
	];
}

async function installDataDir(dir: string): Promise<void> {
	const child = spawn(
		binary('mariadb-install-db'),
		[
			'--no-defaults',
			`--datadir=${join(dir, 'data')}`,
			'--auth-root-authentication-method=normal',
			'--skip-test-db',
			'--skip-name-resolve',
			...runAsFlags(),
			...storageFlags(),
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await waitForExit(child);
	if (code !== 0) throw new Error(`mariadb-install-db failed (exit ${code}):\n${output}`);
}

/**
 * Runs mariadbd under a tiny shell that stops it with SIGTERM as soon as our end of its stdin closes:
 * on `stop()`, and also when the test process dies, so a crashed test run leaves no server behind.
 */
const WATCHDOG = [
	// Background jobs get /dev/null as stdin unless redirected, so keep our stdin on fd 3 for the watchdog.
	'exec 3<&0',
	'"$@" </dev/null 3<&- &',
	'server=$!',
	'(while read -r _ <&3; do :; done; kill -TERM "$server" 2>/dev/null) &',
	'watchdog=$!',
	'wait "$server"; status=$?',
	'kill "$watchdog" 2>/dev/null',
	'exit "$status"',
].join('\n');

function spawnServer(dir: string, port: number): ChildProcess {
	const child = spawn('/bin/sh', ['-c', WATCHDOG, 'mariadbd-watchdog', binary('mariadbd'), ...serverFlags(dir, port)], {
		stdio: ['pipe', 'ignore', 'ignore'],
	});
	// A forgotten stop() must not keep jest alive; when this process exits the pipe closes and the server stops.
	child.unref();
	(child.stdin as unknown as { unref(): void }).unref();
	return child;
}

async function readErrorLog(dir: string): Promise<string> {
	return readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
}

/** Connects as root over the private socket once the server is up; rejects if the server exits first. */
async function connectWhenReady(dir: string, child: ChildProcess, timeoutMs: number): Promise<mysql.Connection> {
	const deadline = Date.now() + timeoutMs;
	let exited = child.exitCode !== null;
	child.once('exit', () => (exited = true));
	for (;;) {
		if (exited) throw new ServerExitedError(await readErrorLog(dir));
		try {
			return await mysql.createConnection({
				socketPath: join(dir, 'mariadbd.sock'),
				user: 'root',
				multipleStatements: true,
			});
		} catch (error) {
			if (Date.now() > deadline) {
				throw new Error(`MariaDB did not accept connections within ${timeoutMs} ms: ${String(error)}\n${await readErrorLog(dir)}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}
}

class ServerExitedError extends Error {
	constructor(readonly log: string) {
		super(`mariadbd exited during startup:\n${log}`);
	}

	/** Another process took the port between our probe and the server's bind. */
	get portTaken(): boolean {
		return /Bind on TCP\/IP port|Address already in use/i.test(this.log);
	}
}

async function stopServer(child: ChildProcess, dir: string): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.stdin?.end();
	if ((await waitForExit(child, 20_000)) !== undefined) return;
	// Shutdown hung: kill the server itself (its pid file), then the watchdog.
	const pid = Number((await readFile(join(dir, 'mariadbd.pid'), 'utf8').catch(() => '')).trim());
	if (pid > 0) process.kill(pid, 'SIGKILL');
	child.kill('SIGKILL');
	await waitForExit(child, 5_000);
}

export async function startMariaDb(options: MariaDbOptions = {}): Promise<MariaDb> {
	const database = options.database ?? 'members';
	const user = options.user ?? 'lookup';
	for (const name of [database, user]) {
		if (!IDENTIFIER.test(name)) throw new Error(`Not a plain SQL identifier: ${name}`);
	}
	const dir = await mkdtemp(join(tmpdir(), 'mariadb-test-'));
	let child: ChildProcess | undefined;
	let admin: mysql.Connection | undefined;
	try {
		await installDataDir(dir);
		let port = 0;
		for (let attempt = 1; !admin; attempt++) {
			port = await freeLoopbackPort();
			child = spawnServer(dir, port);
			try {
				admin = await connectWhenReady(dir, child, options.startTimeoutMs ?? 30_000);
			} catch (error) {
				if (!(error instanceof ServerExitedError && error.portTaken && attempt < 5)) throw error;
			}
		}
		const password = randomBytes(18).toString('base64url');
		await admin.query(
			`CREATE DATABASE \`${database}\`;
			 CREATE USER '${user}'@'%' IDENTIFIED BY ?;
			 GRANT SELECT ON \`${database}\`.* TO '${user}'@'%';
			 USE \`${database}\`;`,
			[password],
		);
		for (const file of options.sqlFiles ?? [MEMBERS_SQL]) {
			await admin.query(await readFile(file, 'utf8'));
		}
		return handle({ dir, child: child!, admin, port, database, user, password });
	} catch (error) {
		await admin?.end().catch(() => undefined);
		if (child) await stopServer(child, dir);
		await rm(dir, { recursive: true, force: true });
		throw error;
	}
}

interface Running {
	dir: string;
	child: ChildProcess;
	admin: mysql.Connection;
	port: number;
	database: string;
	user: string;
	password: string;
}

function handle({ dir, child, admin, port, database, user, password }: Running): MariaDb {
	let stopping: Promise<void> | undefined;
	return {
		host: '127.0.0.1',
		port,
		user,
		password,
		database,
		credentials: { host: '127.0.0.1', port, database, user, password, ssl: 'off' },
		async query<Result>(sql: string, values?: unknown[]): Promise<Result> {
			const [result] = await admin.query(sql, values);
			return result as Result;
		},
		stop() {
			stopping ??= (async () => {
				await admin.end().catch(() => admin.destroy());
				await stopServer(child, dir);
				await rm(dir, { recursive: true, force: true });
			})();
			return stopping;
		},
	};
}
