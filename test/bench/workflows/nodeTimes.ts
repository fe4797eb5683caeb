/**
 * Where an execution's time goes: n8n records each node's run time, so the latest executions of a workflow
 * show which steps (ours or n8n's own) carry the latency.
 */
import type { N8nInstance } from '../../support/n8n';
import { ms, percentile, table } from './stats';

/** Prints p50 and p95 of each node's recorded run time over the workflow's latest `sample` executions. */
export async function printNodeTimes(n8n: N8nInstance, workflowId: string, title: string, sample = 50): Promise<void> {
	const executions = (await n8n.listExecutions(workflowId)).slice(-sample);
	const timesByNode = new Map<string, number[]>();
	const startLag: number[] = [];
	for (const summary of executions) {
		const execution = await n8n.getExecution(summary.id);
		const runs = Object.entries(execution.runData).map(([node, nodeRuns]) => ({ node, run: nodeRuns[0] }));
		runs.sort((a, b) => (a.run.startTime ?? 0) - (b.run.startTime ?? 0));
		for (const { node, run } of runs) {
			if (run.executionTime === undefined) continue;
			const times = timesByNode.get(node) ?? [];
			times.push(run.executionTime);
			timesByNode.set(node, times);
		}
		const firstStart = runs[0]?.run.startTime;
		if (firstStart !== undefined && execution.startedAt) startLag.push(firstStart - Date.parse(execution.startedAt));
	}
	const rows = [['step', 'p50', 'p95']];
	rows.push(['(execution start → first step)', ms(percentile(startLag, 50)), ms(percentile(startLag, 95))]);
	for (const [node, times] of timesByNode) rows.push([node, ms(percentile(times, 50)), ms(percentile(times, 95))]);
	console.log(`\n${title}: time per step over the last ${executions.length} executions, as n8n recorded it:`);
	table(rows);
}
