import type { MariaDb } from '../support/mariadb';

/**
 * Counts the SELECT statements the server ran, not what the client says it sent: MariaDB's global
 * `Com_select` counter, read as the administrator (with SHOW, which is not a SELECT) before and after.
 * Connection set-up and COM_QUIT are not statements and do not count.
 */
export async function countQueries<T>(db: MariaDb, work: () => Promise<T>): Promise<{ result: T; queries: number }> {
	const before = await selects(db);
	const result = await work();
	return { result, queries: (await selects(db)) - before };
}

async function selects(db: MariaDb): Promise<number> {
	const rows = await db.query<Array<{ Value: string }>>("SHOW GLOBAL STATUS LIKE 'Com_select'");
	return Number(rows[0].Value);
}
