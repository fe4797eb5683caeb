/**
 * How many expression isolates n8n hands out per acknowledged request, per workflow: the growth of n8n's own
 * counter `n8n_expression_pool_acquired_total` (on its /metrics page, N8N_METRICS=true) over a load, divided
 * by the responses. It counts the webhook phase's isolate, a credential read's, and the execution's, so it
 * shows which of them a trigger pays that another does not. Regular mode only: one process holds the counter.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { sendHttp } from '../../../scripts/n8n/http';
import { fire, type SignedBodies, type Target } from './ack';

const COUNTER = 'n8n_expression_pool_acquired_total';
// Executions start after their acknowledgement; they take their isolate within this time.
const SETTLE_MS = 1500;

export const METRICS_ENV = { N8N_METRICS: 'true' };

/** n8n's count of isolates handed out since it started. */
export async function isolatesHandedOut(baseUrl: string): Promise<number> {
	const response = await sendHttp(`${baseUrl}/metrics`);
	if (response.status !== 200) throw new Error(`n8n's /metrics answered ${response.status}: is N8N_METRICS=true?`);
	const line = response.text().split('\n').find((candidate) => candidate.startsWith(`${COUNTER} `));
	if (!line) throw new Error(`n8n's /metrics has no ${COUNTER}: is the expression engine vm?`);
	return Number(line.slice(COUNTER.length + 1));
}

export async function isolatesPerRequest(
	baseUrl: string,
	targets: Target[],
	bodies: SignedBodies,
	connections: number,
	seconds: number,
): Promise<number[]> {
	const perRequest: number[] = [];
	for (const target of targets) {
		await sleep(SETTLE_MS);
		const before = await isolatesHandedOut(baseUrl);
		const { latencies } = await fire(target, bodies, connections, seconds);
		await sleep(SETTLE_MS);
		perRequest.push(((await isolatesHandedOut(baseUrl)) - before) / latencies.length);
	}
	return perRequest;
}
