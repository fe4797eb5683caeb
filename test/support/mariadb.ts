/**
 * A private MariaDB server for tests: Debian's mariadbd on a free loopback port, its data in a temp folder,
 * seeded from the reference member SQL. One server per test file; `stop()` removes every trace.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type mysql from 'mysql2/promise';
import type { MemberDatabaseCredentials } from '../../nodes/common/memberDatabase/transport';
import { connectWhenReady, prepareDataDir, ServerExitedError, spawnServer, stopServer } from './mariadb-server';
import { freeLoopbackPort } from '../../scripts/n8n/ports';
import { fixturePath } from './fixtures';

export const MEMBERS_SQL = fixturePath('members', 'mysql-members.sql');

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

export interface MariaDb {
	host: '127.0.0.1';
	port: number;
	user: string;
	password: string;
	database: string;
	/** The `memberDatabase` credential for this server (plain connection), to hand to the node unchanged. */
	credentials: MemberDatabaseCredentials;
	/** Runs SQL as the server administrator in `database` (several statements allowed). Rows for a SELECT. */
	query<Result = unknown>(sql: string, values?: unknown[]): Promise<Result>;
	/**
	 * Shuts the server down and deletes its folder. Safe to call twice. `keepData: true` only shuts it down (an
	 * outage): `start()` brings it back on the same port with the same data.
	 */
	stop(options?: { keepData?: boolean }): Promise<void>;
	/** Starts a server stopped with `keepData` again, on the same port and data; resolves once it accepts connections. */
	start(): Promise<void>;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

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
		await prepareDataDir(dir);
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

function handle(running: Running): MariaDb {
	const { dir, port, database, user, password } = running;
	let { child, admin } = running;
	let down: Promise<void> | undefined;
	let removed: Promise<void> | undefined;
	const shutDown = async () => {
		await admin.end().catch(() => admin.destroy());
		await stopServer(child, dir);
	};
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
		stop(options = {}) {
			if (removed) return removed;
			down ??= shutDown();
			if (options.keepData) return down;
			removed = down.then(() => rm(dir, { recursive: true, force: true }));
			return removed;
		},
		async start() {
			if (removed) throw new Error('This MariaDB was stopped for good; start a new one');
			if (!down) throw new Error('MariaDB is running; stop({ keepData: true }) first');
			await down;
			// The same port: the code under test keeps the address from its credential.
			const restarted = spawnServer(dir, port);
			try {
				admin = await connectWhenReady(dir, restarted, 30_000);
			} catch (error) {
				await stopServer(restarted, dir);
				throw error;
			}
			child = restarted;
			await admin.query(`USE \`${database}\``);
			down = undefined;
		},
	};
}
