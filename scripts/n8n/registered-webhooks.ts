import type { N8nRestClient } from './rest-client';
import type { ExpectedWebhook } from './webhook-definitions';

export interface RegisteredWebhook {
	workflowId: string;
	/** Node name in the workflow. */
	node: string;
	method: string;
	/** Path under `/webhook/`: `<webhookId>/<path>`, or the bare path for full-path nodes. */
	path: string;
}

interface StoredWebhook {
	workflowId: string;
	node: string;
	method: string;
	webhookPath: string;
}

/**
 * Asks n8n (main's REST API, `POST /rest/webhooks/find`, which the editor uses too) whether it registered a
 * production webhook for this method and path. Works on any database n8n runs on, SQLite or Postgres.
 */
async function findRegisteredWebhook(client: N8nRestClient, method: string, path: string): Promise<RegisteredWebhook | undefined> {
	const stored = await client.post<StoredWebhook | null>('/rest/webhooks/find', { method, path });
	return stored ? { workflowId: stored.workflowId, node: stored.node, method: stored.method, path: stored.webhookPath } : undefined;
}

/**
 * The webhooks a workflow defines that n8n has registered for it. A webhook whose path or method can only be
 * known by evaluating an expression cannot be asked about and is left out.
 */
export async function registeredWebhooksOf(client: N8nRestClient, workflowId: string, expected: ExpectedWebhook[]): Promise<RegisteredWebhook[]> {
	const found = await Promise.all(
		expected.map(async ({ method, path }) => (method && path ? await findRegisteredWebhook(client, method, path) : undefined)),
	);
	return found.filter((webhook): webhook is RegisteredWebhook => webhook?.workflowId === workflowId);
}

export function productionWebhookUrl(baseUrl: string, webhook: Pick<RegisteredWebhook, 'path'>): string {
	return `${baseUrl}/webhook/${webhook.path}`;
}
