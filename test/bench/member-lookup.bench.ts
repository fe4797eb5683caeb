/**
 * Member Lookup benchmark: 10,000 input items against a 100,000-member MariaDB directory with Supabase
 * positions, next to (a) seed 003's per-item approach (a new MySQL connection per lookup plus one
 * Supabase request per member), timed on a sample and extrapolated, and (b) the floor: bare mysql2
 * `IN` queries of 1,000 keys plus bare positions requests, with no node around them.
 * Run: `npm run bench member-lookup` (or `npx tsx test/bench/member-lookup.bench.ts`).
 */
import { createClient } from '@supabase/supabase-js';
import mysql from 'mysql2/promise';
import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { availableParallelism, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { MemberLookup } from '../../nodes/MemberLookup/MemberLookup.node.js'; // .js: tsx would pick the codex .json for an extensionless path
import { startMariaDb, type MariaDb } from '../support/mariadb';
import { loadSyntheticMembers } from '../support/mariadb-members';
import { startSupabaseFake, type SupabaseFake } from '../support/supabase-fake';
import { loadSyntheticPositions } from '../support/supabase-fake/positions';
import { syntheticEmail } from '../support/synthetic-members';

const MEMBERS = 100_000;
const ITEMS = 10_000;
const SEED_SAMPLE = 300;
const WARM_UP_RUNS = 3; // n8n is a long-running process: measure the JIT-compiled steady state
const RUNS = 7;
const MEMORY_RUNS = 30; // growth is judged from run 10 on, after the JIT and caches have settled
const STATUSES = ['Active', 'Retired'];

setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;

export interface Measure {
	wallMs: number;
	selects: number;
	connections: number;
	supabaseRequests: number;
	peakHeapMb: number;
	peakRssMb: number;
	found: number;
}

/** Spread over the whole table, a third of them typed in upper case with spaces around. */
function inputEmails(): string[] {
	return Array.from({ length: ITEMS }, (_, i) => {
		const email = syntheticEmail((i * 7_919) % MEMBERS);
		return i % 3 === 0 ? `  ${email.toUpperCase()} ` : email;
	});
}

async function serverCounters(db: MariaDb): Promise<{ selects: number; connections: number }> {
	const rows = await db.query<Array<{ Variable_name: string; Value: string }>>(
		"SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_select', 'Connections')",
	);
	const value = (name: string) => Number(rows.find((row) => row.Variable_name === name)?.Value);
	return { selects: value('Com_select'), connections: value('Connections') };
}

/** Wall time, server-counted SELECTs and connections, Supabase requests and peak memory of `work`. */
export async function measure(db: MariaDb, fake: SupabaseFake, work: () => Promise<number>): Promise<Measure> {
	collectGarbage();
	const before = await serverCounters(db);
	const requestsBefore = fake.requests.length;
	const base = process.memoryUsage();
	let peakHeap = base.heapUsed;
	let peakRss = base.rss;
	const sampler = setInterval(() => {
		const now = process.memoryUsage();
		peakHeap = Math.max(peakHeap, now.heapUsed);
		peakRss = Math.max(peakRss, now.rss);
	}, 2);
	const started = performance.now();
	const found = await work();
	const wallMs = performance.now() - started;
	clearInterval(sampler);
	const after = await serverCounters(db);
	return {
		wallMs,
		selects: after.selects - before.selects,
		connections: after.connections - before.connections,
		supabaseRequests: fake.requests.length - requestsBefore,
		peakHeapMb: (peakHeap - base.heapUsed) / 2 ** 20,
		peakRssMb: peakRss / 2 ** 20,
		found,
	};
}

const node: INode = {
	id: 'bench',
	name: 'Member Lookup',
	type: 'n8n-nodes-intercom-sync.memberLookup',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The few context methods the node calls, as n8n provides them for a plain run. */
function executeContext(items: INodeExecutionData[], credentials: Record<string, IDataObject>): IExecuteFunctions {
	const defaults = new Map(new MemberLookup().description.properties.map((p) => [p.name, p.default]));
	return {
		getInputData: () => items,
		getNode: () => node,
		continueOnFail: () => false,
		logger: { info() {}, debug() {}, warn() {}, error() {} },
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) =>
			name === 'email' ? items[itemIndex].json.email : (defaults.get(name) ?? fallback),
		getCredentials: async (name: string) => credentials[name],
	} as unknown as IExecuteFunctions;
}

export async function runNode(emails: string[], db: MariaDb, fake: SupabaseFake): Promise<number> {
	const items = emails.map((email) => ({ json: { email } }));
	const context = executeContext(items, { memberDatabase: { ...db.credentials }, supabaseSyncApi: { ...fake.credentials } });
	const [output] = await new MemberLookup().execute.call(context);
	if (output.length !== emails.length) throw new Error(`node returned ${output.length} items for ${emails.length}`);
	return output.filter((item) => item.json.found === true).length;
}

function plainConnection({ host, port, user, password, database }: MariaDb): mysql.ConnectionOptions {
	return { host, port, user, password, database };
}

function positionsClient(fake: SupabaseFake) {
	return createClient(fake.url, fake.serviceRoleKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: class {} as never },
	});
}

/** The floor: one connection, one IN query per 1,000 keys, positions requests as long as the gateway allows. */
async function runFloor(emails: string[], db: MariaDb, fake: SupabaseFake): Promise<number> {
	const supabase = positionsClient(fake);
	const connection = await mysql.createConnection(plainConnection(db));
	let found = 0;
	try {
		const keys = [...new Set(emails.map((email) => email.trim().toLowerCase()))];
		for (let start = 0; start < keys.length; start += 1_000) {
			const [rows] = await connection.query<mysql.RowDataPacket[]>(
				'SELECT * FROM members WHERE email IN (?) AND status IN (?)',
				[keys.slice(start, start + 1_000), STATUSES],
			);
			found += rows.length;
			const numbers = rows.map((row) => String(row.membernumber));
			for (let from = 0; from < numbers.length; from += 700) {
				// 700 six-digit numbers keep the request line under the gateway's 8 KB.
				const { error } = await supabase
					.from('member_positions')
					.select('membernumber,position')
					.in('membernumber', numbers.slice(from, from + 700))
					.eq('active', true);
				if (error) throw new Error(error.message);
			}
		}
	} finally {
		await connection.end();
	}
	return found;
}

/** Seed 003: for each lookup a new connection, a prepared SELECT … LIMIT 1, then one positions request. */
async function runSeedApproach(emails: string[], db: MariaDb, fake: SupabaseFake): Promise<number> {
	const supabase = positionsClient(fake);
	let found = 0;
	for (const email of emails) {
		const connection = await mysql.createConnection(plainConnection(db));
		try {
			const [rows] = await connection.execute<mysql.RowDataPacket[]>(
				'SELECT membernumber, firstname, lastname, email, phone, region, facility, status, membertypeid FROM members WHERE email = ? AND status IN (?, ?)\n LIMIT 1',
				[email.trim(), ...STATUSES],
			);
			if (rows.length === 0) continue;
			found++;
			const { error } = await supabase
				.from('member_positions')
				.select('position')
				.eq('membernumber', String(rows[0].membernumber))
				.eq('active', true);
			if (error) throw new Error(error.message);
		} finally {
			await connection.end();
		}
	}
	return found;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Runs of several approaches take turns, so a change in the machine's load hits them alike. */
async function interleaved(times: number, approaches: Array<() => Promise<Measure>>): Promise<Measure[]> {
	const runs: Measure[][] = approaches.map(() => []);
	for (let i = 0; i < times; i++) {
		for (const [index, once] of approaches.entries()) runs[index].push(await once());
	}
	return runs.map((ofOne) => {
		const pick = (key: keyof Measure) => median(ofOne.map((run) => run[key]));
		return {
			wallMs: pick('wallMs'),
			selects: pick('selects'),
			connections: pick('connections'),
			supabaseRequests: pick('supabaseRequests'),
			peakHeapMb: Math.max(...ofOne.map((run) => run.peakHeapMb)),
			peakRssMb: Math.max(...ofOne.map((run) => run.peakRssMb)),
			found: pick('found'),
		};
	});
}

function row(label: string, m: Measure, note = ''): string {
	return [
		label.padEnd(30),
		`${m.wallMs.toFixed(0).padStart(8)} ms`,
		String(m.selects).padStart(8),
		String(m.connections).padStart(6),
		String(m.supabaseRequests).padStart(7),
		`${m.peakHeapMb.toFixed(1).padStart(7)} MB`,
		`${m.peakRssMb.toFixed(0).padStart(6)} MB`,
		String(m.found).padStart(7),
		note,
	].join(' ');
}

export async function main(): Promise<void> {
	console.log(`Setting up: ${MEMBERS.toLocaleString('en')} members in MariaDB, their positions in the Supabase fake …`);
	const db = await startMariaDb();
	const fake = await startSupabaseFake();
	try {
		await loadSyntheticMembers(db, MEMBERS);
		const positions = await loadSyntheticPositions(fake, MEMBERS);
		await fake.query('ANALYZE');
		console.log(`Loaded ${MEMBERS.toLocaleString('en')} members and ${positions.toLocaleString('en')} positions.`);
		const emails = inputEmails();

		for (let run = 0; run < WARM_UP_RUNS; run++) {
			await runNode(emails, db, fake);
			await runFloor(emails, db, fake);
		}
		const [nodeRun, floor] = await interleaved(RUNS, [
			() => measure(db, fake, () => runNode(emails, db, fake)),
			() => measure(db, fake, () => runFloor(emails, db, fake)),
		]);
		const sample = emails.slice(0, SEED_SAMPLE);
		const seedSample = await measure(db, fake, () => runSeedApproach(sample, db, fake));
		const scale = ITEMS / SEED_SAMPLE;
		const seed: Measure = {
			...seedSample,
			wallMs: seedSample.wallMs * scale,
			selects: Math.round(seedSample.selects * scale),
			connections: Math.round(seedSample.connections * scale),
			supabaseRequests: Math.round(seedSample.supabaseRequests * scale),
			found: Math.round(seedSample.found * scale),
		};

		const heapAfter: number[] = [];
		for (let run = 1; run <= MEMORY_RUNS; run++) {
			fake.requests.length = 0; // the fake's own log of requests lives in this process too
			await runNode(emails, db, fake);
			collectGarbage();
			heapAfter.push(process.memoryUsage().heapUsed / 2 ** 20);
		}

		console.log(
			`\n${ITEMS.toLocaleString('en')} items, ${MEMBERS.toLocaleString('en')} members; median of ${RUNS} interleaved runs after ${WARM_UP_RUNS} warm-up runs` +
				` (seed 003: ${SEED_SAMPLE} items timed, ×${scale.toFixed(1)}); load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
		);
		console.log('SELECTs and connections are counted by MariaDB (Com_select, Connections); peak heap is above the pre-run heap;');
		console.log("rss is the whole process, including the Supabase fake's Postgres (PGlite) in a worker thread.");
		console.log(
			`${'approach'.padEnd(30)} ${'wall'.padStart(11)} ${'SELECTs'.padStart(8)} ${'conns'.padStart(6)} ${'REST'.padStart(7)} ${'peak heap'.padStart(10)} ${'rss'.padStart(9)} ${'found'.padStart(7)}`,
		);
		console.log(row('Member Lookup node', nodeRun));
		console.log(row('floor (bare mysql2 + REST)', floor));
		console.log(row('seed 003 per item', seed, '(extrapolated)'));
		const seedRatio = seed.wallMs / nodeRun.wallMs;
		const floorRatio = nodeRun.wallMs / floor.wallMs;
		const maxQueries = Math.ceil(ITEMS / 1_000);
		const growth = heapAfter[MEMORY_RUNS - 1] - heapAfter[9];
		console.log(`\nnode vs seed 003: ${seedRatio.toFixed(0)}× faster   node vs floor: ${floorRatio.toFixed(2)}× the floor's time`);
		console.log(
			`heap after GC over ${MEMORY_RUNS} runs: run 1 ${heapAfter[0].toFixed(1)} MB, run 10 ${heapAfter[9].toFixed(1)} MB, run ${MEMORY_RUNS} ${heapAfter[MEMORY_RUNS - 1].toFixed(1)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB from run 10 to ${MEMORY_RUNS})`,
		);
		const goals: Array<[string, boolean]> = [
			[`wall time ≤ 500 ms (${nodeRun.wallMs.toFixed(0)} ms)`, nodeRun.wallMs <= 500],
			[`≥ 100× faster than seed 003 (${seedRatio.toFixed(0)}×)`, seedRatio >= 100],
			[`within 3× of the floor (${floorRatio.toFixed(2)}×)`, floorRatio <= 3],
			[`≤ ${maxQueries} MySQL round trips (${nodeRun.selects})`, nodeRun.selects <= maxQueries],
			[`memory does not grow over repeated runs (${growth.toFixed(1)} MB)`, growth < 5],
		];
		for (const [goal, met] of goals) console.log(`${met ? 'met   ' : 'MISSED'} ${goal}`);
		if (fake.rejected.length > 0) throw new Error(`The Supabase fake refused requests: ${fake.rejected[0].reason}`);
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
