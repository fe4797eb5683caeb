/**
 * One measured window: every counter read before and after, the difference kept. A flow's window runs from the
 * first delivery until all its executions have finished and a short settle (executions save, Postgres flushes
 * its statistics); an idle window shows what the deployment does on its own, the share of that in each flow's
 * figures (report.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { IntercomFake } from '../../support/intercom-fake';
import type { N8nInstance } from '../../support/n8n';
import { PostgresProbe, type PostgresCounts, type StoredExecutions } from './postgresProbe';
import { cpuMsByRole, ROLES, zeroPerRole, type PerRole } from './processes';
import { diffCounts, RedisProbe, type RedisCounts } from './redisProbe';
import type { FlowStream } from './streams';

const SETTLE_MS = 2_000;
const FINISHED = ['success', 'error', 'crashed', 'canceled'];
/** Give up when no execution finished for this long. */
const STALL_MS = 60_000;

export interface Probes {
	n8n: N8nInstance;
	intercom: IntercomFake;
	redis: RedisProbe;
	postgres: PostgresProbe;
}

interface Snapshot {
	at: number;
	cpu: PerRole;
	redis: RedisCounts;
	postgres: PostgresCounts;
	intercomRequests: number;
}

export interface Window {
	ms: number;
	cpu: PerRole;
	redis: RedisCounts;
	postgres: PostgresCounts;
	/** Intercom requests by `METHOD /template`, and how many were answered 429. */
	intercom: Map<string, number>;
	throttled: number;
}

export interface FlowFigures extends Window {
	label: string;
	events: number;
	rate: number;
	ackMs: number[];
	refused: number;
	succeeded: number;
	failed: number;
	/** n8n's startedAt → stoppedAt of each execution. */
	durationMs: number[];
	stored: StoredExecutions;
}

async function snapshot(probes: Probes): Promise<Snapshot> {
	return {
		at: Date.now(),
		cpu: cpuMsByRole(probes.n8n),
		redis: await probes.redis.snapshot(),
		postgres: await probes.postgres.snapshot(),
		intercomRequests: probes.intercom.requests.length,
	};
}

function difference(probes: Probes, before: Snapshot, after: Snapshot): Window {
	const cpu = zeroPerRole();
	for (const role of ROLES) cpu[role] = after.cpu[role] - before.cpu[role];
	const intercom = new Map<string, number>();
	let throttled = 0;
	for (const request of probes.intercom.requests.slice(before.intercomRequests, after.intercomRequests)) {
		const key = `${request.method} ${request.template ?? request.path}`;
		intercom.set(key, (intercom.get(key) ?? 0) + 1);
		if (request.status === 429) throttled++;
	}
	return {
		ms: after.at - before.at,
		cpu,
		redis: {
			roundTrips: diffCounts(before.redis.roundTrips, after.redis.roundTrips),
			insideScripts: diffCounts(before.redis.insideScripts, after.redis.insideScripts),
			commandstats: diffCounts(before.redis.commandstats, after.redis.commandstats),
			lost: after.redis.lost - before.redis.lost,
		},
		postgres: {
			statements: diffCounts(before.postgres.statements, after.postgres.statements),
			transactions: after.postgres.transactions - before.postgres.transactions,
			rowsWritten: after.postgres.rowsWritten - before.postgres.rowsWritten,
			rowsRead: after.postgres.rowsRead - before.postgres.rowsRead,
			executionTableBytes: after.postgres.executionTableBytes - before.postgres.executionTableBytes,
		},
		intercom,
		throttled,
	};
}

/** What the deployment does with no events, over `ms`. */
export async function measureIdle(probes: Probes, ms: number): Promise<Window> {
	const before = await snapshot(probes);
	await sleep(ms);
	return difference(probes, before, await snapshot(probes));
}

async function finishedCount(n8n: N8nInstance, workflowId: string): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: FINISHED }));
	return (await n8n.client.get<{ count: number }>(`/rest/executions?filter=${filter}&limit=1`)).count;
}

async function waitForFinished(n8n: N8nInstance, workflowId: string, count: number): Promise<void> {
	let seen = -1;
	let lastProgress = Date.now();
	for (;;) {
		const finished = await finishedCount(n8n, workflowId);
		if (finished >= count) return;
		if (finished > seen) [seen, lastProgress] = [finished, Date.now()];
		if (Date.now() - lastProgress > STALL_MS) throw new Error(`${workflowId}: ${finished} of ${count} executions finished, none more in ${STALL_MS / 1000} s`);
		await sleep(250);
	}
}

/** Sends the stream at `rate` per second without waiting for answers, then waits for every execution. */
export async function measureFlow(probes: Probes, stream: FlowStream, rate: number): Promise<FlowFigures> {
	const { n8n } = probes;
	const finishedBefore = await finishedCount(n8n, stream.workflowId);
	const lastExecution = await probes.postgres.lastExecutionId();
	const before = await snapshot(probes);
	const ackMs: number[] = [];
	let refused = 0;
	const answers: Array<Promise<void>> = [];
	for (const [index, send] of stream.events.entries()) {
		const due = before.at + (index * 1000) / rate;
		if (due > Date.now()) await sleep(due - Date.now());
		const postedAt = Date.now();
		answers.push(
			send().then((response) => {
				if (response.status === 200) ackMs.push(Date.now() - postedAt);
				else refused++;
			}),
		);
	}
	await Promise.all(answers);
	await waitForFinished(n8n, stream.workflowId, finishedBefore + stream.events.length - refused);
	await sleep(SETTLE_MS);
	const window = difference(probes, before, await snapshot(probes));

	const executions = (await n8n.listExecutions(stream.workflowId)).filter((execution) => Number(execution.id) > lastExecution);
	const durationMs = executions
		.filter((execution) => execution.startedAt && execution.stoppedAt)
		.map((execution) => Date.parse(execution.stoppedAt!) - Date.parse(execution.startedAt!));
	const succeeded = executions.filter((execution) => execution.status === 'success').length;
	return {
		...window,
		label: stream.label,
		events: stream.events.length,
		rate,
		ackMs,
		refused,
		succeeded,
		failed: executions.length - succeeded,
		durationMs,
		stored: await probes.postgres.storedExecutions(stream.workflowId, lastExecution),
	};
}

/** Runs a few events of a stream and waits for them, outside any measured window (JIT, pools, caches). */
export async function warmUp(probes: Probes, stream: FlowStream, rate: number): Promise<void> {
	const figures = await measureFlow(probes, stream, rate);
	if (figures.failed > 0 || figures.refused > 0) {
		throw new Error(`Warm-up of ${stream.label}: ${figures.refused} refused, ${figures.failed} executions failed\n${probes.n8n.logTail(30)}`);
	}
}
