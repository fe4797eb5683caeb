import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { mock } from 'jest-mock-extended';
import { resolveWebhookDescriptionField, webhookDescriptionIsNativelyResolvable, type IHookFunctions, type INode, type INodeType } from 'n8n-workflow';

import { IntercomTrigger } from '../../nodes/IntercomTrigger/IntercomTrigger.node';
import { MemberLookupApiTrigger } from '../../nodes/MemberLookupApiTrigger/MemberLookupApiTrigger.node';
import { TodoistTrigger } from '../../nodes/TodoistTrigger/TodoistTrigger.node';

const packageJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
	n8n: { nodes: string[] };
};

describe.each([
	{ trigger: new IntercomTrigger() as INodeType, name: 'intercomTrigger', credential: 'intercomSyncApi', testedBy: 'intercomCredentialTest', folder: 'IntercomTrigger' },
	{ trigger: new TodoistTrigger() as INodeType, name: 'todoistTrigger', credential: 'todoistSyncApi', testedBy: 'todoistCredentialTest', folder: 'TodoistTrigger' },
])('$name', ({ trigger, name, credential, testedBy, folder }) => {
	it('is registered under its name, with its credential, in package.json', () => {
		expect(trigger.description.name).toBe(name);
		expect(trigger.description.credentials).toEqual([{ name: credential, required: true, testedBy }]);
		expect(packageJson.n8n.nodes).toContain(`dist/nodes/${folder}/${folder}.node.js`);
	});

	it('has a codex file naming the installed node type', () => {
		const codex = JSON.parse(readFileSync(join(__dirname, '..', '..', 'nodes', folder, `${folder}.node.json`), 'utf8'));
		expect(codex.node).toBe(`n8n-nodes-intercom-sync.${name}`);
	});

	it('acknowledges POSTs at once with an empty 200 (responseMode onReceived, no response data)', () => {
		const post = trigger.description.webhooks?.find((webhook) => webhook.name === 'default');
		expect(post).toMatchObject({ httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData' });
	});

	it('has nothing to register: checkExists false, create logs where the URL goes, delete succeeds', async () => {
		const hooks = mock<IHookFunctions>({ logger: mock() });
		hooks.getNodeWebhookUrl.mockReturnValue('https://n8n.example.org/webhook/abc/webhook');
		const methods = trigger.webhookMethods!.default!;
		expect(await methods.checkExists.call(hooks)).toBe(false);
		expect(await methods.create.call(hooks)).toBe(true);
		expect(hooks.logger.info).toHaveBeenCalledWith(expect.stringContaining('https://n8n.example.org/webhook/abc/webhook'));
		expect(await methods.delete.call(hooks)).toBe(true);
	});
});

// n8n 2.41 (live-webhooks, webhook.service, webhook-helpers) goes to the expression engine on every request for
// a webhook field it cannot read from the saved parameters, and for any version-1 node; with lazy isolates each
// such request builds an isolate. These are n8n-workflow's own checks, the version n8n 2.41 runs.
describe.each([
	{ trigger: new IntercomTrigger() as INodeType, parameters: { listenTo: 'all' }, path: 'webhook' },
	{ trigger: new TodoistTrigger() as INodeType, parameters: { listenTo: 'all' }, path: 'webhook' },
	{ trigger: new MemberLookupApiTrigger() as INodeType, parameters: { path: 'member-lookup' }, path: 'member-lookup' },
])('$trigger.description.displayName on a webhook request', ({ trigger, parameters, path }) => {
	const { description } = trigger;
	const node: INode = {
		id: 'trigger',
		name: description.displayName,
		type: `n8n-nodes-intercom-sync.${description.name}`,
		typeVersion: description.defaultVersion!,
		position: [0, 0],
		parameters,
	};

	it('defaults to a version above 1', () => {
		expect(description.defaultVersion).toBeGreaterThan(1);
	});

	it('needs no expression engine to read its webhook descriptions, the path included', () => {
		for (const webhook of description.webhooks ?? []) expect(webhookDescriptionIsNativelyResolvable(webhook)).toBe(true);
		const post = description.webhooks!.find((webhook) => webhook.httpMethod === 'POST')!;
		const resolved = resolveWebhookDescriptionField(node, post, 'path');
		expect(resolved.resolved ? resolved.value : post.path).toBe(path);
	});
});
