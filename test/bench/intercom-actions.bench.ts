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
const SEQUENTIAL_SAMPLE = 100;
const UPSERT_ROUNDS = 3;
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

/** CPU time of this thread alone (not the fake's), in ms: unlike wall time, barely moved by other load. */
function threadCpuMs(): number {
	const usage = process.threadCpuUsage();
	return (usage.user + usage.system) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function upsertConcurrency() {
	// The fake runs on its own thread here, as Intercom would be elsewhere: only the node is measured.
	const fake = await startIntercomFakeThread({ rateLimit: false, latencyMs: LATENCY_MS });
	try {
		const upserts = async (prefix: string, items: number, concurrency: number) => {
			const parameters = (itemIndex: number) => ({
				operation: 'upsert',
				role: 'user',
				email: `${prefix}-${itemIndex}@example.org`,
				customAttributes: { attribute: [{ name: 'member_number', value: String(itemIndex) }] },
				options: { concurrency },
			});
			const context = plainExecuteContext(fake, { parameters, items, continueOnFail: true });
			const cpuBefore = threadCpuMs();
			const { result, ms } = await timed(async () => await executeNode(new IntercomContact(), context));
			return { ms, cpuMs: threadCpuMs() - cpuBefore, lost: items - result.items.length, errors: result.errors.length };
		};
		await upserts('warm-up', 200, UPSERT_CONCURRENCY); // n8n is a long-running process: measure it warmed up
		const concurrent: Array<Awaited<ReturnType<typeof upserts>>> = [];
		const sequential: Array<Awaited<ReturnType<typeof upserts>>> = [];
		// Interleaved, so a change in machine load hits both the same way.
		for (let round = 0; round < UPSERT_ROUNDS; round++) {
			concurrent.push(await upserts(`c${round}`, UPSERTS, UPSERT_CONCURRENCY));
			sequential.push(await upserts(`s${round}`, SEQUENTIAL_SAMPLE, 1));
		}
		const concurrentMs = median(concurrent.map((run) => run.ms));
		const sequentialMs = (median(sequential.map((run) => run.ms)) / SEQUENTIAL_SAMPLE) * UPSERTS;
		const stats = await fake.stats();
		if (stats.invalidRequests > 0) throw new Error(`The fake saw ${stats.invalidRequests} invalid requests`);
		const lost = concurrent.reduce((sum, run) => sum + run.lost, 0) + sequential.reduce((sum, run) => sum + run.lost, 0);
		const errors = concurrent.reduce((sum, run) => sum + run.errors, 0) + sequential.reduce((sum, run) => sum + run.errors, 0);
		const upsertsDone = 200 + UPSERT_ROUNDS * (UPSERTS + SEQUENTIAL_SAMPLE);
		console.log(`Upserts: ${UPSERTS} new contacts, ${LATENCY_MS} ms latency, no rate limit (fake on its own thread, connections kept alive)`);
		console.log(`  medians of ${UPSERT_ROUNDS} interleaved rounds; machine load average ${format(loadavg()[0], 1)} on ${availableParallelism()} cores`);
		console.log(
			`  concurrency ${UPSERT_CONCURRENCY}: ${format(concurrentMs / 1000)} s wall (goal ≤ 2 s); runs ${concurrent.map((run) => format(run.ms / 1000)).join(' / ')} s`,
		);
		console.log(`  node thread CPU for the ${UPSERTS}: ${format(median(concurrent.map((run) => run.cpuMs)) / 1000)} s`);
		console.log(`  one after another: ${format(sequentialMs / 1000, 1)} s (${SEQUENTIAL_SAMPLE} per round, extrapolated to ${UPSERTS})`);
		console.log(`  concurrent / one after another: ${format(concurrentMs / sequentialMs, 3)} (speed-up ×${format(sequentialMs / concurrentMs, 1)})`);
		console.log(`  lost ${lost}, error items ${errors}; contacts stored ${stats.contacts} for ${upsertsDone} upserts of distinct emails`);
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
