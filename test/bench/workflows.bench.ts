/**
 * The workflows on a real n8n: the Intercom Trigger's acknowledgement next to n8n's Webhook node, the trigger's
 * own webhook() cost in process, and end-to-end latency of the enrichment and escalation flows. Prints ratios;
 * nothing here asserts a time.
 *
 * n8n 2.41 evaluates expressions in isolated-vm and by default takes an isolate for every webhook request of a
 * node that is not its own Webhook node, and another for every credential read. Both settings are measured:
 * n8n's defaults, and lazy isolate acquisition (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true), which builds an
 * isolate only when an expression is actually evaluated. A third run, for comparison only, evaluates expressions
 * without isolation (the `legacy` engine, which n8n calls less secure): it shows what the isolates cost the flows.
 */
import { startWorkflowEnvironment } from '../e2e/workflows/environment';
import { measureAcknowledgement, type AckFigures } from './workflows/ack';
import { measureEndToEnd, type EndToEndFigures } from './workflows/endToEnd';
import { measureIsolateBuild } from './workflows/isolateCost';
import { table } from './workflows/stats';
import { measureWebhookCost } from './workflows/webhookCost';

const SETTINGS: Array<{ label: string; env: Record<string, string> }> = [
	{ label: 'n8n defaults', env: {} },
	{ label: 'lazy isolates (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true)', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
	{ label: 'no isolates, comparison only (N8N_EXPRESSION_ENGINE=legacy)', env: { N8N_EXPRESSION_ENGINE: 'legacy' } },
];

export async function main(): Promise<void> {
	await measureWebhookCost();
	measureIsolateBuild();
	const summary: string[][] = [['n8n settings', 'ack req/s @1', 'ack p99 @1', 'ack req/s @10', 'ack p99 @10', 'enrichment p95', 'escalation p95']];
	for (const settings of SETTINGS) {
		console.log(`\n##### ${settings.label}`);
		const env = await startWorkflowEnvironment({ n8nEnv: settings.env });
		let ack: AckFigures[];
		let endToEnd: EndToEndFigures[];
		try {
			// Latency first, while n8n's database is small; the load test adds thousands of executions.
			endToEnd = await measureEndToEnd(env);
			ack = await measureAcknowledgement(env.n8n, env.secrets.intercomClientSecret);
		} finally {
			await env.stop();
		}
		const at = (connections: number) => ack.find((figure) => figure.connections === connections)!;
		const p95 = (index: number) => `${endToEnd[index].p95.toFixed(0)} ms (${endToEnd[index].p95Ratio.toFixed(2)}×)`;
		summary.push([
			settings.label.split(' (')[0].replace(', comparison only', ' (comparison)'),
			`${at(1).throughputRatio.toFixed(2)}×`,
			`${at(1).p99Ratio.toFixed(2)}×`,
			`${at(10).throughputRatio.toFixed(2)}×`,
			`${at(10).p99Ratio.toFixed(2)}×`,
			p95(0),
			p95(1),
		]);
	}
	console.log('\nSummary (ratios to the reference workflow measured in the same run; goals: req/s ≥ 0.95×, p99 ≤ 1.10×, p95 ≤ 250 ms and ≤ 3×):');
	table(summary);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
