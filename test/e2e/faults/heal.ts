/**
 * The fault suite's heal step: the shipped retries workflow switched on (as its sticky note says, with shorter
 * waits), then a bounded wait until every failed run of the event workflows has a row in the failures table
 * that is either resolved or left for a person with its reason.
 */
import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import type { ExecutionSummary } from '../../support/n8n';
import type { WorkflowEnvironment } from '../workflows/environment';
import { failureRows, type FailureRow } from '../workflows/failureRows';
import { pollUntil } from '../workflows/polling';
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

/** The failed and crashed runs (not retries) of the event workflows. */
async function failedRuns(env: WorkflowEnvironment): Promise<ExecutionSummary[]> {
	const listed = await Promise.all([WORKFLOW_IDS.memberSync, WORKFLOW_IDS.bugEscalation].map((workflowId) => env.n8n.listExecutions(workflowId)));
	return listed.flat().filter((run) => (run.status === 'error' || run.status === 'crashed') && run.mode !== 'retry');
}

export async function healWithRetries(env: WorkflowEnvironment, timeoutMs: number): Promise<HealReport> {
	const began = Date.now();
	await enableRetries(env, { everySeconds: 5, firstWaitMinutes: 0.05, longestWaitMinutes: 0.25, maxRetries: 5, webhookBaseUrl: env.n8n.deployment.webhookUrl });
	const settledRow = (row: FailureRow | undefined) => row !== undefined && (row.resolved === true || row.needs_person === true);
	const read = async () => {
		const [runs, rows] = await Promise.all([failedRuns(env), failureRows(env)]);
		const rowOf = new Map(rows.map((row) => [row.execution_id, row]));
		return { runs, open: runs.filter((run) => !settledRow(rowOf.get(run.id))), mine: runs.map((run) => rowOf.get(run.id)).filter((row): row is FailureRow => row !== undefined) };
	};
	const { value: last } = await pollUntil(read, ({ open }) => open.length === 0, timeoutMs - (Date.now() - began), 2_000);
	return {
		failedRuns: last.runs.length,
		open: last.open.length,
		healed: last.mine.filter((row) => row.resolved === true).length,
		needsPerson: last.mine.filter((row) => row.needs_person === true),
		retries: last.mine.reduce((sum, row) => sum + (row.last_retry_execution_id ? Number(row.retried ?? 0) : 0), 0),
		resent: last.mine.filter((row) => row.resolved === true && !row.last_retry_execution_id).length,
		waitedS: Math.round((Date.now() - began) / 1000),
	};
}
