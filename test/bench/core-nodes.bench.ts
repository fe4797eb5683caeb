/**
 * Our workflows next to the same jobs built only from n8n core nodes (Webhook + Code signature check, Remove
 * Duplicates, HTTP Request, MySQL, If), on the same n8n, the same stand-ins and one event stream, on one n8n and
 * on queue mode, under n8n's defaults and with lazy isolates. Checks both flows write the same, then prints acknowledgement
 * and end-to-end percentiles, CPU (and on one n8n isolates) per execution, node counts and the ratios ours / core.
 * Asserts no time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startWorkflowEnvironment, type WorkflowEnvironment } from '../e2e/workflows/environment';
import { WORKFLOW_IDS, WORKFLOWS_DIR } from '../../scripts/n8n/sync-workflows';
import type { TopologyKind } from '../../scripts/n8n/topology';
import type { WorkflowJson } from '../../scripts/n8n/workflows';
import { costPerExecution, type ExecutionCost } from './coreNodes/cpu';
import { contactWrite, enrichmentEvents, loadMembers, runEnrichment, runEscalation, taskEvents, ticketCreated } from './coreNodes/jobs';
import { installCoreFlows, type CoreFlows } from './coreNodes/setup';
import { FLOWS, type Flow, type StreamResult } from './coreNodes/sideBySide';
import { METRICS_ENV } from './workflows/isolatesPerRequest';
import { printNodeTimes } from './workflows/nodeTimes';
import { ms, percentile, table } from './workflows/stats';

// At 200 events a p99 is the third-slowest execution, so one slow spell moved it by a third between runs.
const EVENTS = 400;
const WARM_UP_EVENTS = 5;
const CPU_EVENTS = 40;

/** Nodes our workflow runs or branches to for one job; the member-sync canvas also holds the tag re-sync. */
function ourJobNodes(file: string, skipOutput?: { node: string; output: number }): number {
	const workflow = JSON.parse(readFileSync(join(WORKFLOWS_DIR, file), 'utf8')) as WorkflowJson;
	const connections = workflow.connections as Record<string, { main?: Array<Array<{ node: string }>> }>;
	const trigger = workflow.nodes.find((node) => /trigger$/i.test(node.type))!;
	const seen = new Set([trigger.name]);
	const queue = [trigger.name];
	while (queue.length > 0) {
		const name = queue.shift()!;
		(connections[name]?.main ?? []).forEach((targets, output) => {
			if (skipOutput?.node === name && skipOutput.output === output) return;
			for (const { node } of targets ?? []) {
				if (seen.has(node)) continue;
				seen.add(node);
				queue.push(node);
			}
		});
	}
	return seen.size;
}

interface JobFigures {
	job: string;
	nodes: Record<Flow, number>;
	stream: StreamResult;
	cost: Record<Flow, ExecutionCost>;
}

async function measureJobs(env: WorkflowEnvironment, core: CoreFlows, events: number, countIsolates: boolean): Promise<JobFigures[]> {
	const members = await loadMembers(env, events + WARM_UP_EVENTS + CPU_EVENTS * 2);
	await runEnrichment(env, core, members.slice(0, WARM_UP_EVENTS));
	await runEscalation(env, core, WARM_UP_EVENTS);

	const enrichment = await runEnrichment(env, core, members.slice(WARM_UP_EVENTS, WARM_UP_EVENTS + events));
	const escalation = await runEscalation(env, core, events);

	const requests = () => env.intercom.requests;
	const cpuMembers = members.slice(WARM_UP_EVENTS + events);
	const enrichmentCost = {} as Record<Flow, ExecutionCost>;
	const escalationCost = {} as Record<Flow, ExecutionCost>;
	for (const [index, flow] of FLOWS.entries()) {
		const theseMembers = cpuMembers.slice(index * CPU_EVENTS, (index + 1) * CPU_EVENTS);
		enrichmentCost[flow] = await costPerExecution(env.n8n, flow, enrichmentEvents(env, core, theseMembers), requests, contactWrite, countIsolates);
		const tasks = Array.from({ length: CPU_EVENTS }, (_, n) => ({ ours: `cpu${flow}${n}a`, core: `cpu${flow}${n}b` }));
		const taskStream = taskEvents(env, core, tasks, 'item:added', (id) => `created ${id}`);
		escalationCost[flow] = await costPerExecution(env.n8n, flow, taskStream, requests, ticketCreated, countIsolates);
	}
	env.intercom.expectNoInvalidRequests();
	await printNodeTimes(env.n8n, WORKFLOW_IDS.memberSync, 'Contact enrichment, ours');
	await printNodeTimes(env.n8n, core.enrichment.id, 'Contact enrichment, core nodes');
	await printNodeTimes(env.n8n, WORKFLOW_IDS.bugEscalation, 'Bug escalation, ours');
	await printNodeTimes(env.n8n, core.escalation.id, 'Bug escalation, core nodes');
	return [
		{
			job: 'Contact enrichment',
			nodes: { ours: ourJobNodes('intercom-member-sync.json', { node: 'Is it a tag being added?', output: 0 }), core: core.enrichment.nodes },
			stream: enrichment,
			cost: enrichmentCost,
		},
		{ job: 'Bug escalation', nodes: { ours: ourJobNodes('todoist-bug-escalation.json'), core: core.escalation.nodes }, stream: escalation, cost: escalationCost },
	];
}

const HEADER = ['n8n', 'job', 'flow', 'nodes', 'ack p50', 'ack p99', 'e2e p50', 'e2e p95', 'e2e p99', 'CPU/exec', 'isolates/exec', 'lost'];
const NOT_COUNTED = '–';

function rowsFor(topology: string, figures: JobFigures): string[][] {
	const values = (flow: Flow) => {
		const { ackMs, endToEndMs } = figures.stream.times[flow];
		return [figures.nodes[flow], percentile(ackMs, 50), percentile(ackMs, 99), percentile(endToEndMs, 50), percentile(endToEndMs, 95), percentile(endToEndMs, 99), figures.cost[flow].cpuMs];
	};
	const isolates = (flow: Flow) => figures.cost[flow].isolates;
	const [oursIsolates, coreIsolates] = [isolates('ours'), isolates('core')];
	const isolateRatio = oursIsolates !== undefined && coreIsolates ? `${(oursIsolates / coreIsolates).toFixed(2)}×` : NOT_COUNTED;
	const ours = values('ours');
	const core = values('core');
	const label = (flow: Flow) => (flow === 'ours' ? 'ours' : 'core nodes');
	const rows = FLOWS.map((flow) => {
		const [nodes, ...times] = values(flow);
		return [topology, figures.job, label(flow), String(nodes), ...times.map(ms), isolates(flow)?.toFixed(2) ?? NOT_COUNTED, String(figures.stream.lost[flow])];
	});
	rows.push([topology, figures.job, 'ours / core', ...ours.map((value, index) => `${(value / core[index]).toFixed(2)}×`), isolateRatio, '']);
	return rows;
}

/** n8n's defaults, and lazy isolate acquisition as `npm start` runs n8n (see workflows.bench.ts). */
const SETTINGS: Array<{ label: string; env: Record<string, string> }> = [
	{ label: 'defaults', env: {} },
	{ label: 'lazy isolates', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
];

export async function main(
	events = EVENTS,
	topologies: TopologyKind[] = ['regular', 'queue'],
	settingLabels = SETTINGS.map((settings) => settings.label),
): Promise<void> {
	const rows = [HEADER];
	for (const settings of SETTINGS.filter((candidate) => settingLabels.includes(candidate.label))) {
		for (const topology of topologies) {
			const where = topology === 'regular' ? 'one n8n (SQLite)' : 'queue mode (main, 2 workers, webhook processor, Postgres, Redis)';
			console.log(`\n##### ${where}, n8n ${settings.label}`);
			// A Code node may use node:crypto only when n8n allows it; the core-node flows need it for the signature.
			// Isolates are counted on one n8n only: on queue mode each process keeps its own count.
			const countIsolates = topology === 'regular';
			const n8nEnv = { ...settings.env, NODE_FUNCTION_ALLOW_BUILTIN: 'crypto', ...(countIsolates ? METRICS_ENV : {}) };
			const env = await startWorkflowEnvironment({ topology, n8nEnv });
			try {
				const core = await installCoreFlows(env);
				for (const figures of await measureJobs(env, core, events, countIsolates)) rows.push(...rowsFor(`${topology}, ${settings.label}`, figures));
			} finally {
				await env.stop();
			}
			table(rows); // so far, in case a later run fails
		}
	}
	console.log(
		`\nOurs next to the same jobs from n8n core nodes, ${events} events per flow, interleaved at 5 requests/s in all; CPU and isolates over ${CPU_EVENTS} events per flow alone` +
			' (isolates: expression isolates n8n handed out per event, counted on one n8n only); lost: events whose write never came.' +
			'\nGoals: ours e2e p95 ≤ 0.70× core, e2e p99 ≤ 1.00×, nodes ≤ 0.50×.',
	);
	table(rows);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
