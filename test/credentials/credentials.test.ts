/**
 * The credentials as n8n and the workflows see them. Their names come from one module shared with the nodes,
 * which n8n's lint cannot read (it checks name literals only), so the checks it would make are made here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Workflow, type ICredentialType, type INodeType } from 'n8n-workflow';

import { CustomerDataEventsApi } from '../../credentials/CustomerDataEventsApi.credentials';
import { IntercomSyncApi } from '../../credentials/IntercomSyncApi.credentials';
import { IntercomSyncN8nApi } from '../../credentials/IntercomSyncN8nApi.credentials';
import { MemberDatabase } from '../../credentials/MemberDatabase.credentials';
import { MemberLookupApi } from '../../credentials/MemberLookupApi.credentials';
import { SupabaseSyncApi } from '../../credentials/SupabaseSyncApi.credentials';
import { TodoistSyncApi } from '../../credentials/TodoistSyncApi.credentials';

const root = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
	n8n: { credentials: string[]; nodes: string[] };
};

const credentials: Array<[string, ICredentialType, string]> = [
	['IntercomSyncApi', new IntercomSyncApi(), 'intercomSyncApi'],
	['TodoistSyncApi', new TodoistSyncApi(), 'todoistSyncApi'],
	['MemberDatabase', new MemberDatabase(), 'memberDatabase'],
	['SupabaseSyncApi', new SupabaseSyncApi(), 'supabaseSyncApi'],
	['MemberLookupApi', new MemberLookupApi(), 'memberLookupApi'],
	['CustomerDataEventsApi', new CustomerDataEventsApi(), 'customerDataEventsApi'],
	['IntercomSyncN8nApi', new IntercomSyncN8nApi(), 'intercomSyncN8nApi'],
];

it.each(credentials)('%s has the type name the workflows use and is listed in package.json', (file, credential, name) => {
	expect(credential.name).toBe(name);
	expect(packageJson.n8n.credentials).toContain(`dist/credentials/${file}.credentials.js`);
});

describe('the nodes of the package', () => {
	const nodes = packageJson.n8n.nodes.map((file) => {
		const source = join(root, file.replace(/^dist\//, '').replace(/\.js$/, ''));
		// The manifest names each node file only at run time.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = Object.values(require(source) as Record<string, new () => INodeType>);
		return new exported[0]();
	});
	const used = nodes.flatMap((node) => (node.description.credentials ?? []).map((entry) => ({ node, entry })));

	it('ask only for credentials of this package', () => {
		const names = credentials.map(([, credential]) => credential.name);
		for (const { entry } of used) expect(names).toContain(entry.name);
	});

	// n8n 2.41 (CredentialsTester.getCredentialTestFunction) runs a credential type's own `test` whenever it has
	// one; only without it does it walk the nodes that use the credential, in package.json order, and run the
	// first `testedBy` it finds. So: no declarative tests, and every user of a credential names the same function.
	it('leave testing to the nodes: no credential has a declarative test', () => {
		for (const [file, credential] of credentials) expect({ file, test: credential.test }).toEqual({ file, test: undefined });
	});

	it('each name one test function per credential, whichever node n8n finds first', () => {
		for (const [, credential] of credentials) {
			const users = used.filter(({ entry }) => entry.name === credential.name);
			expect(users.length).toBeGreaterThan(0);
			const functions = new Set(
				users.map(({ node, entry }) => {
					expect({ node: node.description.name, testedBy: entry.testedBy }).toEqual({
						node: node.description.name,
						testedBy: expect.any(String),
					});
					const test = node.methods?.credentialTest?.[entry.testedBy as string];
					expect({ node: node.description.name, test }).toEqual({ node: node.description.name, test: expect.any(Function) });
					return test;
				}),
			);
			expect({ credential: credential.name, functions: functions.size }).toEqual({ credential: credential.name, functions: 1 });
		}
	});
});

describe('Intercom credential', () => {
	const credential = new IntercomSyncApi();
	const nodeTypes = { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) };
	const node = { id: '1', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes as never });
	const resolve = (expression: unknown, data: object) =>
		workflow.expression.getParameterValue(expression as string, null, 0, 0, node.name, [], 'internal', {
			$credentials: data,
		} as never);

	it('sends the version the nodes default to when the field is empty', () => {
		const headers = (credential.authenticate as { properties: { headers: Record<string, string> } }).properties.headers;
		expect(resolve(headers['Intercom-Version'], { apiVersion: '' })).toBe('2.14');
		expect(resolve(headers['Intercom-Version'], { apiVersion: '2.11' })).toBe('2.11');
		expect(credential.properties.find((property) => property.name === 'apiVersion')?.default).toBe('2.14');
	});

	it('offers the regions by name and host, then a custom base URL', () => {
		const region = credential.properties.find((property) => property.name === 'region');
		expect(region?.options).toEqual([
			{ name: 'United States (api.intercom.io)', value: 'us' },
			{ name: 'Europe (api.eu.intercom.io)', value: 'eu' },
			{ name: 'Australia (api.au.intercom.io)', value: 'au' },
			{ name: 'Custom Base URL', value: 'custom', description: 'A proxy in front of Intercom' },
		]);
	});
});
