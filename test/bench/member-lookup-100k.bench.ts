/**
 * Member Lookup alone at 100,000 items against the 100,000-member directory (issue: backfill and refresh):
 * a whole workspace's contacts in one step. Goals: ≤ 3 s, ≤ 100 MySQL round trips, memory flat over runs.
 * Run: `npm run bench member-lookup-100k`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { startMariaDb } from '../support/mariadb';
import { loadSyntheticMembers } from '../support/mariadb-members';
import { startSupabaseFake } from '../support/supabase-fake';
import { loadSyntheticPositions } from '../support/supabase-fake/positions';
import { syntheticEmail } from '../support/synthetic-members';
import { measure, runNode, type Measure } from './member-lookup.bench';

const MEMBERS = 100_000;
const ITEMS = 100_000;
const RUNS = 5;

setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;

export async function main(): Promise<void> {
	console.log(`Setting up: ${MEMBERS.toLocaleString('en')} members in MariaDB, their positions in the Supabase fake …`);
	const db = await startMariaDb();
	const fake = await startSupabaseFake();
	try {
		await loadSyntheticMembers(db, MEMBERS);
		await loadSyntheticPositions(fake, MEMBERS);
		await fake.query('ANALYZE');
		// Every member once, in an order unlike the table's, a tenth typed in capitals.
		const emails = Array.from({ length: ITEMS }, (_, i) => {
			const email = syntheticEmail((i * 7_919) % MEMBERS);
			return i % 10 === 0 ? email.toUpperCase() : email;
		});
		await runNode(emails, db, fake); // warm-up
		const runs: Measure[] = [];
		const heapAfter: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			fake.requests.length = 0; // the fake's request log lives in this process too
			runs.push(await measure(db, fake, () => runNode(emails, db, fake)));
			collectGarbage();
			heapAfter.push(process.memoryUsage().heapUsed / 2 ** 20);
		}
		const wall = [...runs.map((run) => run.wallMs)].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
		const selects = Math.max(...runs.map((run) => run.selects));
		const growth = heapAfter[RUNS - 1] - heapAfter[0];
		console.log(`\n${ITEMS.toLocaleString('en')} items, ${MEMBERS.toLocaleString('en')} members, ${RUNS} runs after a warm-up`);
		console.log(`wall (median) ${wall.toFixed(0)} ms; SELECTs ${selects}; Supabase requests ${runs[0].supabaseRequests}; found ${runs[0].found}`);
		console.log(`peak heap above the start ${Math.max(...runs.map((run) => run.peakHeapMb)).toFixed(0)} MB; heap after GC run by run: ${heapAfter.map((mb) => mb.toFixed(0)).join(' ')} MB`);
		const goals: Array<[string, boolean]> = [
			[`≤ 3 s (${(wall / 1_000).toFixed(2)} s)`, wall <= 3_000],
			[`≤ 100 MySQL round trips (${selects})`, selects <= 100],
			[`memory flat over runs (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB from run 1 to ${RUNS})`, growth < 10],
		];
		for (const [goal, met] of goals) console.log(`${met ? 'met   ' : 'MISSED'} ${goal}`);
	} finally {
		await fake.close();
		await db.stop();
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
