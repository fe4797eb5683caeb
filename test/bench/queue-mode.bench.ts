/**
 * Queue mode next to one n8n, in one run: the Intercom Trigger's acknowledgement (req/s, p50, p99) at 1, 10
 * and 50 connections, how long the executions take to finish after the load stops, and each process's memory.
 * Both with lazy isolates, as `npm start` runs them. Prints figures and ratios; asserts nothing.
 */
import { randomBytes } from 'node:crypto';

import { startN8n, type N8nInstance } from '../../scripts/n8n';
import { processGroupRss } from '../../scripts/n8n/process-memory';
import type { TopologyKind } from '../../scripts/n8n/topology';
import { CREDENTIAL_NAMES } from '../../scripts/n8n/sync-workflows';
import { fire, triggerWorkflow, type Target } from './workflows/ack';
import { uniqueSignedNotifications } from './workflows/payload';
import { ms, ratio, table } from './workflows/stats';

const CONNECTIONS = [1, 10, 50];
const SECONDS = 8;
const FINISHED = ['success', 'error', 'crashed', 'canceled'];

interface Point {
	connections: number;
	rps: number;
	p50: number;
	p99: number;
	sent: number;
	/** From the end of the load until every execution it started had finished. */
	drainMs: number;
}

async function finishedCount(n8n: N8nInstance, workflowId: string): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: FINISHED }));
	const page = await n8n.client.get<{ count: number }>(`/rest/executions?filter=${filter}&limit=1`);
	return page.count;
}

async function waitForFinished(n8n: N8nInstance, workflowId: string, count: number, timeoutMs = 600_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while ((await finishedCount(n8n, workflowId)) < count) {
		if (Date.now() > deadline) throw new Error(`${workflowId}: fewer than ${count} executions finished after ${timeoutMs} ms`);
		await new Promise((resolveWait) => setTimeout(resolveWait, 250));
	}
}

async function measure(topology: TopologyKind): Promise<{ points: Point[]; memory: string[][] }> {
	const secret = randomBytes(16).toString('hex');
	const n8n = await startN8n({
		topology,
		env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
		credentials: [
			{
				name: CREDENTIAL_NAMES.intercom,
				type: 'intercomSyncApi',
				data: { accessToken: 'unused', region: 'custom', baseUrl: 'http://127.0.0.1:9', apiVersion: '2.14', webhookClientSecret: secret },
			},
		],
	});
	try {
		const flow = await n8n.importWorkflow(triggerWorkflow());
		const target: Target = { label: `Intercom Trigger (${topology})`, url: flow.webhooks.find((hook) => hook.method === 'POST')!.url };
		const bodies = uniqueSignedNotifications(secret, '6000000000000000000000fff', '95000');
		let expected = (await fire(target, bodies, 1, 3)).requests.total; // warm-up
		await waitForFinished(n8n, flow.id, expected);
		const points: Point[] = [];
		for (const connections of CONNECTIONS) {
			const result = await fire(target, bodies, connections, SECONDS);
			const loadEnded = Date.now();
			expected += result.requests.total;
			await waitForFinished(n8n, flow.id, expected);
			points.push({
				connections,
				rps: result.requests.average,
				p50: result.latency.p50,
				p99: result.latency.p99,
				sent: result.requests.total,
				drainMs: Date.now() - loadEnded,
			});
		}
		const memory = n8n.deployment.memberPids().map(({ name, pid }) => [topology, name, `${(processGroupRss(pid) / 1024 / 1024).toFixed(0)} MiB`]);
		return { points, memory };
	} finally {
		await n8n.stop();
	}
}

export async function main(): Promise<void> {
	const regular = await measure('regular');
	const queue = await measure('queue');
	const rows = [['connections', 'topology', 'req/s', 'p50', 'p99', 'requests', 'all finished after', 'executions/s', 'req/s queue/regular', 'p99 queue/regular']];
	for (const [index, connections] of CONNECTIONS.entries()) {
		for (const [label, point] of [['regular', regular.points[index]], ['queue', queue.points[index]]] as const) {
			const ours = label === 'queue';
			rows.push([
				ours ? '' : String(connections),
				label,
				point.rps.toFixed(1),
				ms(point.p50),
				ms(point.p99),
				String(point.sent),
				`${(point.drainMs / 1000).toFixed(1)} s`,
				(point.sent / (SECONDS + point.drainMs / 1000)).toFixed(1),
				ours ? ratio(point.rps, regular.points[index].rps) : '',
				ours ? ratio(point.p99, regular.points[index].p99) : '',
			]);
		}
	}
	console.log(`\nAcknowledgement and completion, Intercom Trigger + No-Op, ${SECONDS} s per point, lazy isolates (2 workers × concurrency 10 on queue mode):`);
	table(rows);
	console.log('\nResident memory after the load (each process with its children, e.g. the task runner):');
	table([['topology', 'process', 'RSS'], ...regular.memory, ...queue.memory]);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
