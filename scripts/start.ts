// `npm start`: a local n8n with this package installed as a community package and the workflows in
// workflows/ imported and published. Data lives in .n8n-data/ (git-ignored); later runs reuse it.
// `npm start -- --queue`: the same on n8n's queue mode (main, two workers, a webhook processor, private
// Postgres and Redis), with its data in .n8n-data/queue/.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ensureRetryCredential } from './n8n/api-key';
import { installTarball, preparePackage, type PreparedPackage } from './n8n/package-install';
import { repoRoot } from './n8n/paths';
import { assertPortFree } from './n8n/ports';
import { N8nRestClient } from './n8n/rest-client';
import { CREDENTIAL_NAMES } from './n8n/sync-workflows';
import { startTopology, type N8nDeployment, type TopologyKind } from './n8n/topology';
import { ensureSyncCredentials } from './start/credentials';
import { ensureOwnerLogin } from './start/login';
import { printSummary } from './start/summary';
import { importWorkflowFiles } from './start/workflows';

const kind: TopologyKind = process.argv.includes('--queue') ? 'queue' : 'regular';
const dataRoot = kind === 'queue' ? join(repoRoot, '.n8n-data', 'queue') : join(repoRoot, '.n8n-data');
const host = process.env.N8N_LISTEN_ADDRESS ?? '127.0.0.1';
const port = Number(process.env.N8N_PORT ?? 5678);
const webhookPort = Number(process.env.N8N_WEBHOOK_PROCESSOR_PORT ?? port + 2);

/** n8n settings a user may pass through (e.g. WEBHOOK_URL for a public address, GENERIC_TIMEZONE). */
function passThroughEnvironment(): Record<string, string> {
	const ours = new Set(['N8N_USER_FOLDER', 'N8N_PORT', 'N8N_LISTEN_ADDRESS', 'N8N_RUNNERS_BROKER_PORT', 'N8N_WEBHOOK_PROCESSOR_PORT']);
	// Signed triggers read their credential on every request; lazy isolates keep that from costing a fresh
	// expression isolate each time (see README, Speed). A value the user sets wins.
	const defaults = { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' };
	return Object.fromEntries(
		Object.entries(process.env).filter(
			(entry): entry is [string, string] =>
				entry[1] !== undefined && !ours.has(entry[0]) && /^(N8N_|WEBHOOK_URL$|GENERIC_TIMEZONE$|EXECUTIONS_|QUEUE_)/.test(entry[0]),
		).concat(Object.entries(defaults).filter(([name]) => process.env[name] === undefined)),
	);
}

/** Queue mode's processes must share one encryption key: made once, kept with the data it protects. */
function encryptionKey(): string {
	const file = join(dataRoot, 'encryption-key.txt');
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	const key = randomBytes(24).toString('base64');
	writeFileSync(file, `${key}\n`, { mode: 0o600 });
	return key;
}

/**
 * Installs the package into a user folder as n8n's own installer would, only when its sources changed since
 * the last run there. Every queue-mode process needs its own copy (README, Running on n8n queue mode).
 */
async function installPackageIfChanged(prepared: PreparedPackage, userFolder: string): Promise<void> {
	const marker = join(userFolder, 'installed-package.json');
	const installed = existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as { key?: string }).key : undefined;
	if (installed === prepared.key) return;
	console.log(`Installing the package into ${userFolder}…`);
	await installTarball(join(userFolder, '.n8n', 'nodes'), prepared.tarball);
	writeFileSync(marker, `${JSON.stringify({ key: prepared.key }, null, '\t')}\n`);
}

let deployment: N8nDeployment | undefined;
let stopping = false;

async function stop(exitCode: number): Promise<never> {
	if (!stopping) {
		stopping = true;
		console.log(`\nStopping ${kind === 'queue' ? 'every n8n process, Postgres and Redis' : 'n8n'}…`);
		await deployment?.stop();
		console.log('Stopped.');
	}
	process.exit(exitCode);
}

async function main(): Promise<void> {
	mkdirSync(dataRoot, { recursive: true });
	const inUse = 'Is npm start already running? Stop that, or choose other ports: N8N_PORT=5700 npm start';
	await assertPortFree(port, host, inUse);
	if (kind === 'queue') await assertPortFree(webhookPort, host, inUse.replace('N8N_PORT=5700', 'N8N_WEBHOOK_PROCESSOR_PORT=5702'));
	console.log('Building the package (skipped when nothing changed)…');
	const prepared = await preparePackage();

	// Until the processes are up, Ctrl-C ends this script; the guards take down what it had started.
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));
	const started = Date.now();
	console.log(
		kind === 'queue'
			? `Starting n8n 2.41 on queue mode: Postgres, Redis, main, 2 workers and a webhook processor (logs in ${dataRoot})…`
			: `Starting n8n 2.41 (log: ${join(dataRoot, 'n8n.log')})…`,
	);
	try {
		deployment = await startTopology({
			kind,
			root: dataRoot,
			host,
			mainPort: port,
			webhookPort,
			env: passThroughEnvironment(),
			encryptionKey: kind === 'queue' ? encryptionKey() : undefined,
			installPackage: async (_role, userFolder) => installPackageIfChanged(prepared, userFolder),
		});
		console.log(`n8n is up after ${((Date.now() - started) / 1000).toFixed(1)} s.`);

		const client = new N8nRestClient(deployment.editorUrl);
		const userFolder = deployment.mainProcess.options.userFolder;
		const login = await ensureOwnerLogin(client, userFolder);
		// Before the workflows, so their credential references (by name) are matched on import.
		const credentials = await ensureSyncCredentials(client, userFolder);
		// The retries workflow calls this n8n's API: a key of the owner, made here so that workflow can be published too.
		if ((await ensureRetryCredential(client, deployment.editorUrl)) === 'created') {
			console.log(`Created the credential "${CREDENTIAL_NAMES.n8nApi}" with an API key of the owner (Settings → n8n API).`);
		}
		const workflows = await importWorkflowFiles({ client, webhookBaseUrl: deployment.webhookUrl, dataDir: userFolder, workflowsDir: join(repoRoot, 'workflows') });
		await printSummary({
			client,
			deployment,
			webhookBaseUrl: (process.env.WEBHOOK_URL ?? deployment.webhookUrl).replace(/\/+$/, ''),
			login,
			credentials,
			loginFile: join(userFolder, 'login.json'),
			userFolder,
			workflows,
		});
	} catch (error) {
		console.error(`\n${(error as Error).message}`);
		await stop(1);
	}

	const exited = await deployment!.firstExit();
	if (!stopping) {
		console.error(`\nn8n ${exited.role} stopped by itself (exit code ${await exited.waitForExit()}). End of ${exited.options.logFile}:\n${exited.logTail(40)}`);
		await stop(1);
	}
}

void main();
