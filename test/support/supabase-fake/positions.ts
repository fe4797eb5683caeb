/** Fills the Supabase test server with the positions of synthetic members (the benchmark uses 100,000). */
import type { SupabaseFake } from './index';
import { batches, syntheticPositions } from '../synthetic-members';

/**
 * Inserts the positions of members `0 … memberCount-1` into `table` (default `member_positions`, the
 * reference schema): one INSERT per batch, the values passed as three array parameters. Returns the row count.
 */
export async function loadSyntheticPositions(fake: SupabaseFake, memberCount: number, table = 'member_positions'): Promise<number> {
	if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table)) throw new Error(`Not a plain table name: ${table}`);
	let written = 0;
	for (const { start, end } of batches(memberCount, 50_000)) {
		const positions = [];
		for (let index = start; index < end; index++) positions.push(...syntheticPositions(index));
		await fake.query(
			`INSERT INTO "${table}" (membernumber, position, active) SELECT * FROM unnest($1::text[], $2::text[], $3::boolean[])`,
			[positions.map((p) => p.membernumber), positions.map((p) => p.position), positions.map((p) => p.active)],
		);
		written += positions.length;
	}
	return written;
}
