/**
 * The member backfill and refresh workflow on a real n8n 2.41: 10,000 Intercom contacts in the fake, 20 ms of
 * latency on every request and Intercom's rate limit set to 1,000 requests per 10 s, against 10,000 members in
 * MariaDB. Prints the sustained request rate against the limit, lost contacts, MySQL round trips per lookup step,
 * the executing process's memory page after page, the time per 1,000 contacts and the second run's writes.
 * Run: `npm run bench backfill` (about 6 minutes).
 */
import { readFileSync } from 'node:fs';

import { syntheticMemberNumber } from '../support/synthetic-members';
import { loadSyntheticMembers } from '../support/mariadb-members';
import { loadSyntheticPositions } from '../support/supabase-fake/positions';
import { runBackfill, type BackfillSummary } from '../e2e/backfill/runBackfill';
import { startWorkflowEnvironment, type WorkflowEnvironment } from '../e2e/workflows/environment';

const CONTACTS = 10_000;
const WITH_NUMBER = 2_000; // enriched long ago, with a region that has since changed
const LIMIT = { limit: 1_000, windowMs: 10_000 };
const LATENCY_MS = 20;
const PAGE = 150;

/** VmRSS of one process, in MB; 0 once it has ended. */
function rssMb(pid: number): number {
	try {
		const kb = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return Number(kb ?? 0) / 1024;
	} catch {
		return 0;
	}
}

interface RunFigures {
	summary: BackfillSummary;
	seconds: number;
	requests: number;
	/** Requests per second while Intercom was being called, from the first request to the last. */
	rate: number;
	writes: number;
	selects: number;
	/** The executing process's memory when each page was asked for. */
	rssAtPages: number[];
}

/** Least-squares slope of `values` against their index. */
function leastSquaresSlope(values: number[]): number {
	const n = values.length;
	const meanX = (n - 1) / 2;
	const meanY = values.reduce((sum, value) => sum + value, 0) / n;
	let numerator = 0;
	let denominator = 0;
	for (const [x, y] of values.entries()) {
		numerator += (x - meanX) * (y - meanY);
		denominator += (x - meanX) ** 2;
	}
	return denominator === 0 ? 0 : numerator / denominator;
}

async function selects(env: WorkflowEnvironment): Promise<number> {
	const rows = await env.mariadb.query<Array<{ Value: string }>>("SHOW GLOBAL STATUS WHERE Variable_name = 'Com_select'");
	return Number(rows[0].Value);
}

async function measuredRun(env: WorkflowEnvironment): Promise<RunFigures> {
	const firstRequest = env.intercom.requests.length;
	const selectsBefore = await selects(env);
	const samples: Array<{ at: number; mb: number }> = [];
	let sampler: NodeJS.Timeout | undefined;
	const started = Date.now();
	const summary = await runBackfill(env.n8n, (pid) => {
		sampler = setInterval(() => samples.push({ at: Date.now(), mb: rssMb(pid) }), 250);
	}).finally(() => clearInterval(sampler));
	const seconds = (Date.now() - started) / 1_000;
	const requests = env.intercom.requests.slice(firstRequest);
	const span = (requests[requests.length - 1].at - requests[0].at) / 1_000;
	const pageStarts = requests.filter((request) => request.path === '/contacts/search').map((request) => request.at);
	const rssAt = (at: number) => samples.reduce((best, sample) => (Math.abs(sample.at - at) < Math.abs(best.at - at) ? sample : best)).mb;
	return {
		summary,
		seconds,
		requests: requests.length,
		rate: requests.length / span,
		writes: requests.filter((request) => request.method === 'PUT' && request.status < 300).length,
		selects: (await selects(env)) - selectsBefore,
		rssAtPages: pageStarts.map(rssAt),
	};
}

function seedContacts(env: WorkflowEnvironment): void {
	for (let index = 0; index < CONTACTS; index++) {
		const email = `member.${index}@example.org`;
		if (index < WITH_NUMBER) {
			env.intercom.seed.user({ email, custom_attributes: { member_number: syntheticMemberNumber(index), region: 'OLD' } });
		} else {
			env.intercom.seed[index % 3 === 0 ? 'lead' : 'user']({ email });
		}
	}
}

export async function main(): Promise<void> {
	console.log(`Setting up: n8n 2.41, ${CONTACTS.toLocaleString('en')} contacts in the Intercom fake, as many members in MariaDB …`);
	const env = await startWorkflowEnvironment({
		intercom: { customAttributes: ['member_number', 'member_type', 'region', 'facility', 'positions'], rateLimit: LIMIT },
	});
	try {
		await Promise.all([loadSyntheticMembers(env.mariadb, CONTACTS), loadSyntheticPositions(env.supabase, CONTACTS)]);
		seedContacts(env);
		env.intercom.faults.delay({ ms: LATENCY_MS });

		const first = await measuredRun(env);
		const second = await measuredRun(env);
		const limitRate = LIMIT.limit / (LIMIT.windowMs / 1_000);
		const pages = first.rssAtPages;
		// V8 grows its heap over the first pages of a run; what matters is that memory stops following the
		// contacts: the second half of the pages, with the least-squares slope per 1,000 contacts.
		const secondHalf = pages.slice(Math.floor(pages.length / 2));
		const growth = secondHalf[secondHalf.length - 1] - secondHalf[0];
		const slope = leastSquaresSlope(secondHalf) * (1_000 / PAGE);
		const lookupSteps = 2 * first.summary.pages; // at most one lookup by number and one by email per page
		const written = first.summary.enriched + first.summary.updated;

		console.log(`\n${CONTACTS.toLocaleString('en')} contacts, ${LATENCY_MS} ms latency, limit ${LIMIT.limit} requests per ${LIMIT.windowMs / 1_000} s (${limitRate}/s), pages of ${PAGE}`);
		for (const [label, run] of [['first run', first], ['second run', second]] as const) {
			console.log(
				`${label.padEnd(11)} ${run.seconds.toFixed(1).padStart(7)} s  ${run.requests} requests  ${run.rate.toFixed(1)}/s = ${(run.rate / limitRate).toFixed(2)} of the limit` +
					`  writes ${run.writes}  SELECTs ${run.selects}  ${(run.seconds / (CONTACTS / 1_000)).toFixed(1)} s per 1,000 contacts`,
			);
			console.log(`            summary ${JSON.stringify({ ...run.summary, noLongerMembers: run.summary.noLongerMembers.count, failed: run.summary.failed.count })}`);
		}
		console.log(`memory of the executing n8n process at each page (MB): ${pages.map((mb) => mb.toFixed(0)).join(' ')}`);
		const goals: Array<[string, boolean]> = [
			[`sustained rate ≥ 0.95 of the limit (${(first.rate / limitRate).toFixed(2)})`, first.rate / limitRate >= 0.95],
			[`0 lost: every contact seen, none failed, ${written} written (${first.summary.contactsSeen} seen, ${first.summary.failed.count} failed, ${first.writes} writes)`,
				first.summary.contactsSeen === CONTACTS && first.summary.failed.count === 0 && first.writes === written],
			[`≤ 1 MySQL round trip per lookup step of ${PAGE} (${first.selects} for ${lookupSteps} steps)`, first.selects <= lookupSteps],
			[
				`memory flat between pages (second half: ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB from page ${pages.length - secondHalf.length + 1} to ${pages.length}, ${slope.toFixed(1)} MB per 1,000 contacts; peak ${Math.max(...pages).toFixed(0)} MB)`,
				Math.abs(growth) < 50 && slope < 10,
			],
			[`second run writes nothing (${second.writes})`, second.writes === 0],
		];
		for (const [goal, met] of goals) console.log(`${met ? 'met   ' : 'MISSED'} ${goal}`);
	} finally {
		await env.stop();
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
