import { listNodeTypes, type LoadedNodeType } from '../n8n/node-types';
import { registeredWebhooksOf } from '../n8n/registered-webhooks';
import type { N8nRestClient } from '../n8n/rest-client';
import type { N8nDeployment } from '../n8n/topology';
import { expectedWebhooks } from '../n8n/webhook-definitions';
import { getWorkflow } from '../n8n/workflows';
import { credentialLines, lookupKeyFile, type SyncCredentialsStatus } from './credentials';
import type { Login } from './login';
import { workflowLabel, type WorkflowStatus } from './workflows';

export interface SummaryInput {
	client: N8nRestClient;
	deployment: N8nDeployment;
	webhookBaseUrl: string;
	login: Login;
	credentials: SyncCredentialsStatus;
	loginFile: string;
	userFolder: string;
	workflows: WorkflowStatus[];
}

/** Published: the URLs n8n registered, one line per address (the Intercom Trigger answers HEAD and POST). */
async function registeredUrlLines(input: SummaryInput, workflowId: string, nodeTypes: LoadedNodeType[]): Promise<string[]> {
	const expected = expectedWebhooks(await getWorkflow(input.client, workflowId), nodeTypes);
	const byUrl = new Map<string, { node: string; methods: string[] }>();
	for (const webhook of await registeredWebhooksOf(input.client, workflowId, expected)) {
		const url = `${input.webhookBaseUrl}/webhook/${webhook.path}`;
		const entry = byUrl.get(url) ?? { node: webhook.node, methods: [] };
		entry.methods.push(webhook.method);
		byUrl.set(url, entry);
	}
	return [...byUrl].map(([url, { node, methods }]) => `    ${node} (${methods.sort().join(', ')}): ${url}`);
}

/** Each n8n process with its address and log; on queue mode, which one answers webhooks. */
function processLines(deployment: N8nDeployment): string[] {
	if (deployment.kind === 'regular') return [`  Log:      ${deployment.mainProcess.options.logFile}`];
	const describe = { main: 'main (editor, schedules)', worker: 'worker (runs executions), health check', webhook: 'webhook processor (answers webhooks)' };
	return [
		'  Processes:',
		...deployment.processes.map((process) => `    ${describe[process.role]}: ${process.baseUrl}   log ${process.options.logFile}`),
		...deployment.serviceLines().map((line) => `    ${line}`),
	];
}

/** What the person at the terminal needs: where to log in, with what, and which URL goes where. */
export async function printSummary(input: SummaryInput): Promise<void> {
	const { login, workflows, deployment } = input;
	const lines = [
		'',
		`n8n is running${deployment.kind === 'queue' ? ' on queue mode' : ''} with n8n-nodes-intercom-sync installed.`,
		`  Editor:   ${deployment.editorUrl}`,
		`  Email:    ${login.email}`,
		`  Password: ${login.password}   (kept in ${input.loginFile})`,
		...processLines(deployment),
		'',
	];
	if (workflows.length === 0) lines.push('No workflows in workflows/ yet.');
	else lines.push('Workflows and their webhook URLs:');
	const nodeTypes = await listNodeTypes(input.client);
	for (const workflow of workflows) {
		lines.push(`  ${workflowLabel(workflow)}: ${workflow.active ? 'published' : 'not published'}`);
		if (workflow.note) lines.push(`    ${workflow.note}`);
		if (workflow.active) {
			lines.push(...(await registeredUrlLines(input, workflow.id, nodeTypes)));
		} else {
			const expected = expectedWebhooks(await getWorkflow(input.client, workflow.id), nodeTypes);
			const urls = new Map(expected.filter((w) => w.path).map((w) => [`${input.webhookBaseUrl}/webhook/${w.path}`, w.node]));
			for (const [url, node] of urls) lines.push(`    ${node}: ${url}   (live once published)`);
		}
	}
	lines.push('', ...credentialLines(input.credentials, lookupKeyFile(input.userFolder)));
	lines.push('', `Press Ctrl-C to stop ${deployment.kind === 'queue' ? 'every process' : 'n8n'}.`, '');
	console.log(lines.join('\n'));
}
