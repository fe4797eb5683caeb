/** How the node presents itself to n8n: package entry, codex, icon, credentials and parameters. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NodeHelpers, Workflow } from 'n8n-workflow';

import { MemberLookup } from '../../nodes/MemberLookup/MemberLookup.node';

const root = join(__dirname, '..', '..');
const description = new MemberLookup().description;

it('is listed in package.json under its compiled path', () => {
	const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
	expect(packageJson.n8n.nodes).toContain('dist/nodes/MemberLookup/MemberLookup.node.js');
});

it('has a codex file naming the installed node type, and its light and dark icons beside it', () => {
	const folder = join(root, 'nodes', 'MemberLookup');
	const codex = JSON.parse(readFileSync(join(folder, 'MemberLookup.node.json'), 'utf8')) as { node: string };
	expect(codex.node).toBe(`n8n-nodes-intercom-sync.${description.name}`);
	expect(description.icon).toEqual({ light: 'file:memberDatabase.svg', dark: 'file:memberDatabase.dark.svg' });
	const light = readFileSync(join(folder, 'memberDatabase.svg'), 'utf8');
	const dark = readFileSync(join(folder, 'memberDatabase.dark.svg'), 'utf8');
	expect(dark).not.toBe(light);
});

it('is usable as an AI tool and asks for the database always, Supabase only with positions on', () => {
	expect(description).toMatchObject({ name: 'memberLookup', usableAsTool: true });
	expect(description.credentials).toEqual([
		{ name: 'memberDatabase', required: true, testedBy: 'memberDatabaseCredentialTest' },
		{
			name: 'supabaseSyncApi',
			required: true,
			testedBy: 'supabaseCredentialTest',
			displayOptions: { show: { includePositions: [true] } },
		},
	]);
});

it('offers exactly the parameters the workflow JSON may set', () => {
	expect(description.properties.map((property) => property.name)).toEqual([
		'matchBy',
		'email',
		'memberNumber',
		'statuses',
		'includePositions',
		'whenNotFound',
		'source',
		'table',
		'customQuery',
		'columns',
		'positions',
		'intercomAttributes',
		'options',
	]);
});

it('defaults to seed 003: Active and Retired members, positions on, not-found items kept', () => {
	const defaults = Object.fromEntries(description.properties.map((property) => [property.name, property.default]));
	expect(defaults).toMatchObject({
		matchBy: 'email',
		email: '={{ $json.email }}',
		statuses: 'Active, Retired',
		includePositions: true,
		whenNotFound: 'outputNotFound',
		source: 'table',
		table: 'members',
	});
});

describe('outputs, as n8n works them out from the saved parameters', () => {
	function outputsFor(parameters: Record<string, string>) {
		const node = { id: 'lookup', name: 'Member Lookup', type: 'n8n-nodes-intercom-sync.memberLookup', typeVersion: 1, position: [0, 0] as [number, number], parameters };
		const nodeTypes = { getByName: () => new MemberLookup(), getByNameAndVersion: () => new MemberLookup(), getKnownTypes: () => ({}) };
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		return NodeHelpers.getNodeOutputs(workflow, node, description);
	}

	it('are one unnamed output by default, so saved workflows keep their connections', () => {
		expect(outputsFor({})).toEqual(['main']);
		expect(outputsFor({ whenNotFound: 'drop' })).toEqual(['main']);
	});

	it('are Found and Not Found when not-found items go to their own output', () => {
		expect(outputsFor({ whenNotFound: 'notFoundOutput' })).toEqual([
			{ type: 'main', displayName: 'Found' },
			{ type: 'main', displayName: 'Not Found' },
		]);
	});
});
