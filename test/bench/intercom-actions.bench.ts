/**
 * Intercom action nodes against the loopback fake:
 *  1. Pacing: data events under a scaled-down rate limit (1 s windows). Achieved throughput as a
 *     fraction of the limit, counted per full window from the fake's log. Goal ≥ 0.95, 0 items lost.
 *  2. Concurrency: 1,000 upserts of new contacts at 20 ms API latency and no limit, against the same
 *     upserts one after another (a sample, extrapolated). Goal ≤ 2 s.
 * Run: `npm run bench intercom` (or `npx tsx test/bench/intercom-actions.bench.ts`).
 */
import { availableParallelism, loadavg } from 'node:os';

import type { INodeType } from 'n8n-workflow';

import { IntercomContact } from '../../nodes/IntercomContact/IntercomContact.node.js'; // .js: tsx would pick the codex .json
import { IntercomDataEvent } from '../../nodes/IntercomDataEvent/IntercomDataEvent.node.js';
import { startIntercomFake } from '../support/intercom-fake';
import type { IntercomFake } from '../support/intercom-fake';
import { startIntercomFakeThread } from '../support/intercomFakeThread';
import type { Parameters } from '../support/intercomNodeParameters';
import { executeNode, plainExecuteContext } from '../support/intercomNodeParameters';

const WINDOW_MS = 1_000;
const LIMIT_PER_WINDOW = 100;
const PACED_WINDOWS = 25;
const UPSERTS = 1_000;
const SEQUENTIAL_SAMPLE = 250;
const LATENCY_MS = 20;
const UPSERT_CONCURRENCY = 50;

const format = (value: number, digits = 2) => value.toFixed(digits);

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
	const started = performance.now();
	const result = await work();
	return { result, ms: performance.now() - started };
}

/** Starts at the next window boundary so the first window is a whole one. */
async function untilNextWindow() {
	await new Promise((resolve) => setTimeout(resolve, WINDOW_MS - (Date.now() % WINDOW_MS) + 5));
}

async function run(node: INodeType, fake: IntercomFake, items: number, parameters: (itemIndex: number) => Parameters) {
	const context = plainExecuteContext(fake, { parameters, items, continueOnFail: true });
	const { items: output, errors } = await executeNode(node, context);
	const lost = items - output.length;
	if (fake.invalidRequests.length > 0) throw new Error(`The fake saw ${fake.invalidRequests.length} invalid requests`);
	return { output, errors: errors.length, lost };
}

async function pacedThroughput() {
	const fake = await startIntercomFake({ rateLimit: { limit: LIMIT_PER_WINDOW, windowMs: WINDOW_MS }, latencyMs: LATENCY_MS });
	try {
		fake.seed.user({ email: 'member@example.org' });
		const events = LIMIT_PER_WINDOW * PACED_WINDOWS;
		await untilNextWindow();
		const { result, ms } = await timed(
			async () =>
				await run(new IntercomDataEvent(), fake, events, () => ({
					operation: 'send',
					eventName: 'bench-event',
					contactBy: 'email',
					contactValue: 'member@example.org',
					options: { concurrency: 10 },
				})),
		);
		const accepted = fake.requests.filter((request) => request.status === 202);
		const refused = fake.requests.filter((request) => request.status === 429).length;
		// Served per window, leaving out the first and the last (partial) one.
		const perWindow = new Map<number, number>();
		for (const request of accepted) {
			const window = Math.floor(request.at / WINDOW_MS);
			perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
		}
		const windows = [...perWindow.keys()].sort((a, b) => a - b);
		const full = windows.slice(1, -1).map((window) => perWindow.get(window) ?? 0);
		const utilisation = full.reduce((sum, count) => sum + count, 0) / (full.length * LIMIT_PER_WINDOW);
		const overall = accepted.length / ((ms / WINDOW_MS) * LIMIT_PER_WINDOW);
		console.log(`Pacing: ${events} data events, limit ${LIMIT_PER_WINDOW} per ${WINDOW_MS} ms window, ${LATENCY_MS} ms latency, concurrency 10`);
		console.log(`  throughput / limit, full windows: ${format(utilisation)} (goal ≥ 0.95) over ${full.length} windows`);
		console.log(`  throughput / limit, whole run:    ${format(overall)} (${format(ms / 1000, 1)} s)`);
		console.log(`  items lost: ${result.lost}, error items: ${result.errors}, 429 answers: ${refused}`);
	} finally {
		await fake.close();
	}
}

async function upsertConcurrency() {
	// The fake runs on its own thread here, as Intercom would be elsewhere: only the node is measured.
	const fake = await startIntercomFakeThread({ rateLimit: false, latencyMs: LATENCY_MS });
	try {
		const upsert = (prefix: string, concurrency: number) => (itemIndex: number) => ({
			operation: 'upsert',
			role: 'user',
			email: `${prefix}${itemIndex}@example.org`,
			customAttributes: { attribute: [{ name: 'member_number', value: String(itemIndex) }] },
			options: { concurrency },
		});
		const upserts = async (prefix: string, items: number, concurrency: number) => {
			const context = plainExecuteContext(fake, { parameters: upsert(prefix, concurrency), items, continueOnFail: true });
			const { items: output, errors } = await executeNode(new IntercomContact(), context);
			return { lost: items - output.length, errors: errors.length };
		};
		await upserts('warm-up', 100, UPSERT_CONCURRENCY); // n8n is a long-running process: measure it warmed up
		const loopBefore = performance.eventLoopUtilization();
		const concurrent = await timed(async () => await upserts('c', UPSERTS, UPSERT_CONCURRENCY));
		const busy = performance.eventLoopUtilization(loopBefore).utilization;
		const sequential = await timed(async () => await upserts('s', SEQUENTIAL_SAMPLE, 1));
		const sequentialFull = (sequential.ms / SEQUENTIAL_SAMPLE) * UPSERTS;
		const stats = await fake.stats();
		if (stats.invalidRequests > 0) throw new Error(`The fake saw ${stats.invalidRequests} invalid requests`);
		console.log(`Upserts: ${UPSERTS} new contacts, ${LATENCY_MS} ms latency, no rate limit (fake on its own thread)`);
		console.log(
			`  concurrency ${UPSERT_CONCURRENCY}: ${format(concurrent.ms / 1000)} s (goal ≤ 2 s), lost ${concurrent.result.lost}, errors ${concurrent.result.errors}`,
		);
		console.log(
			`  (node's thread busy ${format(busy * 100, 0)} % of that time; machine load average ${format(loadavg()[0], 1)} on ${availableParallelism()} cores)`,
		);
		console.log(
			`  one after another: ${format(sequentialFull / 1000, 1)} s (measured ${SEQUENTIAL_SAMPLE} in ${format(sequential.ms / 1000)} s, extrapolated)`,
		);
		console.log(
			`  concurrent / one after another: ${format(concurrent.ms / sequentialFull, 3)} (speed-up ×${format(sequentialFull / concurrent.ms, 1)})`,
		);
		console.log(`  contacts stored: ${stats.contacts} for ${100 + UPSERTS + SEQUENTIAL_SAMPLE} upserts of distinct emails`);
	} finally {
		await fake.close();
	}
}

export async function main(): Promise<void> {
	await pacedThroughput();
	await upsertConcurrency();
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
