/**
 * The private Postgres and Redis that queue mode runs on: real servers in temp folders, on free loopback ports.
 * Queries go through the `pg` driver of the cached n8n install, the one n8n itself will use.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { assertN8nInstalled, n8nInstallDir } from '../../scripts/n8n/paths';
import { startPostgres, type PrivatePostgres } from '../../scripts/n8n/services/postgres';
import { redisCommand, startRedis } from '../../scripts/n8n/services/redis';

interface PgClient {
	connect(): Promise<void>;
	query(sql: string): Promise<{ rows: Array<Record<string, unknown>> }>;
	end(): Promise<void>;
	on(event: 'error', listener: (error: Error) => void): void;
}
type PgConfig = Pick<PrivatePostgres, 'host' | 'port' | 'database' | 'user' | 'password'>;

async function connectPg(server: PgConfig): Promise<PgClient> {
	assertN8nInstalled();
	const pg = (await import(join(n8nInstallDir, 'node_modules', 'pg'))) as { Client: new (config: PgConfig) => PgClient };
	const { host, port, database, user, password } = server;
	const client = new pg.Client({ host, port, database, user, password });
	await client.connect();
	return client;
}

async function withPg<T>(server: PgConfig, use: (client: PgClient) => Promise<T>): Promise<T> {
	const client = await connectPg(server);
	try {
		return await use(client);
	} finally {
		await client.end();
	}
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code !== 'ESRCH';
	}
}

/** The effective uid of a process, from /proc. */
async function uidOf(pid: number): Promise<number> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8');
	return Number(/^Uid:\s+\d+\s+(\d+)/m.exec(status)?.[1]);
}

async function timed<T>(start: () => Promise<T>): Promise<[T, number]> {
	const began = Date.now();
	const result = await start();
	return [result, Date.now() - began];
}

let root: string;
beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'private-services-'));
	// As root, Postgres runs as nobody, which must be able to enter this folder (mkdtemp makes it 0700).
	await chmod(root, 0o755);
});
afterAll(async () => {
	await rm(root, { recursive: true, force: true });
});

describe('private PostgreSQL', () => {
	it('runs PostgreSQL 17 with n8n’s database, keeps its data and starts again without initdb', async () => {
		const dataDir = join(root, 'postgres');
		const [first, freshMs] = await timed(() => startPostgres({ dataDir }));
		try {
			expect(first).toMatchObject({ host: '127.0.0.1', database: 'n8n', user: 'n8n', dataDir });
			// Started as root it runs as nobody; otherwise as ourselves.
			const expectedUid = process.getuid!() === 0 ? 65534 : process.getuid!();
			expect(await uidOf(first.pid)).toBe(expectedUid);
			expect((await stat(dataDir)).uid).toBe(expectedUid);
			await withPg(first, async (client) => {
				const { rows } = await client.query("SELECT current_setting('server_version_num')::int AS version, current_database() AS db");
				expect(rows[0].version).toBeGreaterThanOrEqual(170_000);
				expect(rows[0].version).toBeLessThan(180_000);
				expect(rows[0].db).toBe('n8n');
				await client.query("CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
			});
			await expect(connectPg({ ...first, password: 'wrong' }).then((client) => client.end())).rejects.toThrow(/password authentication failed/);
		} finally {
			await first.stop();
		}
		expect(isRunning(first.pid)).toBe(false);
		await first.stop(); // a second stop is harmless

		const [second, keptMs] = await timed(() => startPostgres({ dataDir }));
		try {
			const { rows } = await withPg(second, (client) => client.query('SELECT note FROM kept'));
			expect(rows).toEqual([{ note: 'still here' }]);
			expect(keptMs).toBeLessThan(freshMs);

			// A session left open (as n8n's pool keeps them) must not hold the shutdown up: a "smart" one would wait.
			const open = await connectPg(second);
			const ended = new Promise<Error>((resolveEnd) => open.on('error', resolveEnd));
			const [, stopMs] = await timed(() => second.stop());
			expect(stopMs).toBeLessThan(10_000);
			expect((await ended).message).toMatch(/terminating connection due to administrator command/);
		} finally {
			await second.stop();
		}
		expect(isRunning(second.pid)).toBe(false);
	}, 120_000);

	it('refuses a folder that holds something other than a cluster', async () => {
		const dataDir = join(root, 'not-postgres');
		await mkdir(dataDir);
		await writeFile(join(dataDir, 'notes.txt'), 'mine');
		await expect(startPostgres({ dataDir })).rejects.toThrow(/neither empty nor a PostgreSQL data folder/);
		expect(await readFile(join(dataDir, 'notes.txt'), 'utf8')).toBe('mine');
	});

	const asRoot = process.getuid!() === 0 ? it : it.skip;
	asRoot('says why when nobody cannot reach the data folder (started as root)', async () => {
		const locked = await mkdtemp(join(root, 'locked-'));
		await expect(startPostgres({ dataDir: join(locked, 'data') })).rejects.toThrow(/nobody cannot enter .*locked-.*chmod o\+x/);
	});
});

describe('private Redis', () => {
	it('answers an atomic set-if-absent and leaves nothing running after stop', async () => {
		const redis = await startRedis({ dataDir: join(root, 'redis') });
		try {
			expect(redis.host).toBe('127.0.0.1');
			expect(await redisCommand(redis.port, 'SET claim:1 worker-a NX')).toBe('+OK');
			expect(await redisCommand(redis.port, 'SET claim:1 worker-b NX')).toBe('$-1');
			expect(await redisCommand(redis.port, 'GET claim:1')).toBe('$8\r\nworker-a');
		} finally {
			await redis.stop();
		}
		expect(isRunning(redis.pid)).toBe(false);
		await redis.stop();
	}, 60_000);
});
