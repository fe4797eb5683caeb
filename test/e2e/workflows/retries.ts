/**
 * Switches on the shipped retries workflow as its sticky note tells users to: the credential "n8n API for
 * retries" holds an API key (the environment made it, as npm start does), then Publish. Tests shorten its
 * schedule and waits, as a user could on the canvas.
 */
import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import type { WorkflowJson } from '../../../scripts/n8n/workflows';
import type { WorkflowEnvironment } from './environment';

export interface RetrySchedule {
	everySeconds: number;
	firstWaitMinutes: number;
	longestWaitMinutes?: number;
	maxRetries?: number;
	/** Where production webhooks are answered, for runs whose deliveries are sent again (queue mode). */
	webhookBaseUrl?: string;
}

export async function enableRetries(env: WorkflowEnvironment, schedule: RetrySchedule): Promise<void> {
	const { client } = env.n8n;
	const credentials = await client.get<Array<{ id: string; name: string; type: string }>>('/rest/credentials');
	const stored = credentials.find((credential) => credential.type === 'intercomSyncN8nApi');
	if (!stored) throw new Error('The n8n API credential was not stored');

	const path = `/rest/workflows/${WORKFLOW_IDS.retries}`;
	const workflow = await client.get<WorkflowJson & { versionId: string }>(path);
	for (const node of workflow.nodes) {
		const parameters = node.parameters as Record<string, unknown>;
		if (node.type === 'n8n-nodes-base.scheduleTrigger') {
			parameters.rule = { interval: [{ field: 'seconds', secondsInterval: schedule.everySeconds }] };
		}
		if (node.type === 'n8n-nodes-intercom-sync.retryFailedExecutions') {
			parameters.firstWaitMinutes = schedule.firstWaitMinutes;
			parameters.longestWaitMinutes = schedule.longestWaitMinutes ?? 1;
			parameters.maxRetries = schedule.maxRetries ?? 5;
			if (schedule.webhookBaseUrl) parameters.options = { ...(parameters.options as object), webhookBaseUrl: schedule.webhookBaseUrl };
			(node as { credentials?: unknown }).credentials = { intercomSyncN8nApi: { id: stored.id, name: stored.name } };
		}
	}
	await client.patch(path, { versionId: workflow.versionId, nodes: workflow.nodes, connections: workflow.connections });
	await env.n8n.publish(WORKFLOW_IDS.retries);
}
