import { readdirSync, readFileSync, existsSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { startMariaDb, type MariaDb } from '../support/mariadb';
import { loadSyntheticMembers } from '../support/mariadb-members';
import { syntheticMember } from '../support/synthetic-members';

jest.setTimeout(60_000);

/** Command lines of running processes that mention `text` (read from /proc, so no tool is needed). */
function processesMentioning(text: string): string[] {
	const found: string[] = [];
	for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
			if (commandLine.includes(text)) found.push(commandLine);
		} catch {
			// The process ended while we looked.
		}
	}
	return found;
}

const connectAs = (db: MariaDb, password = db.password) =>
	mysql.createConnection({ host: db.host, port: db.port, user: db.user, password, database: db.database });

describe('startMariaDb', () => {
	let db: MariaDb;
	beforeAll(async () => {
		db = await startMariaDb();
	});
	afterAll(async () => {
		await db?.stop();
	});

	it('serves the reference members to the lookup user over loopback TCP', async () => {
		expect(db.credentials).toEqual({
			host: '127.0.0.1',
			port: db.port,
			database: 'members',
			user: 'lookup',
			password: db.password,
			ssl: 'off',
		});
		const connection = await connectAs(db);
		try {
			const [rows] = await connection.query('SELECT membernumber, status FROM members ORDER BY membernumber');
			expect(rows).toEqual([
				{ membernumber: '12345', status: 'Active' },
				{ membernumber: '12346', status: 'Active' },
				{ membernumber: '22222', status: 'Retired' },
				{ membernumber: '33333', status: 'Inactive' },
				{ membernumber: '44444', status: 'Active' },
				{ membernumber: '44445', status: 'Retired' },
			]);
			// Case-insensitive collation, as on a packaged server: the stored 'Jane.Roe@Example.com' matches.
			const [jane] = await connection.query('SELECT membernumber FROM members WHERE email = ?', ['jane.roe@example.com']);
			expect(jane).toEqual([{ membernumber: '12346' }]);
		} finally {
			await connection.end();
		}
	});

	it('gives the lookup user read access only', async () => {
		const connection = await connectAs(db);
		try {
			await expect(connection.query("DELETE FROM members WHERE membernumber = '12345'")).rejects.toMatchObject({
				code: 'ER_TABLEACCESS_DENIED_ERROR',
			});
		} finally {
			await connection.end();
		}
		expect(await db.query('SELECT COUNT(*) AS n FROM members')).toEqual([{ n: 6 }]);
	});

	it('refuses a wrong password', async () => {
		await expect(connectAs(db, `${db.password}x`)).rejects.toMatchObject({ code: 'ER_ACCESS_DENIED_ERROR', errno: 1045 });
	});

	it('lets the administrator query change data with parameterised values', async () => {
		await db.query('CREATE TABLE scratch (id INT PRIMARY KEY, note VARCHAR(40))');
		await db.query('INSERT INTO scratch VALUES (?, ?)', [1, "it's; DROP TABLE members"]);
		expect(await db.query('SELECT note FROM scratch')).toEqual([{ note: "it's; DROP TABLE members" }]);
		await db.query('DROP TABLE scratch');
	});

	it('bulk-loads synthetic members that match the generator', async () => {
		await loadSyntheticMembers(db, 2_500);
		expect(await db.query("SELECT COUNT(*) AS n FROM members WHERE membernumber >= '500000'")).toEqual([{ n: 2_500 }]);
		const [stored] = await db.query<Array<Record<string, unknown>>>('SELECT * FROM members WHERE membernumber = ?', [
			syntheticMember(2_499).membernumber,
		]);
		expect(stored).toEqual(syntheticMember(2_499));
		await db.query("DELETE FROM members WHERE membernumber >= '500000'");
	});
});

describe('MariaDB lifecycle', () => {
	it('runs two servers side by side and stop() leaves no process, port or folder behind', async () => {
		const [first, second] = await Promise.all([startMariaDb({ sqlFiles: [] }), startMariaDb({ database: 'other', user: 'reader' })]);
		expect(first.port).not.toBe(second.port);
		expect(await second.query('SELECT COUNT(*) AS n FROM members')).toEqual([{ n: 6 }]);
		await expect(first.query('SELECT * FROM members')).rejects.toMatchObject({ code: 'ER_NO_SUCH_TABLE' });

		const [commandLine] = processesMentioning(`--port=${first.port}`).filter((line) => line.includes('mariadbd --no-defaults'));
		expect(commandLine).toBeDefined();
		const dataDir = /--datadir=(\S+)/.exec(commandLine)![1];
		expect(existsSync(dataDir)).toBe(true);

		await first.stop();
		await first.stop();
		expect(processesMentioning(`--port=${first.port}`)).toEqual([]);
		expect(existsSync(dataDir)).toBe(false);
		await expect(connectAs(first)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
		await second.stop();
		expect(processesMentioning(`--port=${second.port}`)).toEqual([]);
	});
});
