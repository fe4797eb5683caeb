import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { mock } from 'jest-mock-extended';
import type { IHookFunctions, INodeType } from 'n8n-workflow';

import { IntercomTrigger } from '../../nodes/IntercomTrigger/IntercomTrigger.node';
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
