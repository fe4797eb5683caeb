/**
 * Running Debian's mariadbd for tests: flags for a fast throwaway server, a data folder copied from a
 * template, and a watchdog so no server outlives the test process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { waitForExit } from './processes';

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
		`--tmpdir=${join(dir, 'tmp')}`,
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

/** Runs mariadb-install-db into `dataDir`, its temporary files in a folder of its own (not the shared /tmp). */
async function installDataDir(dataDir: string): Promise<void> {
	const scratch = await mkdtemp(join(tmpdir(), 'mariadb-install-'));
	try {
		const child = spawn(
			binary('mariadb-install-db'),
			[
				'--no-defaults',
				`--datadir=${dataDir}`,
				`--tmpdir=${scratch}`,
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
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
}

async function templateDataDir(): Promise<string> {
	const server = await stat(binary('mariadbd'));
	const key = createHash('sha256')
		.update([server.size, server.mtimeMs, ...runAsFlags(), ...storageFlags()].join(' '))
		.digest('hex')
		.slice(0, 16);
	const template = join(tmpdir(), `mariadb-template-datadir-${key}`);
	if (!existsSync(template)) {
		const partial = `${template}.${randomBytes(6).toString('hex')}.partial`;
		try {
			await installDataDir(partial);
			// Another test process may have won the race; its template is as good as ours.
			await rename(partial, template).catch((error: unknown) => {
				if (!existsSync(template)) throw error;
			});
		} finally {
			await rm(partial, { recursive: true, force: true });
		}
	}
	return template;
}

/** One template per test process, however many servers it starts at once. */
let template: Promise<string> | undefined;

/**
 * Copies a pristine data folder into `dir/data`. mariadb-install-db takes from 0.6 s to several seconds
 * on busy shared cores, so the first start on a machine keeps its result in the temp folder, keyed by the
 * server binary and our storage flags, and later starts copy it (about 0.1 s).
 */
export async function prepareDataDir(dir: string): Promise<void> {
	template ??= templateDataDir().catch((error: unknown) => {
		template = undefined;
		throw error;
	});
	await cp(await template, join(dir, 'data'), { recursive: true });
	await mkdir(join(dir, 'tmp'));
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

export function spawnServer(dir: string, port: number): ChildProcess {
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
export async function connectWhenReady(dir: string, child: ChildProcess, timeoutMs: number): Promise<mysql.Connection> {
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

export class ServerExitedError extends Error {
	constructor(readonly log: string) {
		super(`mariadbd exited during startup:\n${log}`);
	}

	/** Another process took the port between our probe and the server's bind. */
	get portTaken(): boolean {
		return /Bind on TCP\/IP port|Address already in use/i.test(this.log);
	}
}

export async function stopServer(child: ChildProcess, dir: string): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.stdin?.end();
	if ((await waitForExit(child, 20_000)) !== undefined) return;
	// Shutdown hung: kill the server itself (its pid file), then the watchdog.
	const pid = Number((await readFile(join(dir, 'mariadbd.pid'), 'utf8').catch(() => '')).trim());
	if (pid > 0) process.kill(pid, 'SIGKILL');
	child.kill('SIGKILL');
	await waitForExit(child, 5_000);
}
