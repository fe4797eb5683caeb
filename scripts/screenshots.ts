// `npm run screenshots`: the README's pictures in docs/, taken from an n8n set up as `npm start` sets it up.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { launchChromium } from './browser/chromium';
import { N8nEditor } from './browser/editor';
import { startSampleEditor } from './browser/sampleEditor';
import { repoRoot } from './n8n/paths';
import { CREDENTIAL_NAMES } from './n8n/sync-workflows';
import { createWorkflow } from './n8n/workflows';

const DOCS = join(repoRoot, 'docs');

/** Each picture: where it is taken and what it shows. Names are what the README links to. */
const PANELS = [
	{ file: 'member-lookup-panel.png', workflow: 'intercom-member-sync.json', node: 'Look up the member by email' },
	{ file: 'intercom-contact-panel.png', workflow: 'intercom-member-sync.json', node: 'Write the member data to the contact' },
	{ file: 'intercom-ticket-reply-panel.png', workflow: 'todoist-bug-escalation.json', node: 'Tell the customer it is fixed' },
	{ file: 'todoist-task-panel.png', workflow: 'todoist-bug-escalation.json', node: 'Comment on the Todoist task' },
];

/** No shipped workflow replies to a conversation yet: a small example shows the Intercom Conversation node's form. */
const CONVERSATION_EXAMPLE = {
	name: 'Example: note on a conversation',
	nodes: [
		{ id: 'a1f0c0de-0000-4000-8000-000000000001', name: 'When Intercom reports a reply', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'a1f0c0de-0000-4000-8000-000000000002',
			name: 'Add an internal note',
			type: 'n8n-nodes-intercom-sync.intercomConversation',
			typeVersion: 1,
			position: [240, 0],
			parameters: { operation: 'reply', conversationId: '={{ $json.conversationId }}', messageType: 'note', body: 'Member data checked against the directory.' },
			credentials: { intercomSyncApi: { id: null, name: CREDENTIAL_NAMES.intercom } },
		},
	],
	connections: { 'When Intercom reports a reply': { main: [[{ node: 'Add an internal note', type: 'main', index: 0 }]] } },
};

async function main(): Promise<void> {
	mkdirSync(DOCS, { recursive: true });
	console.log('Starting a throw-away n8n with the package and the workflows…');
	const sample = await startSampleEditor();
	const chromium = await launchChromium();
	try {
		const page = await chromium.browser.newPage({ viewport: { width: 1440, height: 900 } });
		const editor = new N8nEditor(page, sample.n8n.baseUrl);
		await editor.signIn(sample.login.email, sample.login.password);
		const idOf = (file: string) => sample.workflows.find((workflow) => workflow.file === file)!.id;

		for (const workflow of sample.workflows) {
			await editor.openWorkflow(workflow.id);
			await save(page, `workflow-${workflow.file.replace(/\.json$/, '')}.png`);
		}
		for (const panel of PANELS) {
			await editor.openWorkflow(idOf(panel.workflow));
			await editor.openNode(panel.node);
			await save(page, panel.file);
			await editor.closeNode();
		}
		const intercom = sample.credentials.find((credential) => credential.name === CREDENTIAL_NAMES.intercom)!;
		const example = await createWorkflow(sample.n8n.client, {
			...CONVERSATION_EXAMPLE,
			nodes: CONVERSATION_EXAMPLE.nodes.map((node) => (node.credentials ? { ...node, credentials: { intercomSyncApi: { id: intercom.id, name: intercom.name } } } : node)),
		} as unknown as Parameters<typeof createWorkflow>[1]);
		await editor.openWorkflow(example.id);
		await editor.openNode('Add an internal note');
		await save(page, 'intercom-conversation-panel.png');
		await editor.closeNode();
		await editor.openCredential(intercom.id);
		await save(page, 'intercom-credential.png');
	} finally {
		await chromium.close();
		await sample.n8n.stop();
	}
}

async function save(page: import('playwright-core').Page, file: string): Promise<void> {
	// Finished, not half-way through a fade: n8n animates its panels and dialogs in and out.
	await page.screenshot({ path: join(DOCS, file), animations: 'disabled' });
	console.log(`  docs/${file}`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
