import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';

export interface RegisteredWebhook {
	workflowId: string;
	/** Node name in the workflow. */
	node: string;
	method: string;
	/** Path under `/webhook/`: `<webhookId>/<path>`, or the bare path for full-path nodes. */
	path: string;
}

/**
 * The production webhooks n8n registered when it published a workflow, read from its own SQLite table,
 * so the URLs we print or call are exactly the ones n8n routes (no re-implementation of its path rules).
 */
export function readRegisteredWebhooks(userFolder: string, workflowId?: string): RegisteredWebhook[] {
	const db = new DatabaseSync(join(userFolder, '.n8n', 'database.sqlite'), { readOnly: true });
	try {
		const query = 'SELECT "workflowId", "node", "method", "webhookPath" FROM webhook_entity';
		const rows = (
			workflowId === undefined
				? db.prepare(`${query} ORDER BY "workflowId", "node", "method"`).all()
				: db.prepare(`${query} WHERE "workflowId" = ? ORDER BY "node", "method"`).all(workflowId)
		) as Array<{ workflowId: string; node: string; method: string; webhookPath: string }>;
		return rows.map((row) => ({ workflowId: row.workflowId, node: row.node, method: row.method, path: row.webhookPath }));
	} finally {
		db.close();
	}
}

export function productionWebhookUrl(baseUrl: string, webhook: RegisteredWebhook): string {
	return `${baseUrl}/webhook/${webhook.path}`;
}
