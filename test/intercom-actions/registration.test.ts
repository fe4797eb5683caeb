import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INode, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { IntercomContact } from '../../nodes/IntercomContact/IntercomContact.node';
import { IntercomConversation } from '../../nodes/IntercomConversation/IntercomConversation.node';
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
	{ node: new IntercomConversation() as INodeType, name: 'intercomConversation', folder: 'IntercomConversation' },
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

// n8n rebuilds a node's parameters from the description when the editor opens a workflow and keeps only those
// shown for the node's version; this is what a saved workflow keeps.
describe.each([
	{ node: new IntercomContact() as INodeType, operation: 'upsert', json: 'customAttributesJson' },
	{ node: new IntercomTicket() as INodeType, operation: 'createOrUpdate', json: 'extraAttributesJson' },
	{ node: new IntercomDataEvent() as INodeType, operation: 'send', json: 'metadataJson' },
])('$json', ({ node, operation, json }) => {
	const asOpened = (typeVersion: number, parameters: INodeParameters) =>
		NodeHelpers.getNodeParameters(node.description.properties, { operation, ...parameters }, false, false, { typeVersion } as INode, node.description);

	it('new nodes (1.1) keep the JSON under Options, only when added there', () => {
		expect(node.description.defaultVersion).toBe(1.1);
		expect(asOpened(1.1, {})).not.toHaveProperty(json);
		expect(asOpened(1.1, { options: { [json]: '{"a": 1}' } })).toMatchObject({ options: { [json]: '{"a": 1}' } });
		expect(asOpened(1.1, { [json]: '{"a": 1}' })).not.toHaveProperty(json);
	});

	it('nodes saved with version 1 keep the JSON field beside the list, with its value', () => {
		expect(asOpened(1, { [json]: '{"a": 1}' })).toMatchObject({ [json]: '{"a": 1}' });
		expect(asOpened(1, { options: { [json]: '{"a": 1}' } })?.options).toEqual({});
	});
});
