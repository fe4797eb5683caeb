import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { N8nRequestError, type N8nRestClient } from '../n8n/rest-client';
import { listNodeTypes, type LoadedNodeType } from '../n8n/node-types';
import { PUBLISHED_BY_HAND } from '../n8n/sync-workflows';
import { createWorkflow, getWorkflow, listWorkflowIds, publishAndWaitForWebhooks, type WorkflowJson } from '../n8n/workflows';

export interface WorkflowStatus {
	file: string;
	id: string;
	name: string;
	active: boolean;
	/** What happened on this run, or why the workflow is not published. */
	note?: string;
}

interface ImportRecord {
	id: string;
	sha256: string;
	/** Whether it was ever published: one the user unpublished on purpose stays unpublished. */
	published: boolean;
}

const STATE_FILE = 'imported-workflows.json';

const NOT_PUBLISHED_ON_IMPORT =
	'imported, not published: run it by hand first (Execute workflow), then publish it to switch on the nightly refresh';

export interface ImportContext {
	client: N8nRestClient;
	/** Where production webhooks are answered: main, or the webhook processor on queue mode. */
	webhookBaseUrl: string;
	/** n8n's user folder, which is also where the import state is kept. */
	dataDir: string;
	workflowsDir: string;
}

/**
 * Imports every `workflows/*.json` that this n8n does not have yet and publishes it. Workflows imported on an
 * earlier run are left as they are, so edits made in the editor survive a restart.
 */
export async function importWorkflowFiles(context: ImportContext): Promise<WorkflowStatus[]> {
	const { client, dataDir, workflowsDir } = context;
	const nodeTypes = await listNodeTypes(client);
	const stateFile = join(dataDir, STATE_FILE);
	const state: Record<string, ImportRecord> = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : {};
	const files = existsSync(workflowsDir) ? readdirSync(workflowsDir).filter((name) => name.endsWith('.json')).sort() : [];
	const statuses: WorkflowStatus[] = [];
	const storedIds = await listWorkflowIds(client);
	const publisher = (file: string, id: string, name: string, success?: string) =>
		publish({ ...context, nodeTypes }, file, id, name, state, success);

	for (const file of files) {
		const text = readFileSync(join(workflowsDir, file), 'utf8');
		const sha256 = createHash('sha256').update(text).digest('hex');
		const workflow = JSON.parse(text) as WorkflowJson;
		const knownId = state[file]?.id ?? workflow.id;

		if (knownId && storedIds.has(knownId)) {
			const previous = state[file];
			const changed = previous !== undefined && previous.sha256 !== sha256;
			state[file] = { id: knownId, sha256: previous?.sha256 ?? sha256, published: previous?.published ?? true };
			const stored = await getWorkflow(client, knownId);
			if (!stored.active && !state[file].published && !PUBLISHED_BY_HAND.has(knownId)) {
				// Imported on an earlier run but never published, typically because its credentials did not exist yet.
				// Saving it again lets n8n match credential references by name to ones created since; then publish.
				await client.patch(`/rest/workflows/${encodeURIComponent(stored.id)}`, { nodes: stored.nodes, connections: stored.connections });
				statuses.push(await publisher(file, stored.id, stored.name));
			} else {
				statuses.push({
					file,
					id: knownId,
					name: stored.name,
					active: stored.active,
					note: changed
						? `workflows/${file} changed since it was imported; your copy in n8n was kept. To take the new one, delete the workflow in n8n and run npm start again.`
						: undefined,
				});
			}
			continue;
		}

		const created = await createWorkflow(client, workflow);
		state[file] = { id: created.id, sha256, published: false };
		writeFileSync(stateFile, `${JSON.stringify(state, null, '\t')}\n`);
		if (PUBLISHED_BY_HAND.has(created.id)) {
			statuses.push({ file, id: created.id, name: created.name, active: false, note: NOT_PUBLISHED_ON_IMPORT });
			continue;
		}
		statuses.push(await publisher(file, created.id, created.name, 'imported and published'));
	}
	writeFileSync(stateFile, `${JSON.stringify(state, null, '\t')}\n`);
	return statuses;
}

/** Publishes and waits until n8n routes the workflow's webhooks, so the URLs printed next already work. */
async function publish(
	context: ImportContext & { nodeTypes: LoadedNodeType[] },
	file: string,
	id: string,
	name: string,
	state: Record<string, ImportRecord>,
	success = 'published on this run',
): Promise<WorkflowStatus> {
	const { client, webhookBaseUrl, nodeTypes } = context;
	try {
		await publishAndWaitForWebhooks(client, webhookBaseUrl, id, nodeTypes);
		state[file].published = true;
		return { file, id, name, active: true, note: success };
	} catch (error) {
		return {
			file,
			id,
			name,
			active: false,
			note: `not published yet: ${publishFailure(error)}. Open it in n8n, fix that, then click Publish (or run npm start again).`,
		};
	}
}

/** n8n's reason, on one line. */
function publishFailure(error: unknown): string {
	const text = error instanceof N8nRequestError ? error.n8nMessage : error instanceof Error ? error.message : String(error);
	return text.replace(/\s*\n+\s*/g, ' ').trim();
}

export function workflowLabel(status: WorkflowStatus): string {
	return `${status.name} (${basename(status.file)})`;
}
