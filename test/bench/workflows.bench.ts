/**
 * The workflows on a real n8n: the Intercom Trigger's acknowledgement next to n8n's Webhook node, the trigger's
 * own webhook() cost in process, and end-to-end latency of the enrichment and escalation flows. Prints ratios;
 * nothing here asserts a time.
 */
import { startWorkflowEnvironment } from '../e2e/workflows/environment';
import { measureAcknowledgement } from './workflows/ack';
import { measureEndToEnd } from './workflows/endToEnd';
import { measureWebhookCost } from './workflows/webhookCost';

export async function main(): Promise<void> {
	await measureWebhookCost();
	const env = await startWorkflowEnvironment();
	try {
		// Latency first, while n8n's database is small; the load test below adds thousands of executions.
		await measureEndToEnd(env);
		await measureAcknowledgement(env.n8n, env.secrets.intercomClientSecret);
	} finally {
		await env.stop();
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
