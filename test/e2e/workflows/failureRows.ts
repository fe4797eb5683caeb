import type { WorkflowEnvironment } from './environment';

export interface FailureRow {
	workflow: string;
	workflow_id: string;
	failed_node: string;
	error_message: string;
	error_details: string;
	execution_id: string;
	execution_url: string;
	mode: string;
	resolved: boolean;
	cause: string | null;
	retried: number | null;
	last_retry_execution_id: string | null;
	next_retry_at: string | null;
	needs_person: boolean | null;
	createdAt: string;
}

const TABLE = 'Intercom sync failures';

async function failuresTable(env: WorkflowEnvironment): Promise<{ projectId: string; tableId?: string }> {
	const { client } = env.n8n;
	const project = await client.get<{ id: string }>('/rest/projects/personal');
	const tables = await client.get<{ data: Array<{ id: string; name: string }> }>(`/rest/projects/${project.id}/data-tables`);
	return { projectId: project.id, tableId: tables.data.find((candidate) => candidate.name === TABLE)?.id };
}

/** Rows of the error workflow's data table, read through n8n's REST API as the Data tables page does. */
export async function failureRows(env: WorkflowEnvironment): Promise<FailureRow[]> {
	const { projectId, tableId } = await failuresTable(env);
	if (!tableId) return [];
	const rows = await env.n8n.client.get<{ data: FailureRow[] }>(`/rest/projects/${projectId}/data-tables/${tableId}/rows?take=1000`);
	return rows.data;
}

/** Deletes the failures table as a user would on the Data tables page, so the next failure finds none. */
export async function deleteFailuresTable(env: WorkflowEnvironment): Promise<void> {
	const { projectId, tableId } = await failuresTable(env);
	if (!tableId) return;
	const response = await env.n8n.client.send('DELETE', `/rest/projects/${projectId}/data-tables/${tableId}`);
	if (response.status >= 300) throw new Error(`Deleting the failures table answered ${response.status}: ${response.text()}`);
}
