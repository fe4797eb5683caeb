/**
 * End-to-end latency of the shipped flows: from the webhook POST to the moment the Intercom fake receives the
 * write, for ≥ 200 events sent at a steady 5 per second, next to the reference workflow (Webhook + No-Op) whose
 * latency is POST to the end of its execution.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { RecordedRequest } from '../../support/intercom-fake';
import { loadSyntheticMembers } from '../../support/mariadb-members';
import type { N8nInstance } from '../../support/n8n';
import { syntheticEmail, syntheticMember, syntheticPositions } from '../../support/synthetic-members';
import { deliverIntercom, deliverTodoist, intercomNotification, todoistEvent } from '../../e2e/workflows/deliveries';
import type { WorkflowEnvironment } from '../../e2e/workflows/environment';
import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import { referenceWorkflow } from './ack';
import { printNodeTimes } from './nodeTimes';
import { ms, percentile, ratio, table } from './stats';

const RATE_PER_SECOND = 5;

/** Sends `count` requests on a fixed 200 ms beat without waiting for answers; returns each send time. */
async function sendSteadily(count: number, send: (index: number) => Promise<unknown>): Promise<number[]> {
	const sentAt: number[] = [];
	const pending: Array<Promise<unknown>> = [];
	const start = Date.now();
	for (let index = 0; index < count; index++) {
		const due = start + (index * 1000) / RATE_PER_SECOND;
		if (due > Date.now()) await sleep(due - Date.now());
		sentAt.push(Date.now());
		pending.push(send(index));
	}
	await Promise.all(pending);
	return sentAt;
}

export async function waitFor<T>(what: string, find: () => T | undefined, timeoutMs = 300_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = find();
		if (found !== undefined) return found;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await sleep(50);
	}
}

/** Arrival time of the first request matching, per key. */
export function firstArrivals(requests: RecordedRequest[], keyOf: (request: RecordedRequest) => string | undefined): Map<string, number> {
	const arrivals = new Map<string, number>();
	for (const request of requests) {
		const key = keyOf(request);
		if (key !== undefined && !arrivals.has(key)) arrivals.set(key, request.at);
	}
	return arrivals;
}

async function enrichmentLatencies(env: WorkflowEnvironment, events: number): Promise<number[]> {
	// Members whose status counts (the synthetic directory marks every 50th as Inactive).
	const indices = Array.from({ length: events * 2 }, (_, i) => i).filter((i) => syntheticMember(i).status !== 'Inactive').slice(0, events);
	const contacts = indices.map((i) => env.intercom.seed.user({ email: syntheticEmail(i) }));
	const sentAt = await sendSteadily(events, (n) =>
		deliverIntercom(
			env.n8n,
			env.urls.intercom,
			intercomNotification({ topic: 'conversation.user.created', conversationId: `8${n}`, author: { id: contacts[n].id, type: 'user' } }),
			env.secrets.intercomClientSecret,
		),
	);
	const paths = new Set(contacts.map((contact) => `/contacts/${contact.id}`));
	const writes = await waitFor('every enrichment write', () => {
		const arrivals = firstArrivals(env.intercom.requests, (r) => (r.method === 'PUT' && paths.has(r.path) ? r.path : undefined));
		return arrivals.size === events ? arrivals : undefined;
	});
	return contacts.map((contact, n) => writes.get(`/contacts/${contact.id}`)! - sentAt[n]);
}

async function escalationLatencies(env: WorkflowEnvironment, events: number): Promise<number[]> {
	const taskIds = Array.from({ length: events }, () => randomUUID().slice(0, 16));
	const sentAt = await sendSteadily(events, (n) =>
		deliverTodoist(
			env.n8n,
			env.urls.todoist,
			todoistEvent('item:added', { id: taskIds[n], content: `Bench bug ${n}`, labels: ['bug'], description: `Reported by member.${n}@example.org` }),
			env.secrets.todoistClientSecret,
		),
	);
	const wanted = new Set(taskIds);
	const creates = await waitFor('every ticket', () => {
		const arrivals = firstArrivals(env.intercom.requests, (r) => {
			const id = (r.body as { ticket_attributes?: { todoist_task_id?: string } } | undefined)?.ticket_attributes?.todoist_task_id;
			return r.method === 'POST' && r.path === '/tickets' && id && wanted.has(id) ? id : undefined;
		});
		return arrivals.size === events ? arrivals : undefined;
	});
	return taskIds.map((id, n) => creates.get(id)! - sentAt[n]);
}

async function referenceLatencies(n8n: N8nInstance, events: number): Promise<number[]> {
	const reference = await n8n.importWorkflow(referenceWorkflow());
	const url = reference.webhooks.find((hook) => hook.method === 'POST')!.url;
	const body = JSON.stringify(intercomNotification({ topic: 'conversation.user.created', conversationId: '1', author: { id: 'x', type: 'user' } }));
	const sentAt = await sendSteadily(events, () => n8n.postWebhook(url, body, { 'content-type': 'application/json' }));
	const executions = await n8n.waitForExecutions(reference.id, events, 120_000);
	return executions.map((execution, n) => Date.parse(execution.stoppedAt!) - sentAt[n]);
}

export interface EndToEndFigures {
	flow: string;
	p50: number;
	p95: number;
	p95Ratio: number;
}

/** Twice `count` synthetic members in the directory, with their positions in Supabase. */
export async function loadMembersWithPositions(env: WorkflowEnvironment, count: number): Promise<void> {
	await loadSyntheticMembers(env.mariadb, count * 2);
	for (let i = 0; i < count * 2; i++) {
		for (const position of syntheticPositions(i)) {
			await env.supabase.query('INSERT INTO member_positions (membernumber, position, active) VALUES ($1, $2, $3)', [
				position.membernumber,
				position.position,
				position.active,
			]);
		}
	}
}

export async function measureEndToEnd(env: WorkflowEnvironment, events = 200): Promise<EndToEndFigures[]> {
	await loadMembersWithPositions(env, events);
	const reference = await referenceLatencies(env.n8n, events);
	const flows: Array<[string, number[]]> = [
		['Contact enrichment (POST → PUT /contacts)', await enrichmentLatencies(env, events)],
		['Bug escalation (POST → POST /tickets)', await escalationLatencies(env, events)],
	];
	env.intercom.expectNoInvalidRequests();

	const refP50 = percentile(reference, 50);
	const refP95 = percentile(reference, 95);
	const rows = [['flow', 'p50', 'p95', 'p50 ratio', 'p95 ratio']];
	rows.push(['Reference: Webhook + No-Op (POST → execution end)', ms(refP50), ms(refP95), '1.00×', '1.00×']);
	const figures: EndToEndFigures[] = [];
	for (const [flow, latencies] of flows) {
		const p50 = percentile(latencies, 50);
		const p95 = percentile(latencies, 95);
		figures.push({ flow, p50, p95, p95Ratio: p95 / refP95 });
		rows.push([flow, ms(p50), ms(p95), ratio(p50, refP50), ratio(p95, refP95)]);
	}
	console.log(`\nEnd to end, ${events} events per flow at ${RATE_PER_SECOND}/s (goal: p95 ≤ 250 ms and ≤ 3× the reference):`);
	table(rows);
	await printNodeTimes(env.n8n, WORKFLOW_IDS.memberSync, 'Contact enrichment');
	await printNodeTimes(env.n8n, WORKFLOW_IDS.bugEscalation, 'Bug escalation');
	return figures;
}
