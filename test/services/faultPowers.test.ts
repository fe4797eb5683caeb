/**
 * The faults the fault suite (test/e2e/faults) causes, each on its own: a process group killed at once, Redis
 * killed and back on its port with nothing kept, MariaDB down and back on its port with its data.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { GuardedProcess, inheritedEnvironment, liveGroupMembers } from '../../scripts/n8n/guarded-process';
import { redisCommand, startRedis } from '../../scripts/n8n/services/redis';
import { startMariaDb } from '../support/mariadb';

/** Alive, not a zombie: a killed server whose guard died too is reaped by init a moment later. */
function isRunning(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false; // No such process.
	}
}

/** Whether a TCP connection to the port is refused (nothing listens). */
function refused(port: number): Promise<boolean> {
	return new Promise((resolveProbe) => {
		const socket = connect({ host: '127.0.0.1', port });
		socket.once('connect', () => (socket.destroy(), resolveProbe(false)));
		socket.once('error', (error: NodeJS.ErrnoException) => resolveProbe(error.code === 'ECONNREFUSED'));
	});
}

let root: string;
beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'fault-powers-'));
});
afterAll(async () => {
	await rm(root, { recursive: true, force: true });
});

describe('GuardedProcess.kill', () => {
	it('kills the guard, the command and what the command started in one go, and a later stop() is a no-op', async () => {
		// A command with a helper of its own, as n8n has its task runner.
		const guarded = GuardedProcess.start({
			command: '/bin/sh',
			args: ['-c', 'sleep 300 & sleep 300; wait'],
			cwd: root,
			env: inheritedEnvironment(),
			logFile: join(root, 'kill.log'),
		});
		const group = guarded.pid!;
		const deadline = Date.now() + 10_000;
		// The guard, sh and both sleeps.
		while (liveGroupMembers(group).length < 4 && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 20));
		expect(liveGroupMembers(group)).toHaveLength(4);

		await guarded.kill();

		expect(guarded.running).toBe(false);
		expect(liveGroupMembers(group)).toEqual([]);
		await guarded.stop();
	});
});

describe('private Redis restart', () => {
	it('is down for the time asked after a SIGKILL, then back on the same port answering PING, with nothing kept', async () => {
		const redis = await startRedis({ dataDir: join(root, 'redis') });
		try {
			const { port, pid } = redis;
			expect(await redisCommand(port, 'SET claim:1 worker-a NX')).toBe('+OK');

			const restarting = redis.restart(500);
			await new Promise((wait) => setTimeout(wait, 200));
			// Down in between, as during an operator's restart.
			expect(await refused(port)).toBe(true);
			await restarting;

			expect(isRunning(pid)).toBe(false);
			expect(redis.pid).not.toBe(pid);
			expect(redis.port).toBe(port);
			expect(await redisCommand(port, 'PING')).toBe('+PONG');
			expect(await redisCommand(port, 'GET claim:1')).toBe('$-1');
		} finally {
			await redis.stop();
		}
		expect(isRunning(redis.pid)).toBe(false);
	}, 60_000);
});

describe('private Redis with an append-only file', () => {
	it('keeps what was written more than a second before it was killed', async () => {
		const redis = await startRedis({ dataDir: join(root, 'redis-aof'), appendOnly: true });
		try {
			expect(await redisCommand(redis.port, 'SET claim:2 worker-b')).toBe('+OK');
			// appendfsync everysec: written to disk within a second.
			await new Promise((wait) => setTimeout(wait, 1_500));
			await redis.restart(100);
			expect(await redisCommand(redis.port, 'GET claim:2')).toBe('$8\r\nworker-b');
		} finally {
			await redis.stop();
		}
	}, 60_000);
});

describe('private MariaDB outage', () => {
	it('refuses connections while stopped with keepData and comes back on the same port with its data', async () => {
		const db = await startMariaDb();
		try {
			await db.query("INSERT INTO members VALUES ('90001','Out','Age','out.age@example.com',NULL,'GL','ZAU','Active',1)");

			await db.stop({ keepData: true });
			expect(await refused(db.port)).toBe(true);
			await expect(db.start()).resolves.toBeUndefined();

			const rows = await db.query<Array<{ email: string }>>("SELECT email FROM members WHERE membernumber = '90001'");
			expect(rows).toEqual([{ email: 'out.age@example.com' }]);
		} finally {
			await db.stop();
		}
		await expect(db.start()).rejects.toThrow(/stopped for good/);
	}, 90_000);
});
