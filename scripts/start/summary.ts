import { listNodeTypes } from '../n8n/node-types';
import { readRegisteredWebhooks } from '../n8n/registered-webhooks';
import type { N8nRestClient } from '../n8n/rest-client';
import { expectedWebhooks } from '../n8n/webhook-definitions';
import { getWorkflow } from '../n8n/workflows';
import { credentialLines, lookupKeyFile, type SyncCredentialsStatus } from './credentials';
import type { Login } from './login';
import { workflowLabel, type WorkflowStatus } from './workflows';

export interface SummaryInput {
	client: N8nRestClient;
	editorUrl: string;
	webhookBaseUrl: string;
	login: Login;
	credentials: SyncCredentialsStatus;
	loginFile: string;
	logFile: string;
	userFolder: string;
	workflows: WorkflowStatus[];
}

/** Published: the URLs n8n registered, one line per address (the Intercom Trigger answers HEAD and POST). */
function registeredUrlLines(input: SummaryInput, workflowId: string): string[] {
	const byUrl = new Map<string, { node: string; methods: string[] }>();
	for (const webhook of readRegisteredWebhooks(input.userFolder, workflowId)) {
		const url = `${input.webhookBaseUrl}/webhook/${webhook.path}`;
		const entry = byUrl.get(url) ?? { node: webhook.node, methods: [] };
		entry.methods.push(webhook.method);
		byUrl.set(url, entry);
	}
	return [...byUrl].map(([url, { node, methods }]) => `    ${node} (${methods.sort().join(', ')}): ${url}`);
}

/** What the person at the terminal needs: where to log in, with what, and which URL goes where. */
export async function printSummary(input: SummaryInput): Promise<void> {
	const { login, workflows } = input;
	const lines = [
		'',
		'n8n is running with n8n-nodes-intercom-sync installed.',
		`  Editor:   ${input.editorUrl}`,
		`  Email:    ${login.email}`,
		`  Password: ${login.password}   (kept in ${input.loginFile})`,
		`  Log:      ${input.logFile}`,
		'',
	];
	if (workflows.length === 0) lines.push('No workflows in workflows/ yet.');
	else lines.push('Workflows and their webhook URLs:');
	const nodeTypes = workflows.some((workflow) => !workflow.active) ? await listNodeTypes(input.client) : [];
	for (const workflow of workflows) {
		lines.push(`  ${workflowLabel(workflow)}: ${workflow.active ? 'published' : 'not published'}`);
		if (workflow.note) lines.push(`    ${workflow.note}`);
		if (workflow.active) {
			lines.push(...registeredUrlLines(input, workflow.id));
		} else {
			const expected = expectedWebhooks(await getWorkflow(input.client, workflow.id), nodeTypes);
			const urls = new Map(expected.filter((w) => w.path).map((w) => [`${input.webhookBaseUrl}/webhook/${w.path}`, w.node]));
			for (const [url, node] of urls) lines.push(`    ${node}: ${url}   (live once published)`);
		}
	}
	lines.push('', ...credentialLines(input.credentials, lookupKeyFile(input.userFolder)));
	lines.push('', 'Press Ctrl-C to stop n8n.', '');
	console.log(lines.join('\n'));
}
