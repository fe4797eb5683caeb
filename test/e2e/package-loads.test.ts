import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

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

	it("installs like n8n's own installer: runtime dependencies inside the package, no second n8n-workflow anywhere", () => {
		const nodesFolder = join(n8n.userFolder, '.n8n', 'nodes');
		const installed = join(nodesFolder, 'node_modules', PACKAGE_NAME);
		const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
		expect(manifest.peerDependencies).toBeUndefined();
		const runtimeDependencies = Object.keys(readPackageManifest().dependencies ?? {});
		expect(runtimeDependencies.length).toBeGreaterThan(0);
		for (const dependency of runtimeDependencies) {
			expect(existsSync(join(installed, 'node_modules', dependency, 'package.json'))).toBe(true);
		}

		// Nodes must get n8n-workflow from n8n: a copy of their own would give them classes n8n does not recognise.
		expect(installedPackagesNamed(nodesFolder, 'n8n-workflow')).toEqual([]);
	});
});

/** Every installed package of that name anywhere in a node_modules tree (nested ones included). */
function installedPackagesNamed(root: string, name: string): string[] {
	const found: string[] = [];
	const visit = (dir: string): void => {
		const modules = join(dir, 'node_modules');
		if (!existsSync(modules)) return;
		for (const entry of readdirSync(modules, { withFileTypes: true })) {
			if (!entry.isDirectory()) continue;
			const packageDirs = entry.name.startsWith('@')
				? readdirSync(join(modules, entry.name)).map((child) => join(modules, entry.name, child))
				: [join(modules, entry.name)];
			for (const packageDir of packageDirs) {
				if (relative(modules, packageDir) === name) found.push(packageDir);
				visit(packageDir);
			}
		}
	};
	visit(root);
	return found;
}
