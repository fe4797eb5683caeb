import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { TodoistTask } from '../../nodes/TodoistTask/TodoistTask.node';
import { todoistCredentialTest } from '../../nodes/common/credentialTests/todoist';

const root = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
const node = new TodoistTask();
const { description } = node;

describe('Todoist Task registration', () => {
	it('is registered in package.json with the Todoist credential, tested like the trigger’s, usable as a tool', () => {
		expect(description.name).toBe('todoistTask');
		expect(description.credentials).toEqual([{ name: 'todoistSyncApi', required: true, testedBy: 'todoistCredentialTest' }]);
		// n8n runs the first testedBy it finds for a credential: both Todoist nodes must name the same function.
		expect(node.methods.credentialTest.todoistCredentialTest).toBe(todoistCredentialTest);
		expect(description.usableAsTool).toBe(true);
		expect(packageJson.n8n.nodes).toContain('dist/nodes/TodoistTask/TodoistTask.node.js');
	});

	it('has its icon and a codex file naming the installed node type', () => {
		expect(description.icon).toBe('file:todoist.svg');
		expect(existsSync(join(root, 'nodes', 'TodoistTask', 'todoist.svg'))).toBe(true);
		const codex = JSON.parse(readFileSync(join(root, 'nodes', 'TodoistTask', 'TodoistTask.node.json'), 'utf8'));
		expect(codex.node).toBe('n8n-nodes-intercom-sync.todoistTask');
	});

	it('offers Add Comment, Close and Reopen, each with a Task ID and the request options', () => {
		const operations = (description.properties.find((property) => property.name === 'operation')?.options ?? []) as Array<{ value: string }>;
		expect(operations.map((operation) => operation.value)).toEqual(['addComment', 'close', 'reopen']);
		const shownFor = (value: string) =>
			description.properties.filter((property) => property.displayOptions?.show?.operation?.includes(value)).map((property) => property.name);
		expect(shownFor('addComment')).toEqual(['taskId', 'content', 'options']);
		expect(shownFor('close')).toEqual(['taskId', 'options']);
		expect(shownFor('reopen')).toEqual(['taskId', 'options']);
		// The request options on every operation, and each operation's own sync option, sorted by display name.
		const own: Record<string, string[]> = { addComment: ['onceKey'], close: ['dontEchoBack'], reopen: ['dontEchoBack'] };
		const expected: Record<string, string[]> = {
			addComment: ['concurrency', 'onceKey', 'maxRetries', 'timeoutSeconds'],
			close: ['concurrency', 'dontEchoBack', 'maxRetries', 'timeoutSeconds'],
			reopen: ['concurrency', 'dontEchoBack', 'maxRetries', 'timeoutSeconds'],
		};
		for (const { value } of operations) {
			const options = description.properties.find((property) => property.name === 'options' && property.displayOptions?.show?.operation?.includes(value));
			const names = (options?.options ?? []).map((option) => option.name);
			expect({ value, options: names }).toEqual({ value, options: expected[value] });
			expect(names).toEqual(expect.arrayContaining(own[value]));
		}
	});
});
