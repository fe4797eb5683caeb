import {
	declaredCredentialTypeNames,
	declaredNodeTypeNames,
	expectedLoadedNodeTypeNames,
	PACKAGE_NAME,
	readPackageManifest,
	startN8n,
	type N8nInstance,
} from '../support/n8n';

// Installs the packed tarball into a real n8n 2.41 the way users install community nodes,
// then asks n8n itself what it loaded.
describe('the packed package in a real n8n', () => {
	let n8n: N8nInstance;

	beforeAll(async () => {
		n8n = await startN8n();
	}, 600_000);

	afterAll(async () => {
		await n8n?.stop();
	});

	it('loads every node of the manifest under n8n-nodes-intercom-sync.<name> (with a Tool variant for AI agents where usable as a tool), and nothing else of ours', async () => {
		expect(declaredNodeTypeNames()).toHaveLength(readPackageManifest().n8n.nodes.length);

		const loaded = (await n8n.nodeTypes()).map((type) => type.name);
		const ours = [...new Set(loaded.filter((name) => name.startsWith(`${PACKAGE_NAME}.`)))].sort();
		expect(ours).toEqual(expectedLoadedNodeTypeNames().sort());
	});

	it('loads every credential of the manifest by its name', async () => {
		const expected = declaredCredentialTypeNames().sort();
		expect(expected).toHaveLength(readPackageManifest().n8n.credentials.length);

		const loaded = new Set((await n8n.credentialTypes()).map((type) => type.name));
		expect(expected.filter((name) => !loaded.has(name))).toEqual([]);
	});

	it('does not ship a second n8n-workflow inside the installed package', async () => {
		const { existsSync } = await import('node:fs');
		const { join } = await import('node:path');
		const nodeModules = join(n8n.userFolder, '.n8n', 'nodes', 'node_modules');
		expect(existsSync(join(nodeModules, PACKAGE_NAME, 'package.json'))).toBe(true);
		expect(existsSync(join(nodeModules, 'n8n-workflow'))).toBe(false);
	});
});
