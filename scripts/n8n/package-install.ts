import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { withFolderLock } from './lock';
import { cacheRoot, repoRoot } from './paths';
import { runCommandOrThrow } from './run-command';

export const PACKAGE_NAME = 'n8n-nodes-intercom-sync';

/** Everything that changes what `npm run build` + `npm pack` and the install produce (this file is the recipe). */
const BUILD_INPUT_FILES = ['scripts/n8n/package-install.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js', 'README.md', 'LICENSE'];
const BUILD_INPUT_DIRS = ['credentials', 'nodes'];

const packagesCache = join(cacheRoot, 'e2e-package');
const KEPT_BUILDS = 3;

export interface PreparedPackage {
	/** Content hash of the sources the tarball was built from. */
	key: string;
	tarball: string;
	/** A ready `.n8n/nodes` folder (own package.json + node_modules) with the tarball installed. */
	nodesDir: string;
}

function listFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory() ? listFiles(path) : [path];
	});
}

function packageSourceHash(): string {
	const hash = createHash('sha256');
	const files = [
		...BUILD_INPUT_FILES.map((file) => join(repoRoot, file)).filter((file) => existsSync(file)),
		...BUILD_INPUT_DIRS.flatMap((dir) => listFiles(join(repoRoot, dir))),
	].sort();
	for (const file of files) {
		hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
	}
	return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the package, packs it and installs the tarball the way users install community nodes,
 * once per source content: later calls (other jest workers, later runs) reuse the result.
 */
export async function preparePackage(): Promise<PreparedPackage> {
	const key = packageSourceHash();
	const dir = join(packagesCache, key);
	// Holds the tarball's file name; written last, so its presence means the folder is complete.
	const doneMarker = join(dir, 'ready.json');
	const readPrepared = (): PreparedPackage => {
		const { tarballName } = JSON.parse(readFileSync(doneMarker, 'utf8')) as { tarballName: string };
		return { key, tarball: join(dir, tarballName), nodesDir: join(dir, 'nodes') };
	};
	if (existsSync(doneMarker)) return readPrepared();

	mkdirSync(packagesCache, { recursive: true });
	return await withFolderLock(join(packagesCache, '.lock'), async () => {
		if (existsSync(doneMarker)) return readPrepared();
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });

		// A clean dist: stale files from deleted sources must not end up in the tarball.
		rmSync(join(repoRoot, 'dist'), { recursive: true, force: true });
		await runCommandOrThrow('npm', ['run', 'build'], { cwd: repoRoot });
		const packJson = await runCommandOrThrow('npm', ['pack', '--json', '--pack-destination', dir], { cwd: repoRoot });
		const [{ filename }] = JSON.parse(packJson) as Array<{ filename: string }>;
		const tarball = join(dir, filename);

		const nodesDir = join(dir, 'nodes');
		await installTarball(nodesDir, tarball);

		writeFileSync(doneMarker, JSON.stringify({ tarballName: filename }, null, '\t'));
		pruneOldBuilds(key);
		return readPrepared();
	});
}

/**
 * Installs a packed tarball into an n8n community-nodes folder (`<userFolder>/.n8n/nodes`) the way n8n's own
 * installer (Settings → Community Nodes, `CommunityPackagesService.downloadPackage` in n8n 2.41) does: unpack into
 * `node_modules/<name>`, drop dev, peer and optional dependencies from its manifest, `npm install` inside it, then
 * record it in the folder's manifest. Nothing is removed afterwards. Other packages in the folder stay.
 */
export async function installTarball(nodesDir: string, tarball: string): Promise<void> {
	if (!existsSync(tarball)) throw new Error(`No package tarball at ${tarball}`);
	mkdirSync(nodesDir, { recursive: true });
	const packed = JSON.parse(await runCommandOrThrow('tar', ['-xzf', tarball, '-O', 'package/package.json'], { cwd: nodesDir })) as {
		name: string;
	};
	const packageDir = join(nodesDir, 'node_modules', packed.name);
	rmSync(packageDir, { recursive: true, force: true });
	mkdirSync(packageDir, { recursive: true });
	await runCommandOrThrow('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { cwd: nodesDir });

	const manifestPath = join(packageDir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown> & { version: string };
	for (const key of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete manifest[key];
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	// n8n's flags; --prefer-offline only lets npm answer from its cache.
	await runCommandOrThrow(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--prefer-offline',
		],
		{ cwd: packageDir },
	);
	recordInstalledPackage(nodesDir, packed.name, manifest.version);
}

/** n8n keeps a package.json in the folder listing every installed community package. */
function recordInstalledPackage(nodesDir: string, name: string, version: string): void {
	const path = join(nodesDir, 'package.json');
	const folderManifest = (
		existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { name: 'installed-nodes', private: true }
	) as { dependencies?: Record<string, string> };
	folderManifest.dependencies = { ...folderManifest.dependencies, [name]: version };
	writeFileSync(path, JSON.stringify(folderManifest, null, 2));
}

function pruneOldBuilds(currentKey: string): void {
	const builds = readdirSync(packagesCache, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && entry.name !== currentKey && !entry.name.startsWith('.'))
		.map((entry) => ({ path: join(packagesCache, entry.name), mtime: statSync(join(packagesCache, entry.name)).mtimeMs }))
		.sort((a, b) => b.mtime - a.mtime);
	for (const old of builds.slice(KEPT_BUILDS - 1)) rmSync(old.path, { recursive: true, force: true });
}

/**
 * Puts the prepared community-package folder into an n8n user folder (`<userFolder>/.n8n/nodes`).
 * A copy, not a symlink: through a symlink Node would resolve n8n-workflow from this repository's
 * node_modules instead of from n8n. Hard links make the copy cheap (thousands of small files); n8n only
 * reads them. Across file systems, a real copy.
 */
export function installPreparedPackage(prepared: PreparedPackage, userFolder: string): void {
	const target = join(userFolder, '.n8n', 'nodes');
	rmSync(target, { recursive: true, force: true });
	mkdirSync(join(userFolder, '.n8n'), { recursive: true });
	const linked = spawnSync('cp', ['-al', prepared.nodesDir, target], { stdio: 'ignore' });
	if (linked.status !== 0) {
		rmSync(target, { recursive: true, force: true });
		cpSync(prepared.nodesDir, target, { recursive: true, verbatimSymlinks: true });
	}
}
