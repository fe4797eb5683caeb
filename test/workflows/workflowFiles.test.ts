/**
 * The shipped workflow files, checked without n8n: stable ids and webhook URLs, credentials by name, the error
 * workflow wired in, and every parameter of our nodes one that the node actually declares (so a renamed
 * parameter fails here, not silently in a user's n8n).
 */
import { join } from 'node:path';

import type { INodeProperties, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { PACKAGE_NAME, readPackageManifest } from '../support/n8n';
import { repoRoot } from '../../scripts/n8n/paths';
import { CREDENTIAL_NAMES, isWebhookTrigger, readWorkflowFiles, WORKFLOW_IDS } from '../../scripts/n8n/sync-workflows';

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	webhookId?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string | null; name: string }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const STICKY = 'n8n-nodes-base.stickyNote';

const files = readWorkflowFiles().map(({ file, workflow }) => ({
	file: file.slice(file.lastIndexOf('/') + 1),
	workflow: workflow as unknown as { id: string; name: string; nodes: WorkflowNode[]; connections: Record<string, { main: Array<Array<{ node: string }>> }>; settings: Record<string, unknown> },
}));

/** Our node descriptions, loaded from the TypeScript sources the package manifest points at. */
function ourNodeDescriptions(): Map<string, INodeTypeDescription> {
	const descriptions = new Map<string, INodeTypeDescription>();
	for (const distPath of readPackageManifest().n8n.nodes) {
		const source = join(repoRoot, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		for (const NodeClass of Object.values(require(source) as Record<string, new () => INodeType>)) {
			const { description } = new NodeClass();
			descriptions.set(`${PACKAGE_NAME}.${description.name}`, description);
		}
	}
	return descriptions;
}

/** How many lines `text` takes when wrapped at spaces into lines of `width` characters. */
function canvasLines(text: string, width: number): number {
	let lines = 1;
	let line = '';
	for (const word of text.split(' ')) {
		const joined = line ? `${line} ${word}` : word;
		if (joined.length <= width || !line) line = joined;
		else {
			lines += 1;
			line = word;
		}
	}
	return lines;
}

describe('workflows/*.json', () => {
	const descriptions = ourNodeDescriptions();

	it('are the four documented workflows, each with its fixed id', () => {
		expect(files.map(({ workflow }) => workflow.id).sort()).toEqual(Object.values(WORKFLOW_IDS).sort());
	});

	it.each(files)('$file: unique node ids and names, connections between existing nodes, every step reachable', ({ workflow }) => {
		const names = workflow.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
		expect(workflow.nodes.every((node) => UUID.test(node.id))).toBe(true);
		const targets = Object.values(workflow.connections).flatMap((connection) => connection.main.flat().map((link) => link.node));
		for (const name of [...Object.keys(workflow.connections), ...targets]) expect(names).toContain(name);

		const steps = workflow.nodes.filter((node) => node.type !== STICKY);
		const starts = steps.filter((node) => !targets.includes(node.name));
		// Every start is a trigger; everything else hangs off one.
		expect(starts.every((node) => /trigger|webhook/i.test(node.type))).toBe(true);
		const reached = new Set(starts.map((node) => node.name));
		for (let grew = true; grew; ) {
			grew = false;
			for (const [from, connection] of Object.entries(workflow.connections)) {
				if (!reached.has(from)) continue;
				for (const link of connection.main.flat()) {
					if (reached.has(link.node)) continue;
					reached.add(link.node);
					grew = true;
				}
			}
		}
		expect(steps.map((node) => node.name).filter((name) => !reached.has(name))).toEqual([]);
	});

	// n8n 2.41 shows a node's name on at most two lines, 200 px wide, under the node and cuts the rest off. About 22
	// characters fit a line (measured in Chromium with n8n's font); wrapping at word breaks like the browser does.
	it.each(files)('$file: node names fit under the node on the canvas', ({ workflow }) => {
		const cutOff = workflow.nodes.filter((node) => node.type !== STICKY && canvasLines(node.name, 22) > 2).map((node) => node.name);
		expect(cutOff).toEqual([]);
	});

	it('give every webhook trigger its own fixed webhookId, so production URLs stay the same across imports', () => {
		const triggers = files.flatMap(({ workflow }) => workflow.nodes.filter((node) => isWebhookTrigger(node.type)));
		expect(triggers.length).toBeGreaterThanOrEqual(3);
		for (const trigger of triggers) expect(trigger.webhookId).toMatch(UUID);
		expect(new Set(triggers.map((trigger) => trigger.webhookId)).size).toBe(triggers.length);
	});

	it('send failures to the error workflow (which does not call itself; nor do the retries, which run every minute)', () => {
		// A retries run that fails (say, a revoked API key) would add a row every minute; its executions list shows it.
		const notRecorded: string[] = [WORKFLOW_IDS.failures, WORKFLOW_IDS.retries];
		for (const { workflow } of files) {
			expect(workflow.settings.executionOrder).toBe('v1');
			if (notRecorded.includes(workflow.id)) expect(workflow.settings.errorWorkflow).toBeUndefined();
			else expect(workflow.settings.errorWorkflow).toBe(WORKFLOW_IDS.failures);
		}
	});

	it('give the retries and the error workflow the same failures table, so either may create it', () => {
		const tableColumns = (id: string) =>
			files
				.find(({ workflow }) => workflow.id === id)!
				.workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.dataTable' && node.parameters.operation === 'create')
				.map((node) => node.parameters);
		const [recorded] = tableColumns(WORKFLOW_IDS.failures);
		const [retried] = tableColumns(WORKFLOW_IDS.retries);
		expect(recorded).toBeDefined();
		expect(retried).toEqual(recorded);
	});

	it('refer to credentials by name only, with the names npm start and the tests create', () => {
		const names = new Set<string>(Object.values(CREDENTIAL_NAMES));
		for (const { workflow } of files) {
			for (const node of workflow.nodes) {
				for (const reference of Object.values(node.credentials ?? {})) {
					expect(reference.id).toBeNull();
					expect(names).toContain(reference.name);
				}
				const declared = descriptions.get(node.type)?.credentials;
				for (const type of Object.keys(node.credentials ?? {})) {
					if (declared) expect(declared.map((credential) => credential.name)).toContain(type);
				}
			}
		}
	});

	it("use only parameters our nodes declare, and each node's current version", () => {
		const problems: string[] = [];
		for (const { file, workflow } of files) {
			for (const node of workflow.nodes.filter((candidate) => candidate.type.startsWith(`${PACKAGE_NAME}.`))) {
				const description = descriptions.get(node.type);
				if (!description) {
					problems.push(`${file}: ${node.name} uses ${node.type}, which the package does not declare`);
					continue;
				}
				// The current version, so imported workflows get what a node dragged onto the canvas gets (for our
				// webhook triggers that is also the version n8n does not evaluate an extra expression for per request).
				const current = description.defaultVersion ?? Math.max(...[description.version].flat());
				if (node.typeVersion !== current) problems.push(`${file}: ${node.name} has version ${node.typeVersion}, not the current ${current}`);
				const declared = new Set(description.properties.map((property: INodeProperties) => property.name));
				for (const parameter of Object.keys(node.parameters)) {
					if (!declared.has(parameter)) problems.push(`${file}: ${node.name} sets "${parameter}", which ${node.type} does not declare`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	it.each(files)('$file: explains itself on the canvas with sticky notes', ({ workflow }) => {
		const notes = workflow.nodes.filter((node) => node.type === STICKY).map((node) => String(node.parameters.content));
		expect(notes.length).toBeGreaterThanOrEqual(1);
		expect(notes[0]).toMatch(/^## /);
		expect(notes.join('\n')).toMatch(/Publish|publish/);
	});
});
