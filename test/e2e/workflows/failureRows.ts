import type { WorkflowEnvironment } from './environment';

export interface FailureRow {
	workflow: string;
	workflow_id: string;
	failed_node: string;
	error_message: string;
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

/** Rows of the error workflow's data table, read through n8n's REST API as the Data tables page does. */
export async function failureRows(env: WorkflowEnvironment): Promise<FailureRow[]> {
	const { client } = env.n8n;
	const project = await client.get<{ id: string }>('/rest/projects/personal');
	const tables = await client.get<{ data: Array<{ id: string; name: string }> }>(`/rest/projects/${project.id}/data-tables`);
	const table = tables.data.find((candidate) => candidate.name === 'Intercom sync failures');
	if (!table) return [];
	const rows = await client.get<{ data: FailureRow[] }>(`/rest/projects/${project.id}/data-tables/${table.id}/rows?take=1000`);
	return rows.data;
}
