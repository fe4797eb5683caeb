/**
 * How fast n8n acknowledges Intercom webhooks through the Intercom Trigger, next to n8n's own Webhook node:
 * both start a one-node workflow (No-Op), receive the same signed 5 KB body, answer an empty 200, and are
 * loaded alternately in the same run with autocannon at 1 and 10 connections.
 */
import { randomUUID } from 'node:crypto';

import type { N8nInstance } from '../../support/n8n';
import type { WorkflowJson } from '../../../scripts/n8n/workflows';
import { CREDENTIAL_NAMES } from '../../../scripts/n8n/sync-workflows';
import { uniqueSignedNotifications } from './payload';
import { ms, percentile, ratio, table } from './stats';

// autocannon ships no types; this is the part of its result we read.
export interface CannonResult {
	requests: { average: number; total: number };
	latency: { p50: number; p99: number };
	/** Seconds the load ran. */
	duration: number;
	non2xx: number;
	errors: number;
	timeouts: number;
}
type ResponseListener = (client: unknown, statusCode: number, bytes: number, milliseconds: number) => void;
type Cannon = (options: Record<string, unknown>) => Promise<CannonResult> & { on(event: 'response', listener: ResponseListener): void };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Cannon;

function noOpAfter(trigger: WorkflowJson['nodes'][number], name: string): WorkflowJson {
	return {
		name,
		nodes: [trigger, { id: randomUUID(), name: 'Do nothing', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} }],
		connections: { [trigger.name]: { main: [[{ node: 'Do nothing', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

export const triggerWorkflow = (): WorkflowJson =>
	noOpAfter(
		{
			id: randomUUID(),
			name: 'Intercom Trigger',
			type: 'n8n-nodes-intercom-sync.intercomTrigger',
			typeVersion: 1.1,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { listenTo: 'selected', topics: ['conversation.user.created'], options: {} },
			credentials: { intercomSyncApi: { id: null, name: CREDENTIAL_NAMES.intercom } },
		},
		'bench: Intercom Trigger + No-Op',
	);

/**
 * n8n's Webhook node answering like the trigger: at once, empty body. With a Header Auth credential's name it
 * checks that header, reading the credential on every request as a signing trigger must.
 */
export const referenceWorkflow = (headerAuthCredential?: string): WorkflowJson =>
	noOpAfter(
		{
			id: randomUUID(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2.1,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: {
				httpMethod: 'POST',
				path: `bench-reference-${randomUUID()}`,
				...(headerAuthCredential ? { authentication: 'headerAuth' } : {}),
				responseMode: 'onReceived',
				options: { noResponseBody: true },
			},
			...(headerAuthCredential ? { credentials: { httpHeaderAuth: { id: null, name: headerAuthCredential } } } : {}),
		},
		headerAuthCredential ? 'bench: Webhook with Header Auth + No-Op' : 'bench: Webhook + No-Op (reference)',
	);

export interface Target {
	label: string;
	url: string;
	/** Headers this target needs besides the signed body's, e.g. a Header Auth key. */
	headers?: Record<string, string>;
}

/** Every request of a load run gets a body (and signature) of its own, as distinct events would. */
export type SignedBodies = () => { body: Buffer; signature: string };

/** autocannon's result, plus every response's latency (ms), so that rounds can be pooled before taking percentiles. */
export interface FiredLoad extends CannonResult {
	latencies: number[];
}

export async function fire(target: Target, bodies: SignedBodies, connections: number, seconds: number): Promise<FiredLoad> {
	const latencies: number[] = [];
	const load = autocannon({
		url: target.url,
		connections,
		duration: seconds,
		requests: [
			{
				method: 'POST',
				setupRequest: (request: Record<string, unknown>) => {
					const { body, signature } = bodies();
					return { ...request, body, headers: { 'content-type': 'application/json', 'x-hub-signature': signature, ...target.headers } };
				},
			},
		],
	});
	load.on('response', (_client, _status, _bytes, milliseconds) => latencies.push(milliseconds));
	const result = await load;
	const failed = result.non2xx + result.errors + result.timeouts;
	if (failed > 0) throw new Error(`${target.label}: ${failed} of the requests failed at ${connections} connection(s)`);
	return { ...result, latencies };
}

export interface LoadFigures {
	rps: number;
	p50: number;
	p99: number;
}

/**
 * Loads each target `rounds` times for `seconds`, in a different order each round so drift (caches, the
 * SQLite file growing) does not favour one of them. Every response of every round is pooled before taking
 * percentiles: a round's own p99 rests on a handful of requests, so one stall would move it, and its mean over
 * rounds with it. Returns responses per second and percentiles, in the targets' order.
 */
export async function loadInTurns(
	targets: Target[],
	bodies: SignedBodies,
	connections: number,
	rounds: number,
	seconds: number,
): Promise<LoadFigures[]> {
	const pooled = targets.map(() => ({ seconds: 0, latencies: [] as number[] }));
	for (let round = 0; round < rounds; round++) {
		const order = targets.map((_, index) => (index + round) % targets.length);
		for (const index of order) {
			const { duration, latencies } = await fire(targets[index], bodies, connections, seconds);
			pooled[index].seconds += duration;
			for (const latency of latencies) pooled[index].latencies.push(latency);
		}
	}
	return pooled.map(({ seconds: loaded, latencies }) => ({
		rps: latencies.length / loaded,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
	}));
}

export interface AckFigures {
	connections: number;
	throughputRatio: number;
	p99Ratio: number;
}

export async function measureAcknowledgement(
	n8n: N8nInstance,
	secret: string,
	options: { rounds?: number; seconds?: number } = {},
): Promise<AckFigures[]> {
	const { rounds = 4, seconds = 6 } = options;
	const trigger = await n8n.importWorkflow(triggerWorkflow());
	const reference = await n8n.importWorkflow(referenceWorkflow());
	const targets: Target[] = [
		{ label: 'Webhook + No-Op', url: reference.webhooks.find((hook) => hook.method === 'POST')!.url },
		{ label: 'Intercom Trigger', url: trigger.webhooks.find((hook) => hook.method === 'POST')!.url },
	];
	// The contact never exists: the No-Op workflows do not look at the body.
	const bodies = uniqueSignedNotifications(secret, '6000000000000000000000fff', '95000');
	const { body } = bodies();

	for (const target of targets) await fire(target, bodies, 1, 3); // warm-up
	const figures: AckFigures[] = [];
	const rows = [['connections', 'workflow', 'req/s', 'p50', 'p99', 'req/s ratio', 'p99 ratio']];
	for (const connections of [1, 10]) {
		const sums = await loadInTurns(targets, bodies, connections, rounds, seconds);
		const [ref, ours] = sums;
		figures.push({ connections, throughputRatio: ours.rps / ref.rps, p99Ratio: ours.p99 / ref.p99 });
		rows.push([String(connections), targets[0].label, ref.rps.toFixed(1), ms(ref.p50), ms(ref.p99), '1.00×', '1.00×']);
		rows.push(['', targets[1].label, ours.rps.toFixed(1), ms(ours.p50), ms(ours.p99), ratio(ours.rps, ref.rps), ratio(ours.p99, ref.p99)]);
	}
	console.log(`\nAcknowledgement on real n8n (${body.length}-byte signed body, ${rounds}×${seconds} s per point; goal: req/s ≥ 0.95×, p99 ≤ 1.10×):`);
	table(rows);
	return figures;
}
