import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { IntercomContact } from '../../nodes/IntercomContact/IntercomContact.node';
import { IntercomDataEvent } from '../../nodes/IntercomDataEvent/IntercomDataEvent.node';
import { IntercomTagRemove } from '../../nodes/IntercomTagRemove/IntercomTagRemove.node';
import { IntercomTicket } from '../../nodes/IntercomTicket/IntercomTicket.node';

const root = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };

describe.each([
	{ node: new IntercomContact() as INodeType, name: 'intercomContact', folder: 'IntercomContact' },
	{ node: new IntercomTagRemove() as INodeType, name: 'intercomTagRemove', folder: 'IntercomTagRemove' },
	{ node: new IntercomTicket() as INodeType, name: 'intercomTicket', folder: 'IntercomTicket' },
	{ node: new IntercomDataEvent() as INodeType, name: 'intercomDataEvent', folder: 'IntercomDataEvent' },
])('$name', ({ node, name, folder }) => {
	it('is registered in package.json with the Intercom credential, usable as a tool', () => {
		expect(node.description.name).toBe(name);
		expect(node.description.credentials).toEqual([{ name: 'intercomSyncApi', required: true, testedBy: 'intercomCredentialTest' }]);
		expect(node.description.usableAsTool).toBe(true);
		expect(packageJson.n8n.nodes).toContain(`dist/nodes/${folder}/${folder}.node.js`);
	});

	it('has its icon and a codex file naming the installed node type', () => {
		expect(node.description.icon).toBe('file:intercom.svg');
		expect(existsSync(join(root, 'nodes', folder, 'intercom.svg'))).toBe(true);
		const codex = JSON.parse(readFileSync(join(root, 'nodes', folder, `${folder}.node.json`), 'utf8'));
		expect(codex.node).toBe(`n8n-nodes-intercom-sync.${name}`);
	});

	it('gives every operation a Concurrency option', () => {
		const operations = node.description.properties.find((property) => property.name === 'operation')?.options ?? [];
		for (const operation of operations as Array<{ value: string }>) {
			const options = node.description.properties.find(
				(property) => property.name === 'options' && property.displayOptions?.show?.operation?.includes(operation.value),
			);
			expect({ operation: operation.value, concurrency: (options?.options ?? []).some((option) => option.name === 'concurrency') }).toEqual({
				operation: operation.value,
				concurrency: true,
			});
		}
	});
});
