import { n8nEnvironment } from '../../../scripts/n8n/n8n-process';
import { n8nBin, node24Bin } from '../../../scripts/n8n/paths';
import { freeLoopbackPort } from '../../../scripts/n8n/ports';
import { runCommand } from '../../../scripts/n8n/run-command';
import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import type { N8nInstance } from '../../support/n8n';

/** The backfill's last step, as the workflow's user reads it. */
export interface BackfillSummary {
	contactsSeen: number;
	enriched: number;
	updated: number;
	unchanged: number;
	notFound: number;
	noEmailOrNumber: number;
	noLongerMembers: { count: number; contactIds: string[] };
	failed: { count: number; contactIds: string[] };
	pages: number;
}

interface RunData {
	status: string;
	data: { resultData: { error?: { message: string }; runData: Record<string, Array<{ data?: { main: Array<Array<{ json: unknown }>> } }>> } };
}

/**
 * Runs the backfill once from its manual trigger with `n8n execute`, beside the running n8n and on its data,
 * as "Execute workflow" would, and returns the summary item. Own ports: the running n8n holds its usual ones.
 */
export async function runBackfill(n8n: N8nInstance, onStarted?: (pid: number) => void): Promise<BackfillSummary> {
	const options = n8n.deployment.mainProcess.options;
	const result = await runCommand(node24Bin, [n8nBin, 'execute', `--id=${WORKFLOW_IDS.backfill}`, '--rawOutput'], {
		cwd: options.userFolder,
		env: {
			...n8nEnvironment(options),
			N8N_PORT: String(await freeLoopbackPort()),
			N8N_RUNNERS_BROKER_PORT: String(await freeLoopbackPort()),
		},
		timeoutMs: 1_800_000,
		onStarted,
	});
	// The run's JSON follows whatever n8n logged on starting.
	const start = result.stdout.search(/^\{/m);
	if (result.code !== 0 || start < 0) throw new Error(`n8n execute failed (exit code ${result.code}):\n${result.output.slice(-4000)}`);
	const run = JSON.parse(result.stdout.slice(start)) as RunData;
	const summary = run.data.resultData.runData['Summary of the run']?.[0]?.data?.main[0]?.[0]?.json;
	if (run.status !== 'success' || !summary) {
		throw new Error(`The backfill did not finish (${run.status}): ${run.data.resultData.error?.message ?? 'no summary'}`);
	}
	return summary as BackfillSummary;
}
