/** Fills a test MariaDB with synthetic members (the benchmark loads 100,000). */
import type { MariaDb } from './mariadb';
import { batches, syntheticMember, type SyntheticMember } from './synthetic-members';

const COLUMNS: Array<keyof SyntheticMember> = [
	'membernumber',
	'firstname',
	'lastname',
	'email',
	'phone',
	'region',
	'facility',
	'status',
	'membertypeid',
];

/**
 * Inserts members `0 … count-1` of the synthetic set into `table` (default `members`, the reference schema)
 * with multi-row INSERTs inside one transaction — values are parameterised, never spliced in.
 */
export async function loadSyntheticMembers(db: MariaDb, count: number, table = 'members'): Promise<void> {
	if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(table)) throw new Error(`Not a plain table name: ${table}`);
	await db.query('START TRANSACTION');
	try {
		for (const { start, end } of batches(count, 5_000)) {
			const rows: unknown[][] = [];
			for (let index = start; index < end; index++) {
				const member = syntheticMember(index);
				rows.push(COLUMNS.map((column) => member[column]));
			}
			await db.query(`INSERT INTO \`${table}\` (${COLUMNS.join(', ')}) VALUES ?`, [rows]);
		}
		await db.query('COMMIT');
	} catch (error) {
		await db.query('ROLLBACK');
		throw error;
	}
}
