// `npm start`: a local n8n with this package installed as a community package and the workflows in
// workflows/ imported and published. Data lives in .n8n-data/ (git-ignored); later runs reuse it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8nProcess } from './n8n/n8n-process';
import { assertPortFree, freeLoopbackPort } from './n8n/ports';
import { installTarball, preparePackage } from './n8n/package-install';
import { repoRoot } from './n8n/paths';
import { N8nRestClient } from './n8n/rest-client';
import { ensureSyncCredentials } from './start/credentials';
import { ensureOwnerLogin } from './start/login';
import { printSummary } from './start/summary';
import { importWorkflowFiles } from './start/workflows';

const dataDir = join(repoRoot, '.n8n-data');
const host = process.env.N8N_LISTEN_ADDRESS ?? '127.0.0.1';
const port = Number(process.env.N8N_PORT ?? 5678);

/** n8n settings a user may pass through (e.g. WEBHOOK_URL for a public address, GENERIC_TIMEZONE). */
function passThroughEnvironment(): Record<string, string> {
	const ours = new Set(['N8N_USER_FOLDER', 'N8N_PORT', 'N8N_LISTEN_ADDRESS', 'N8N_RUNNERS_BROKER_PORT']);
	// Signed triggers read their credential on every request; lazy isolates keep that from costing a fresh
	// expression isolate each time (see README, Speed). A value the user sets wins.
	const defaults = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };
	return Object.fromEntries(
		Object.entries(process.env).filter(
			(entry): entry is [string, string] =>
				entry[1] !== undefined && !ours.has(entry[0]) && /^(N8N_|WEBHOOK_URL$|GENERIC_TIMEZONE$|EXECUTIONS_)/.test(entry[0]),
		).concat(Object.entries(defaults).filter(([name]) => process.env[name] === undefined)),
	);
}

/** Reinstalls the package into .n8n-data only when its sources changed since the last run. */
async function installPackageIfChanged(): Promise<void> {
	const prepared = await preparePackage();
	const marker = join(dataDir, 'installed-package.json');
	const installed = existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as { key?: string }).key : undefined;
	if (installed === prepared.key) return;
	console.log('Installing the package into the local n8n…');
	await installTarball(join(dataDir, '.n8n', 'nodes'), prepared.tarball);
	writeFileSync(marker, `${JSON.stringify({ key: prepared.key }, null, '\t')}\n`);
}

async function main(): Promise<void> {
	mkdirSync(dataDir, { recursive: true });
	await assertPortFree(port, host, 'Is npm start already running? Stop that, or run: N8N_PORT=5700 npm start');
	console.log('Building the package (skipped when nothing changed)…');
	await installPackageIfChanged();

	const logFile = join(dataDir, 'n8n.log');
	const n8n = N8nProcess.start({ userFolder: dataDir, host, port, brokerPort: await freeLoopbackPort(), logFile, env: passThroughEnvironment() });
	let stopping = false;
	const stop = async (exitCode: number) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n…');
		await n8n.stop();
		console.log('n8n stopped.');
		process.exit(exitCode);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));

	try {
		console.log(`Starting n8n 2.41 (log: ${logFile})…`);
		const started = Date.now();
		await n8n.waitUntilReady(300_000);
		console.log(`n8n is up after ${((Date.now() - started) / 1000).toFixed(1)} s.`);

		const client = new N8nRestClient(n8n.baseUrl);
		const login = await ensureOwnerLogin(client, dataDir);
		// Before the workflows, so their credential references (by name) are matched on import.
		const credentials = await ensureSyncCredentials(client, dataDir);
		const workflows = await importWorkflowFiles({ client, baseUrl: n8n.baseUrl, dataDir, workflowsDir: join(repoRoot, 'workflows') });
		await printSummary({
			client,
			editorUrl: n8n.baseUrl,
			webhookBaseUrl: (process.env.WEBHOOK_URL ?? n8n.baseUrl).replace(/\/+$/, ''),
			login,
			credentials,
			loginFile: join(dataDir, 'login.json'),
			logFile,
			userFolder: dataDir,
			workflows,
		});
	} catch (error) {
		console.error(`\n${(error as Error).message}`);
		await stop(1);
		return;
	}

	const code = await n8n.waitForExit();
	if (!stopping) {
		console.error(`\nn8n stopped by itself (exit code ${code}). End of ${logFile}:\n${n8n.logTail(40)}`);
		process.exit(1);
	}
}

void main();
