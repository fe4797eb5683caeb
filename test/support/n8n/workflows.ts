import { setTimeout as sleep } from 'node:timers/promises';

import { sendHttp } from './http';
import { readRegisteredWebhooks, type RegisteredWebhook } from './registered-webhooks';
import type { N8nRestClient } from './rest-client';

/** A workflow as exported by n8n or stored in `workflows/*.json`. */
export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: Array<Record<string, unknown> & { name: string; type: string }>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

export interface StoredWorkflow {
	id: string;
	name: string;
	versionId: string;
	active: boolean;
	activeVersionId?: string | null;
	nodes: WorkflowJson['nodes'];
}

/**
 * Creates the workflow through the REST API, as the editor's import does. Credentials referenced by name
 * (`{ "id": null, "name": "…" }` or an unknown id) are matched to existing credentials of the same type and name.
 */
export async function createWorkflow(client: N8nRestClient, workflow: WorkflowJson): Promise<StoredWorkflow> {
	const { id, name, description, nodes, connections, settings, meta, pinData } = workflow;
	return await client.post<StoredWorkflow>('/rest/workflows', {
		...(id ? { id } : {}),
		name,
		...(description === undefined ? {} : { description }),
		nodes,
		connections,
		settings: settings ?? { executionOrder: 'v1' },
		...(meta === undefined ? {} : { meta }),
		...(pinData === undefined ? {} : { pinData }),
	});
}

export async function getWorkflow(client: N8nRestClient, workflowId: string): Promise<StoredWorkflow> {
	return await client.get<StoredWorkflow>(`/rest/workflows/${encodeURIComponent(workflowId)}`);
}

export async function listWorkflows(client: N8nRestClient): Promise<StoredWorkflow[]> {
	return await client.get<StoredWorkflow[]>('/rest/workflows');
}

/** Publishes (activates) the current version; n8n registers its production webhooks. */
export async function publishWorkflow(client: N8nRestClient, workflowId: string): Promise<StoredWorkflow> {
	const { versionId } = await getWorkflow(client, workflowId);
	return await client.post<StoredWorkflow>(`/rest/workflows/${encodeURIComponent(workflowId)}/activate`, { versionId });
}

/**
 * n8n answers the publish call a moment before its webhook lookup sees the new webhooks.
 * A CORS preflight runs the same lookup without starting an execution: wait until every webhook passes it.
 */
export async function waitForWebhooks(
	baseUrl: string,
	userFolder: string,
	workflowId: string,
	timeoutMs = 15_000,
): Promise<RegisteredWebhook[]> {
	const deadline = Date.now() + timeoutMs;
	let pending: RegisteredWebhook[] = [];
	while (Date.now() < deadline) {
		const webhooks = readRegisteredWebhooks(userFolder, workflowId);
		pending = [];
		for (const webhook of webhooks) {
			const preflight = await sendHttp(`${baseUrl}/webhook/${webhook.path}`, {
				method: 'OPTIONS',
				headers: { origin: baseUrl, 'access-control-request-method': webhook.method },
			});
			if (preflight.status !== 204 && preflight.status !== 200) pending.push(webhook);
		}
		if (webhooks.length > 0 && pending.length === 0) return webhooks;
		await sleep(100);
	}
	throw new Error(
		`Workflow ${workflowId} has no reachable production webhook after ${timeoutMs} ms` +
			(pending.length ? ` (still missing: ${pending.map((w) => `${w.method} ${w.path}`).join(', ')})` : ''),
	);
}
