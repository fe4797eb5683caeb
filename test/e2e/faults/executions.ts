/**
 * What the fault suite reads from n8n afterwards: whether it has settled, how its executions ended, and which
 * events each one ran.
 */
import { N8nRequestError } from '../../../scripts/n8n/rest-client';
import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import type { ExecutionSummary } from '../../support/n8n';
import type { WorkflowEnvironment } from '../workflows/environment';
import { pollUntil } from '../workflows/polling';
import type { FaultEvent } from './events';
import type { SendingReport } from './redeliver';

/** The workflows the events run, and the error workflow that records their failures. */
const EVENT_WORKFLOWS: string[] = [WORKFLOW_IDS.memberSync, WORKFLOW_IDS.bugEscalation];
const WATCHED = [...EVENT_WORKFLOWS, WORKFLOW_IDS.failures];

/** n8n's MaxStalledCountError, or Bull's own message. */
const STALLED = /failed to be processed too many times|stalled more than/;

interface StoredExecution extends ExecutionSummary {
	createdAt: string;
	/** The run data as stored (flatted JSON). */
	data: string;
}

/** Executions of a workflow in these states, as n8n counts them (a count is exact; its pages are not, see below). */
async function countIn(env: WorkflowEnvironment, workflowId: string, status: string[]): Promise<number> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status }));
	return (await env.n8n.client.get<{ count: number }>(`/rest/executions?filter=${filter}&limit=1`)).count;
}

/** Waits until no watched execution is new, running or waiting; returns how many still are. */
export async function waitUntilSettled(env: WorkflowEnvironment, timeoutMs: number): Promise<number> {
	const unfinished = async () => {
		const counts = await Promise.all(WATCHED.map((workflowId) => countIn(env, workflowId, ['new', 'running', 'waiting'])));
		return counts.reduce((sum, count) => sum + count, 0);
	};
	return (await pollUntil(unfinished, (count) => count === 0, timeoutMs, 1_000)).value;
}

/**
 * Every watched execution, read one by one by id (ids count up from 1), so that none is missed whatever n8n's
 * lists do. The harness's listing must find the same ids: the suite's runs start out of order and number more
 * than one page, which is where n8n's REST list skips and repeats (see scripts/n8n/executions.ts).
 */
async function storedExecutions(env: WorkflowEnvironment): Promise<StoredExecution[]> {
	const listed = (await Promise.all(WATCHED.map((workflowId) => env.n8n.listExecutions(workflowId)))).flat();
	const highest = Math.max(0, ...listed.map((execution) => Number(execution.id)));
	// n8n answers an id it does not have with 200 and no execution (or 404 in some versions).
	const read = (id: number) =>
		env.n8n.client.get<StoredExecution | undefined>(`/rest/executions/${id}`).then(
			(execution) => (execution?.id ? execution : undefined),
			(error: unknown) => {
				if (error instanceof N8nRequestError && error.status === 404) return undefined;
				throw error;
			},
		);
	const stored: StoredExecution[] = [];
	// Past the highest id listed, until a batch finds none: a listing that missed the newest would show here.
	for (let first = 1, found = true; (first <= highest || found) && first <= highest + 1_000; first += 10) {
		const batch = (await Promise.all(Array.from({ length: 10 }, (_, offset) => read(first + offset)))).filter((execution) => execution !== undefined);
		stored.push(...batch);
		found = batch.length > 0;
	}
	const watched = stored.filter((execution) => WATCHED.includes(execution.workflowId));
	// Runs may start while the ids are read: each listing must hold every run that existed when it was taken.
	const listedAfter = (await Promise.all(WATCHED.map((workflowId) => env.n8n.listExecutions(workflowId)))).flat();
	const idsOf = (executions: ExecutionSummary[]) => new Set(executions.map((execution) => String(execution.id)));
	const [first, found, last] = [idsOf(listed), idsOf(watched), idsOf(listedAfter)];
	const notRead = [...first].filter((id) => !found.has(id));
	const notListed = [...found].filter((id) => !last.has(id));
	if (notRead.length + notListed.length > 0) {
		throw new Error(`The harness's listExecutions is wrong: it listed ${notRead.join(', ') || 'no id'} that reading every id did not find, and missed ${notListed.join(', ') || 'none'}`);
	}
	return watched;
}

/** A failed or crashed execution whose stored data no longer names its event. */
export interface FailureWithoutEvent {
	id: string;
	workflowId: string;
	/** Epoch ms. */
	createdAt: number;
}

export interface ExecutionTally {
	/** Webhook executions of the event workflows. */
	executions: number;
	byStatus: Record<string, number>;
	/** Ended `crashed`: n8n found them without a queue job. */
	crashed: number;
	/** Ended `error` because their queue job stalled: the worker running them died. */
	stalled: number;
	/** Ended `error` for any other reason (e.g. a service that was down). */
	failed: number;
	/** Events named by at least one failed or crashed execution. */
	eventsWithFailure: Set<FaultEvent>;
	/** n8n replaces a stalled run's data with its error alone: the trigger's payload is gone. */
	withoutEvent: FailureWithoutEvent[];
	/** The executions that name each event, with how they ended. */
	runsOf: Map<FaultEvent, string[]>;
	/** Events named by more than one execution: run again, e.g. because Redis lost the delivery's claim. */
	ranMoreThanOnce: FaultEvent[];
	/** Runs of the error workflow (which records failures) that crashed or stalled: their failure has no row. */
	recordersKilled: number;
}

const killed = (execution: StoredExecution) => execution.status === 'crashed' || (execution.status === 'error' && STALLED.test(execution.data));

/** How the executions ended, and the events each one names in its stored data. */
export async function tallyExecutions(env: WorkflowEnvironment, events: FaultEvent[]): Promise<ExecutionTally> {
	const stored = await storedExecutions(env);
	const runs = stored.filter((execution) => EVENT_WORKFLOWS.includes(execution.workflowId) && execution.mode === 'webhook');
	const tally: ExecutionTally = {
		executions: runs.length,
		byStatus: {},
		crashed: 0,
		stalled: 0,
		failed: 0,
		eventsWithFailure: new Set(),
		withoutEvent: [],
		runsOf: new Map(),
		ranMoreThanOnce: [],
		recordersKilled: stored.filter((execution) => execution.workflowId === WORKFLOW_IDS.failures && killed(execution)).length,
	};
	for (const execution of runs) {
		tally.byStatus[execution.status] = (tally.byStatus[execution.status] ?? 0) + 1;
		// A run that never started has its trigger's output only in the execution stack; the key is there too.
		const named = events.filter((event) => execution.data.includes(`"${event.key}"`));
		for (const event of named) tally.runsOf.set(event, [...(tally.runsOf.get(event) ?? []), `${execution.id} ${execution.status}`]);
		if (execution.status !== 'error' && execution.status !== 'crashed') continue;
		for (const event of named) tally.eventsWithFailure.add(event);
		if (named.length === 0) tally.withoutEvent.push({ id: execution.id, workflowId: execution.workflowId, createdAt: Date.parse(execution.createdAt) });
		if (execution.status === 'crashed') tally.crashed++;
		else if (killed(execution)) tally.stalled++;
		else tally.failed++;
	}
	tally.ranMoreThanOnce = [...tally.runsOf].filter(([, named]) => named.length > 1).map(([event]) => event);
	return tally;
}

/**
 * Matches lost events to failed executions that no longer name them, by workflow and time: the webhook processor
 * creates an event's execution after receiving a delivery and before answering it. Each execution matches once.
 */
export function matchByTime(lost: FaultEvent[], sending: SendingReport, failures: FailureWithoutEvent[], slackMs = 2_000): Map<FaultEvent, string> {
	const matched = new Map<FaultEvent, string>();
	const free = [...failures];
	for (const event of lost) {
		const windows = sending.copies.filter((copy) => copy.event === event).flatMap((copy) => copy.windows);
		const index = free.findIndex(
			(failure) =>
				failure.workflowId === event.workflowId &&
				windows.some(({ sentAt, answeredAt }) => failure.createdAt >= sentAt - slackMs && failure.createdAt <= answeredAt + slackMs),
		);
		if (index >= 0) matched.set(event, free.splice(index, 1)[0].id);
	}
	return matched;
}
