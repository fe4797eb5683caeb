/**
 * The customer data events workflow on a real n8n 2.41 (lazy isolates, as `npm start` runs it): 10,000 Segment
 * events in batches of 500, every third a track event by a member Intercom already has, the others identify calls
 * for new people, against the Intercom stand-in with 20 ms of latency and Intercom's rate limit set to 1,000
 * requests per 10 s. Batches go out as a platform with a backlog sends them: the next one as soon as no more than
 * one is still running. Prints the request rate against the limit, Intercom writes per event against the expected,
 * lost and doubled writes, n8n's memory batch after batch, and what sending every batch again writes (nothing).
 * Run: `npm run bench cdp-events` (about 6 minutes). Smaller: CDP_BENCH_EVENTS=2000 npm run bench cdp-events.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { WORKFLOW_IDS } from '../../scripts/n8n/sync-workflows';
import { identify, sendBatch, track, type SegmentEvent } from '../e2e/workflows/customerDataEvents';
import { startWorkflowEnvironment, type WorkflowEnvironment } from '../e2e/workflows/environment';

const EVENTS = Number(process.env.CDP_BENCH_EVENTS ?? 10_000);
const BATCH = Number(process.env.CDP_BENCH_BATCH ?? 500);
const LIMIT = { limit: 1_000, windowMs: 10_000 };
const LATENCY_MS = 20;
const WORKFLOW = WORKFLOW_IDS.customerDataEvents;

/** VmRSS of one process, in MB; 0 once it has ended. */
function rssMb(pid: number): number {
	try {
		const kb = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return Number(kb ?? 0) / 1024;
	} catch {
		return 0;
	}
}

/** The n8n process itself: the deployment's pid is the guard that started it (scripts/n8n/guard.ts). */
function n8nPid(guardPid: number): number {
	const children = readFileSync(`/proc/${guardPid}/task/${guardPid}/children`, 'utf8').trim().split(/\s+/).map(Number);
	const n8n = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('n8n/bin/n8n'));
	if (!n8n) throw new Error(`No n8n process under ${guardPid}`);
	return n8n;
}

interface Workload {
	batches: SegmentEvent[][];
	newPeople: string[];
	members: string[];
}

/** Every third event a track event by a member the stand-in already holds; the others identify new people. */
function workload(env: WorkflowEnvironment): Workload {
	const run = randomUUID().slice(0, 6);
	const newPeople: string[] = [];
	const members: string[] = [];
	const events = Array.from({ length: EVENTS }, (_, index) => {
		if (index % 3 === 2) {
			const userId = `member-${run}-${index}`;
			env.intercom.seed.user({ external_id: userId, email: `${userId}@example.org`, name: `Person ${userId}` });
			members.push(userId);
			return track(userId, 'Opened App', { screen: 'home', build: 545 });
		}
		const userId = `person-${run}-${index}`;
		newPeople.push(userId);
		return identify(userId, { plan: index % 2 === 0 ? 'basic' : 'premium' });
	});
	const batches = Array.from({ length: Math.ceil(EVENTS / BATCH) }, (_, index) => events.slice(index * BATCH, (index + 1) * BATCH));
	return { batches, newPeople, members };
}

async function finishedExecutions(env: WorkflowEnvironment): Promise<Array<{ status: string }>> {
	const executions = await env.n8n.listExecutions(WORKFLOW);
	return executions.filter((execution) => ['success', 'error', 'crashed', 'canceled'].includes(execution.status));
}

/** Sends the batches, the next one as soon as at most one sent earlier is still running; samples memory meanwhile. */
async function sendAll(env: WorkflowEnvironment, batches: SegmentEvent[][], mainPid: number) {
	const before = (await finishedExecutions(env)).length;
	const memory: number[] = [];
	let peak = 0;
	const sampler = setInterval(() => (peak = Math.max(peak, rssMb(mainPid))), 500);
	const answers: Array<{ new?: number; repeated?: number }> = [];
	let started = 0;
	for (const batch of batches) {
		while (started - ((await finishedExecutions(env)).length - before) > 1) await sleep(250);
		const response = await sendBatch(env, batch);
		if (response.status !== 200) throw new Error(`A batch was answered ${response.status}: ${response.text()}`);
		const answer = response.json<{ new?: number; repeated?: number; message?: string }>();
		answers.push(answer);
		if (answer.message === undefined) started += 1;
		memory.push(rssMb(mainPid));
	}
	const deadline = Date.now() + 30 * 60_000;
	while ((await finishedExecutions(env)).length - before < started) {
		if (Date.now() > deadline) throw new Error('The executions did not finish within 30 minutes');
		await sleep(500);
	}
	clearInterval(sampler);
	memory.push(rssMb(mainPid));
	const failed = (await finishedExecutions(env)).slice(before).filter((execution) => execution.status !== 'success').length;
	return { answers, started, failed, memory, peak: Math.max(peak, ...memory) };
}

/** Accepted writes at Intercom (contacts created or updated, data events) among `requests`. */
function writesAmong(requests: WorkflowEnvironment['intercom']['requests']): number {
	return requests.filter(
		(request) =>
			request.status < 300 &&
			((request.method === 'POST' && (request.path === '/contacts' || request.path === '/events')) || (request.method === 'PUT' && request.path.startsWith('/contacts/'))),
	).length;
}

export async function main(): Promise<void> {
	console.log(`Setting up: n8n 2.41 with lazy isolates, ${EVENTS.toLocaleString('en')} events in batches of ${BATCH} …`);
	const env = await startWorkflowEnvironment({ n8nEnv: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' }, intercom: { rateLimit: LIMIT } });
	try {
		const { batches, newPeople, members } = workload(env);
		env.intercom.faults.delay({ ms: LATENCY_MS });
		const mainPid = n8nPid(env.n8n.deployment.memberPids()[0].pid);

		const firstRequest = env.intercom.requests.length;
		const started = Date.now();
		const first = await sendAll(env, batches, mainPid);
		const seconds = (Date.now() - started) / 1_000;
		const requests = env.intercom.requests.slice(firstRequest);
		const span = (requests[requests.length - 1].at - requests[0].at) / 1_000;
		const limitRate = LIMIT.limit / (LIMIT.windowMs / 1_000);
		const rate = requests.length / span;
		const writes = writesAmong(requests);
		const expected = newPeople.length + members.length;
		const contactsByUser = new Map<string, number>();
		for (const contact of env.intercom.store.contacts.values()) {
			if (contact.external_id && !contact.merged_into) contactsByUser.set(contact.external_id, (contactsByUser.get(contact.external_id) ?? 0) + 1);
		}
		const eventsByContact = new Map<string, number>();
		for (const event of env.intercom.store.events) eventsByContact.set(event.contact_id, (eventsByContact.get(event.contact_id) ?? 0) + 1);
		const memberContact = (userId: string) => env.intercom.store.contactWithExternalId(userId)?.id ?? '';
		const lostPeople = newPeople.filter((userId) => !contactsByUser.get(userId)).length;
		const lostEvents = members.filter((userId) => !eventsByContact.get(memberContact(userId))).length;
		const doubled = [...contactsByUser.values()].filter((count) => count > 1).length + [...eventsByContact.values()].filter((count) => count > 1).length;
		const tooMany = requests.filter((request) => request.status === 429).length;

		const againFrom = env.intercom.requests.length;
		const again = await sendAll(env, batches, mainPid);
		const againWrites = writesAmong(env.intercom.requests.slice(againFrom));
		const againNew = again.answers.reduce((sum, answer) => sum + (answer.new ?? 0), 0);

		const memory = first.memory;
		const warm = memory.slice(Math.floor(memory.length / 2));
		const growth = warm[warm.length - 1] - warm[0];
		console.log(`\n${EVENTS.toLocaleString('en')} events (${members.length} track, ${newPeople.length} identify) in ${batches.length} batches of ${BATCH}, ${LATENCY_MS} ms latency, limit ${LIMIT.limit} requests per ${LIMIT.windowMs / 1_000} s (${limitRate}/s)`);
		console.log(`first pass   ${seconds.toFixed(1)} s, ${(seconds / (EVENTS / 1_000)).toFixed(1)} s per 1,000 events; ${first.started} executions, ${first.failed} failed`);
		console.log(`             ${requests.length} requests in ${span.toFixed(1)} s = ${rate.toFixed(1)}/s = ${(rate / limitRate).toFixed(2)} of the limit; ${tooMany} answered 429`);
		console.log(`             writes ${writes} for ${expected} expected (${(writes / EVENTS).toFixed(2)} per event, expected ${(expected / EVENTS).toFixed(2)}); lost ${lostPeople + lostEvents}; doubled ${doubled}`);
		console.log(`memory of the n8n process (MB) as each batch was sent, then at the end: ${memory.map((mb) => mb.toFixed(0)).join(' ')}; peak ${first.peak.toFixed(0)}`);
		console.log(`second pass  every batch again: ${again.started} executions, ${againNew} new events, ${againWrites} writes, ${env.intercom.requests.length - againFrom} requests`);
		const goals: Array<[string, boolean]> = [
			[`rate ≥ 0.95 of the limit (${(rate / limitRate).toFixed(2)})`, rate / limitRate >= 0.95],
			[`writes exactly as expected (${writes} of ${expected})`, writes === expected],
			[`0 lost, 0 doubled, 0 failed executions (${lostPeople + lostEvents}, ${doubled}, ${first.failed})`, lostPeople + lostEvents === 0 && doubled === 0 && first.failed === 0],
			[`memory flat after warm-up (second half ${growth >= 0 ? '+' : ''}${growth.toFixed(0)} MB; peak ${first.peak.toFixed(0)} MB)`, Math.abs(growth) < 100],
			[`the same batches again write nothing (${againWrites} writes, ${again.started} executions)`, againWrites === 0 && again.started === 0],
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
