import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { PACKAGE_NAME } from '../../../scripts/n8n/package-install';
import { repoRoot } from '../../../scripts/n8n/paths';

interface PackageManifest {
	n8n: { n8nNodesApiVersion: number; nodes: string[]; credentials: string[] };
	dependencies?: Record<string, string>;
}

export function readPackageManifest(): PackageManifest {
	return JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as PackageManifest;
}

/** The TypeScript source a `dist/…js` entry of the manifest is built from. */
function sourceOf(distPath: string): string {
	return join(repoRoot, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

type Constructor = new () => Record<string, unknown>;

function exportedInstances(distPath: string): Array<Record<string, unknown>> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const moduleExports = require(sourceOf(distPath)) as Record<string, unknown>;
	const classes = Object.values(moduleExports).filter((value): value is Constructor => typeof value === 'function');
	if (classes.length !== 1) throw new Error(`${distPath} should export exactly one class, found ${classes.length}`);
	return classes.map((Class) => new Class());
}

/** `n8n-nodes-intercom-sync.<name>` of every node the manifest declares, read from the node classes themselves. */
export function declaredNodeTypeNames(): string[] {
	return readPackageManifest().n8n.nodes.flatMap((path) =>
		exportedInstances(path).map((node) => `${PACKAGE_NAME}.${(node.description as { name: string }).name}`),
	);
}

/**
 * Every node type n8n should list for the package: each declared node, plus the `<name>Tool` variant n8n
 * generates for nodes marked `usableAsTool`, which is how AI agents get to use them.
 */
export function expectedLoadedNodeTypeNames(): string[] {
	return readPackageManifest().n8n.nodes.flatMap((path) =>
		exportedInstances(path).flatMap((node) => {
			const { name, usableAsTool } = node.description as { name: string; usableAsTool?: boolean };
			return usableAsTool ? [`${PACKAGE_NAME}.${name}`, `${PACKAGE_NAME}.${name}Tool`] : [`${PACKAGE_NAME}.${name}`];
		}),
	);
}

/** The `name` of every credential the manifest declares. */
export function declaredCredentialTypeNames(): string[] {
	return declaredCredentialTypes().map((credential) => credential.name);
}

/** Every credential type the manifest declares, with its fields. */
export function declaredCredentialTypes(): Array<{ name: string; properties: Array<{ name: string }> }> {
	return readPackageManifest().n8n.credentials.flatMap(
		(path) => exportedInstances(path) as unknown as Array<{ name: string; properties: Array<{ name: string }> }>,
	);
}
