/**
 * The fault suite's heal step: the shipped retries workflow switched on (as its sticky note says, with shorter
 * waits), then a bounded wait until every failed run of the event workflows has a row in the failures table
 * that is either resolved or left for a person with its reason.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import type { ExecutionSummary } from '../../support/n8n';
import type { WorkflowEnvironment } from '../workflows/environment';
import { failureRows, type FailureRow } from '../workflows/failureRows';
import { enableRetries } from '../workflows/retries';

export interface HealReport {
	failedRuns: number;
	/** Failed runs still without a resolved or left-for-a-person row when the wait ended. */
	open: number;
	healed: number;
	needsPerson: FailureRow[];
	/** Retries n8n ran, and runs whose deliveries were sent again because n8n had erased them. */
	retries: number;
	resent: number;
	waitedS: number;
}

/**
 * The failed and crashed runs (not retries) of the event workflows, one page per workflow and status: n8n pages
 * wrongly when runs started out of order (see executions.ts), and a page holds at most 100.
 */
async function failedRuns(env: WorkflowEnvironment): Promise<ExecutionSummary[]> {
	const runs: ExecutionSummary[] = [];
	for (const workflowId of [WORKFLOW_IDS.memberSync, WORKFLOW_IDS.bugEscalation]) {
		for (const status of ['error', 'crashed']) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId, status: [status] }));
			const page = await env.n8n.client.get<{ results: ExecutionSummary[]; count: number }>(`/rest/executions?filter=${filter}&limit=100`);
			if (page.results.length < page.count) throw new Error(`n8n listed ${page.results.length} of ${page.count} ${status} runs of ${workflowId}`);
			runs.push(...page.results.filter((run) => run.mode !== 'retry'));
		}
	}
	return runs;
}

export async function healWithRetries(env: WorkflowEnvironment, timeoutMs: number): Promise<HealReport> {
	const began = Date.now();
	await enableRetries(env, { everySeconds: 5, firstWaitMinutes: 0.05, longestWaitMinutes: 0.25, maxRetries: 5, webhookBaseUrl: env.n8n.deployment.webhookUrl });
	const settledRow = (row: FailureRow | undefined) => row !== undefined && (row.resolved === true || row.needs_person === true);
	for (;;) {
		const [runs, rows] = await Promise.all([failedRuns(env), failureRows(env)]);
		const rowOf = new Map(rows.map((row) => [row.execution_id, row]));
		const open = runs.filter((run) => !settledRow(rowOf.get(run.id)));
		if (open.length === 0 || Date.now() - began > timeoutMs) {
			const mine = runs.map((run) => rowOf.get(run.id)).filter((row): row is FailureRow => row !== undefined);
			return {
				failedRuns: runs.length,
				open: open.length,
				healed: mine.filter((row) => row.resolved === true).length,
				needsPerson: mine.filter((row) => row.needs_person === true),
				retries: mine.reduce((sum, row) => sum + (row.last_retry_execution_id ? Number(row.retried ?? 0) : 0), 0),
				resent: mine.filter((row) => row.resolved === true && !row.last_retry_execution_id).length,
				waitedS: Math.round((Date.now() - began) / 1000),
			};
		}
		await sleep(2_000);
	}
}
