/**
 * Issue 29's fault scenario on queue mode: events sent as the services send them while Redis restarts, a worker
 * is killed -9 mid-run and started again, and MariaDB is down for a while; then, once n8n has settled, an
 * optional heal step, and the count of effects at the stand-ins and of executions in n8n.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { liveGroupMembers } from '../../../scripts/n8n/guarded-process';
import type { N8nProcess } from '../../../scripts/n8n/n8n-process';
import type { WorkflowEnvironment } from '../workflows/environment';
import { countEffects, type EffectCounts } from './effects';
import { mixedEvents, type FaultEvent } from './events';
import { matchByTime, tallyExecutions, waitUntilSettled, type ExecutionTally } from './executions';
import { SENDER_POLICY, sendPaced, type SendingReport } from './redeliver';

export interface FaultScenarioOptions {
	events: number;
	/** Between the starts of two events. */
	spacingMs: number;
	/** How long Redis stays down when it restarts (an operator's restart takes seconds; n8n gives up after 10 s). */
	redisDownMs: number;
	/** How long MariaDB stays down. */
	mariadbDownMs: number;
	/** Longest wait for n8n to finish every execution, after the sending and again after healing. */
	settleTimeoutMs: number;
	/** Runs once the faults are over and n8n has settled, before the effects are counted (e.g. retrying failed runs). */
	heal?: (env: WorkflowEnvironment) => Promise<void>;
}

export interface FaultReport {
	events: FaultEvent[];
	sending: SendingReport;
	executions: ExecutionTally;
	effects: EffectCounts;
	/** Lost events matched by time to a failed execution that no longer names them (see matchByTime). */
	matchedByTime: number;
	/** Lost events without a failed or crashed execution: nothing in n8n says they went missing. */
	lostSilently: FaultEvent[];
	/** Executions still unfinished when the wait ended. */
	unsettled: number;
	/** What happened when, for the printout. */
	timeline: string[];
}

/** Ids in the worker's log lines "Worker started|finished execution <id>". */
function loggedExecutions(worker: N8nProcess, what: 'started' | 'finished'): Set<string> {
	const log = worker.logTail(Number.MAX_SAFE_INTEGER);
	return new Set([...log.matchAll(new RegExp(`Worker ${what} execution (\\d+)`, 'g'))].map((match) => match[1]));
}

/**
 * Executions the worker started after `before` and has not finished. Older ones are left out: a run that ended
 * while Redis was away never logs its finish.
 */
function runningOn(worker: N8nProcess, before: Set<string>): number {
	const finished = loggedExecutions(worker, 'finished');
	return [...loggedExecutions(worker, 'started')].filter((id) => !before.has(id) && !finished.has(id)).length;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) return false;
		await sleep(50);
	}
	return true;
}

/** The three faults, one after another while the events are being sent. */
async function injectFaults(env: WorkflowEnvironment, options: FaultScenarioOptions, note: (line: string) => void): Promise<void> {
	const { deployment } = env.n8n;
	await sleep(5_000);
	await deployment.restartRedis(options.redisDownMs);
	note(`Redis killed, back on its port ${options.redisDownMs} ms later`);

	const worker = deployment.worker(0);
	const before = loggedExecutions(worker, 'started');
	const busy = await until(() => runningOn(worker, before) >= 2, 60_000);
	const running = runningOn(worker, before);
	const group = worker.pid!;
	await deployment.killWorker(0);
	if (liveGroupMembers(group).length > 0) throw new Error(`Worker 0's process group ${group} outlived its SIGKILL`);
	note(`worker 0 killed -9 with ${running} execution(s) running${busy ? '' : ' (it never had 2 within 60 s)'}`);
	await deployment.startWorker(0);
	note('worker 0 started again');

	await sleep(5_000);
	await env.mariadb.stop({ keepData: true });
	note('MariaDB stopped');
	await sleep(options.mariadbDownMs);
	await env.mariadb.start();
	note('MariaDB back');
}

export async function runFaultScenario(env: WorkflowEnvironment, options: FaultScenarioOptions): Promise<FaultReport> {
	const events = await mixedEvents(env, options.events);
	const began = Date.now();
	const timeline: string[] = [];
	const note = (line: string) => timeline.push(`${((Date.now() - began) / 1000).toFixed(1).padStart(6)} s  ${line}`);

	note(`sending ${events.length} events, one every ${options.spacingMs} ms`);
	const stopSending = new AbortController();
	const sent = sendPaced(events, options.spacingMs, SENDER_POLICY, stopSending.signal);
	try {
		await injectFaults(env, options, note);
	} catch (error) {
		// No sender may outlive the test, retrying against a stopped n8n.
		stopSending.abort();
		await sent;
		throw error;
	}
	const sending = await sent;
	note('every delivery accepted or given up');
	let unsettled = await waitUntilSettled(env, options.settleTimeoutMs);
	note(`n8n settled (${unsettled} execution(s) still unfinished)`);
	if (options.heal) {
		await options.heal(env);
		unsettled = await waitUntilSettled(env, options.settleTimeoutMs);
		note(`healed; n8n settled again (${unsettled} unfinished)`);
	}
	const executions = await tallyExecutions(env, events);
	const effects = countEffects(env, events);
	const unnamed = effects.lostEvents.filter((event) => !executions.eventsWithFailure.has(event));
	const matched = matchByTime(unnamed, sending, executions.withoutEvent);
	const lostSilently = unnamed.filter((event) => !matched.has(event));
	return { events, sending, executions, effects, matchedByTime: matched.size, lostSilently, unsettled, timeline };
}

export function describeReport(report: FaultReport): string {
	const { sending, executions, effects } = report;
	const counted = (entries: Array<[string, number]>) => entries.map(([name, count]) => `${name} ${count}`).join(', ') || 'none';
	const byKind = (events: FaultEvent[]) => counted(['enrichment', 'escalation'].map((kind) => [kind, events.filter((event) => event.kind === kind).length]));
	const answersTo = (event: FaultEvent) => sending.copies.filter((copy) => copy.event === event).map((copy) => copy.answers.join('→')).join(' ');
	const keys = (events: FaultEvent[]) => events.map((event) => `${event.kind} ${event.key}`).join(', ') || 'none';
	return [
		'Fault suite (queue mode)',
		...report.timeline,
		`events ${effects.events} (${byKind(report.events)}), deliveries ${sending.copies.length} (redelivered ${sending.redelivered}, given up ${sending.givenUp})`,
		`executions ${executions.executions} (${counted(Object.entries(executions.byStatus))}); events run more than once ${executions.ranMoreThanOnce.length} (${byKind(executions.ranMoreThanOnce)})`,
		`killed runs ${executions.crashed + executions.stalled} (crashed ${executions.crashed}, error after their job stalled ${executions.stalled}), failed ${executions.failed}; error-workflow runs killed ${executions.recordersKilled}`,
		`lost ${effects.lost} (${byKind(effects.lostEvents)}), duplicated ${effects.duplicated}`,
		`lost events whose failed run no longer names them, matched by time: ${report.matchedByTime}`,
		`lost without a failed execution: ${report.lostSilently.map((event) => `${event.kind} ${event.key} (runs: ${executions.runsOf.get(event)?.join(', ') ?? 'none'}; answers: ${answersTo(event)})`).join(', ') || 'none'}`,
		`duplicated: ${keys(effects.duplicatedEvents)}`,
	].join('\n');
}
