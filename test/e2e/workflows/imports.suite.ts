import { readWorkflowFiles, WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import type { WorkflowEnvironment } from './environment';
import { runAloneWhenNamed } from './onEnvironment';

interface StoredNode {
	name: string;
	type: string;
	credentials?: Record<string, { id: string | null; name: string }>;
}

/** n8n's CLI log lines that concern the import itself (its start-up notices about settings are not ours). */
function importMessages(output: string): string[] {
	return output
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => /workflow|credential|node|import|skip/i.test(line) && !/^-\s*N8N_/.test(line));
}

export function describeImports(getEnv: () => WorkflowEnvironment): void {
	describe('the workflow files in n8n', () => {
		const files = readWorkflowFiles();

		it('import with `n8n import:workflow` as they are, without warnings', () => {
			const messages = importMessages(getEnv().importOutput);
			expect(messages).toContain(`Successfully imported ${files.length} workflows.`);
			expect(messages.filter((line) => /warn|skipp|invalid|fail|error|could not|not found/i.test(line))).toEqual([]);
		});

		it('name only node types and versions that the installed n8n and this package provide', async () => {
			const loaded = new Map<string, Set<number>>();
			for (const type of await getEnv().n8n.nodeTypes()) {
				const versions = loaded.get(type.name) ?? new Set<number>();
				for (const version of [type.version].flat()) versions.add(version);
				loaded.set(type.name, versions);
			}
			const missing = files.flatMap(({ file, workflow }) =>
				workflow.nodes
					.filter((node) => !loaded.get(node.type)?.has(node.typeVersion as number))
					.map((node) => `${file}: ${node.name} (${node.type} v${String(node.typeVersion)})`),
			);
			expect(missing).toEqual([]);
		});

		it('had every credential matched by name to the credentials created beforehand', async () => {
			const unmatched: string[] = [];
			for (const id of Object.values(WORKFLOW_IDS)) {
				const stored = await getEnv().n8n.client.get<{ nodes: StoredNode[] }>(`/rest/workflows/${id}`);
				for (const node of stored.nodes) {
					for (const [type, reference] of Object.entries(node.credentials ?? {})) {
						if (!reference.id) unmatched.push(`${id}: ${node.name} → ${type} "${reference.name}"`);
					}
				}
			}
			expect(unmatched).toEqual([]);
		});
	});
}

runAloneWhenNamed(__filename, describeImports);
