import type { MariaDb } from '../support/mariadb';

/**
 * Counts what the server received, not what the client says it sent: MariaDB's global `Questions`
 * counter (statements from clients), read as the administrator before and after the code under test.
 */
export async function countStatements<T>(db: MariaDb, work: () => Promise<T>): Promise<{ result: T; statements: number }> {
	const before = await questions(db);
	const result = await work();
	const after = await questions(db);
	// Each SHOW STATUS is itself a statement: the one taken `before` is counted in `after`.
	return { result, statements: after - before - 1 };
}

async function questions(db: MariaDb): Promise<number> {
	const rows = await db.query<Array<{ Value: string }>>("SHOW GLOBAL STATUS LIKE 'Questions'");
	return Number(rows[0].Value);
}
