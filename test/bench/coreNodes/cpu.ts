/**
 * CPU (and isolates) per execution: one flow alone gets events at the stream's rate while the CPU time of
 * every process of the deployment (n8n's processes with their task runners, and Postgres and Redis on queue mode) is read
 * before and after. It includes what the deployment does meanwhile on its own (timers, saving executions):
 * subtracting an idle sample taken just before proved noisier than that share. On one n8n it also counts the
 * expression isolates n8n hands out per event (webhook phase, credential reads, the execution).
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { RecordedRequest } from '../../support/intercom-fake';
import type { N8nInstance } from '../../support/n8n';
import { processGroupCpuMs } from '../../../scripts/n8n/process-memory';
import { isolatesHandedOut } from '../workflows/isolatesPerRequest';
import { EVENTS_PER_SECOND, waitForWrites, type Flow, type PairedEvent } from './sideBySide';

const QUIET_BEFORE_MS = 2000;
// Executions save their results after the Intercom write; give that time before the second reading.
const SETTLE_MS = 1000;

function deploymentCpuMs(n8n: N8nInstance): number {
	return n8n.deployment.memberPids().reduce((sum, { pid }) => sum + (pid > 0 ? processGroupCpuMs(pid) : 0), 0);
}

export interface ExecutionCost {
	cpuMs: number;
	/** Expression isolates n8n handed out per event; only where one process receives and runs them all. */
	isolates?: number;
}

export async function costPerExecution(
	n8n: N8nInstance,
	flow: Flow,
	events: PairedEvent[],
	requests: () => RecordedRequest[],
	writeKeyOf: (request: RecordedRequest) => string | undefined,
	countIsolates: boolean,
): Promise<ExecutionCost> {
	await sleep(QUIET_BEFORE_MS); // let the previous run's executions finish saving
	const isolatesBefore = countIsolates ? await isolatesHandedOut(n8n.baseUrl) : 0;
	const before = deploymentCpuMs(n8n);
	const startedAt = Date.now();
	const answers: Array<Promise<{ status: number }>> = [];
	for (const [index, event] of events.entries()) {
		const due = startedAt + (index * 1000) / EVENTS_PER_SECOND;
		if (due > Date.now()) await sleep(due - Date.now());
		answers.push(event.send[flow]());
	}
	const refused = (await Promise.all(answers)).filter((answer) => answer.status !== 200).length;
	const keys = new Set(events.map((event) => event.writeKey[flow]));
	const written = await waitForWrites(keys, requests, (request) => {
		const key = writeKeyOf(request);
		return key !== undefined && keys.has(key) ? key : undefined;
	});
	// Such a run also waited for writes that never came: its figure is not one execution's cost.
	if (refused > 0 || written.size < keys.size) {
		console.log(`CPU run of ${flow}: ${refused} requests refused, ${keys.size - written.size} writes never came; its CPU figure is off.`);
	}
	await sleep(SETTLE_MS);
	const cpuMs = (deploymentCpuMs(n8n) - before) / events.length;
	if (!countIsolates) return { cpuMs };
	return { cpuMs, isolates: ((await isolatesHandedOut(n8n.baseUrl)) - isolatesBefore) / events.length };
}
