import { setTimeout as sleep } from 'node:timers/promises';

import { sendHttp } from './http';
import { productionWebhookUrl, registeredWebhooksOf, type RegisteredWebhook } from './registered-webhooks';
import type { N8nRestClient } from './rest-client';
import type { LoadedNodeType } from './node-types';
import { expectedWebhooks, type ExpectedWebhook } from './webhook-definitions';

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
	connections: WorkflowJson['connections'];
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

/**
 * The ids of every workflow this n8n holds, archived ones included (an id in use cannot be imported again).
 * Listing rather than asking for each id: n8n logs "User attempted to access a workflow without permissions"
 * for every GET of an id it does not have.
 */
export async function listWorkflowIds(client: N8nRestClient): Promise<Set<string>> {
	const workflows = await client.get<Array<{ id: string }>>('/rest/workflows');
	return new Set(workflows.map((workflow) => workflow.id));
}

export async function getWorkflow(client: N8nRestClient, workflowId: string): Promise<StoredWorkflow> {
	return await client.get<StoredWorkflow>(`/rest/workflows/${encodeURIComponent(workflowId)}`);
}

/** Publishes (activates) the current version; n8n registers its production webhooks. */
async function publishWorkflow(client: N8nRestClient, workflowId: string): Promise<StoredWorkflow> {
	const { versionId } = await getWorkflow(client, workflowId);
	return await client.post<StoredWorkflow>(`/rest/workflows/${encodeURIComponent(workflowId)}/activate`, { versionId });
}

/**
 * n8n answers the publish call a moment before its webhooks are stored and the webhook server finds them. Waits
 * until n8n reports every webhook the workflow defines as registered and each passes a CORS preflight on the
 * server that answers webhooks (main, or the webhook processor on queue mode), which runs the same lookup as a
 * real request without starting an execution.
 */
async function waitForWebhooks(
	client: N8nRestClient,
	webhookBaseUrl: string,
	workflowId: string,
	expected: ExpectedWebhook[],
	timeoutMs = 30_000,
): Promise<RegisteredWebhook[]> {
	if (expected.length === 0) return [];
	const unknowable = expected.filter((webhook) => !webhook.method || !webhook.path);
	if (unknowable.length > 0) {
		throw new Error(`Workflow ${workflowId}: the path or method of ${JSON.stringify(unknowable)} is an expression; give it a fixed value.`);
	}
	const deadline = Date.now() + timeoutMs;
	let routed: RegisteredWebhook[] = [];
	while (Date.now() < deadline) {
		const registered = await registeredWebhooksOf(client, workflowId, expected);
		routed = [];
		for (const webhook of registered) {
			const preflight = await sendHttp(productionWebhookUrl(webhookBaseUrl, webhook), {
				method: 'OPTIONS',
				headers: { origin: webhookBaseUrl, 'access-control-request-method': webhook.method },
			});
			if (preflight.status === 204 || preflight.status === 200) routed.push(webhook);
		}
		if (routed.length === expected.length) return routed;
		await sleep(100);
	}
	throw new Error(
		`Workflow ${workflowId}: ${webhookBaseUrl} routes ${routed.length} of its ${expected.length} webhook(s) after ${timeoutMs} ms ` +
			`(expected ${JSON.stringify(expected)}, routed ${JSON.stringify(routed)})`,
	);
}

/**
 * Waits until every webhook a published workflow defines is routed (see waitForWebhooks). Call it after a
 * publish, or after a CLI import + publish + restart, since n8n registers webhooks a moment after it is ready.
 */
export async function waitForPublishedWebhooks(
	client: N8nRestClient,
	webhookBaseUrl: string,
	workflowId: string,
	nodeTypes: LoadedNodeType[],
): Promise<{ workflow: StoredWorkflow; webhooks: RegisteredWebhook[] }> {
	const workflow = await getWorkflow(client, workflowId);
	const webhooks = await waitForWebhooks(client, webhookBaseUrl, workflowId, expectedWebhooks(workflow, nodeTypes));
	return { workflow, webhooks };
}

/** Publishes a stored workflow, then waits until its webhooks are routed: the one way every caller publishes. */
export async function publishAndWaitForWebhooks(
	client: N8nRestClient,
	webhookBaseUrl: string,
	workflowId: string,
	nodeTypes: LoadedNodeType[],
): Promise<{ workflow: StoredWorkflow; webhooks: RegisteredWebhook[] }> {
	await publishWorkflow(client, workflowId);
	return await waitForPublishedWebhooks(client, webhookBaseUrl, workflowId, nodeTypes);
}
