import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { withFolderLock } from './lock';
import { cacheRoot, repoRoot } from './paths';
import { runCommandOrThrow } from './run-command';

export const PACKAGE_NAME = 'n8n-nodes-intercom-sync';

/** Everything that changes what `npm run build` + `npm pack` produce. */
const BUILD_INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js', 'README.md', 'LICENSE'];
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

export function packageSourceHash(): string {
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
 * Installs a packed tarball into an n8n community-nodes folder (`<userFolder>/.n8n/nodes`) the way the
 * recipe in FACTS.md does; packages already in the folder stay.
 */
export async function installTarball(nodesDir: string, tarball: string): Promise<void> {
	if (!existsSync(tarball)) throw new Error(`No package tarball at ${tarball}`);
	mkdirSync(nodesDir, { recursive: true });
	// n8n keeps community packages in a folder with its own manifest, beside the user's data.
	const manifest = join(nodesDir, 'package.json');
	if (!existsSync(manifest)) {
		writeFileSync(manifest, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, '\t'));
	}
	// Peer dependencies (n8n-workflow) come from n8n itself, hence --legacy-peer-deps.
	await runCommandOrThrow(
		'npm',
		['install', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline', tarball],
		{ cwd: nodesDir },
	);
	removeHostProvidedModules(nodesDir);
}

/** n8n supplies n8n-workflow to community nodes; a second copy would give nodes classes n8n does not recognise. */
function removeHostProvidedModules(nodesDir: string): void {
	for (const path of [
		join(nodesDir, 'node_modules', 'n8n-workflow'),
		join(nodesDir, 'node_modules', PACKAGE_NAME, 'node_modules', 'n8n-workflow'),
	]) {
		rmSync(path, { recursive: true, force: true });
	}
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
