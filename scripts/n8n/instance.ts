import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runN8nCli } from './cli';
import { createCredential, testStoredCredential, type CredentialInput, type CredentialTestResult } from './credentials';
import { waitForExecutions, getExecution, listExecutions, type ExecutionDetail, type ExecutionSummary } from './executions';
import { sendHttp, type HttpResponse } from './http';
import type { N8nRole } from './n8n-process';
import { listCredentialTypes, listNodeTypes, type LoadedCredentialType, type LoadedNodeType } from './node-types';
import { installPreparedPackage, preparePackage } from './package-install';
import { productionWebhookUrl, type RegisteredWebhook } from './registered-webhooks';
import { N8nRestClient } from './rest-client';
import { startTopology, type N8nDeployment, type TopologyKind } from './topology';
import { createWorkflow, publishAndWaitForWebhooks, waitForPublishedWebhooks, type StoredWorkflow, type WorkflowJson } from './workflows';

/** The owner every test instance gets. Not a secret: the instance lives in a temp folder on loopback. */
export const TEST_OWNER = {
	email: 'owner@example.com',
	password: 'E2e-Owner-Passw0rd',
	firstName: 'Test',
	lastName: 'Owner',
} as const;

export interface StartN8nOptions {
	/** Extra environment for n8n (and so for the nodes it runs). */
	env?: Record<string, string>;
	/** Created right after login, before any workflow, so workflows can refer to them by name. */
	credentials?: CredentialInput[];
	/** Created and published in this order once n8n is up. */
	workflows?: WorkflowJson[];
	/** Install this package into `.n8n/nodes` (default true). */
	installPackage?: boolean;
	/** `regular` (default): one n8n on SQLite. `queue`: main, workers and a webhook processor on Postgres and Redis. */
	topology?: TopologyKind;
	/** Workers on queue mode (default 2). */
	workers?: number;
	/** Queue mode: Redis with an append-only file (a restart keeps all but its last second). */
	redisAppendOnly?: boolean;
	/** Roles whose user folder does not get the package, to show what a user sees when one lacks it. */
	withoutPackage?: N8nRole[];
}

export interface PublishedWorkflow {
	id: string;
	name: string;
	/** Every production webhook n8n registered for the workflow. */
	webhooks: Array<{ node: string; method: string; url: string }>;
}

/** The URL of one of a published workflow's webhooks (the only POST one unless `node` says which). */
export function webhookUrlOf(workflow: PublishedWorkflow, method = 'POST', node?: string): string {
	const matches = workflow.webhooks.filter((webhook) => webhook.method === method && (node === undefined || webhook.node === node));
	if (matches.length !== 1) {
		throw new Error(`Workflow "${workflow.name}" has ${matches.length} ${method} webhook(s)${node ? ` on "${node}"` : ''}; registered: ${JSON.stringify(workflow.webhooks)}`);
	}
	return matches[0].url;
}

/**
 * Starts a throw-away n8n 2.41 (one process, or queue mode with `topology: 'queue'`) with this package installed
 * as a community package, logs in as the owner, then creates the given credentials and publishes the given workflows.
 */
export async function startN8n(options: StartN8nOptions = {}): Promise<N8nInstance> {
	const root = mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
	// As root, Postgres runs as an unprivileged user, who must be able to enter this folder.
	chmodSync(root, 0o755);
	const timer = stepTimer();
	try {
		const prepared = options.installPackage === false ? undefined : await preparePackage();
		timer.step('package built, packed and installed (cached by source hash)');
		const skipped = new Set(options.withoutPackage ?? []);
		const deployment = await startTopology({
			kind: options.topology ?? 'regular',
			root,
			env: options.env,
			workers: options.workers,
			redisAppendOnly: options.redisAppendOnly,
			installPackage: async (role, userFolder) => {
				if (prepared && !skipped.has(role)) installPreparedPackage(prepared, userFolder);
			},
		});
		timer.step(`n8n ready (${deployment.kind})`);
		const instance = new N8nInstance(deployment, root);
		try {
			await instance.client.setupOwner(TEST_OWNER);
			timer.step('owner set up');
			for (const credential of options.credentials ?? []) await instance.createCredential(credential);
			for (const workflow of options.workflows ?? []) await instance.importWorkflow(workflow);
			timer.step('credentials and workflows imported');
		} catch (error) {
			await instance.stop();
			throw error;
		}
		return instance;
	} catch (error) {
		removeFolder(root);
		throw error;
	}
}

/** With N8N_E2E_TIMINGS=1, prints how long each start-up step took. */
function stepTimer(): { step(label: string): void } {
	let last = Date.now();
	return {
		step(label) {
			const now = Date.now();
			if (process.env.N8N_E2E_TIMINGS === '1') console.log(`[n8n e2e] ${label}: ${now - last} ms`);
			last = now;
		},
	};
}

function removeFolder(folder: string): void {
	if (process.env.N8N_E2E_KEEP === '1') {
		console.log(`N8N_E2E_KEEP=1: keeping ${folder}`);
		return;
	}
	rmSync(folder, { recursive: true, force: true });
}

/** A running n8n started by startN8n(); stop() it in afterAll. */
export class N8nInstance {
	readonly client: N8nRestClient;

	private loadedNodeTypes?: LoadedNodeType[];

	constructor(
		readonly deployment: N8nDeployment,
		/** Temp folder holding every process's data; removed by stop(). */
		readonly root: string,
	) {
		this.client = new N8nRestClient(deployment.editorUrl);
	}

	get topology(): TopologyKind {
		return this.deployment.kind;
	}

	/** Editor and REST API: the main process. */
	get baseUrl(): string {
		return this.deployment.editorUrl;
	}

	/** Where production webhooks are answered: the webhook processor on queue mode, else main. */
	get webhookBaseUrl(): string {
		return this.deployment.webhookUrl;
	}

	/** The main process's user folder. */
	get userFolder(): string {
		return this.deployment.mainProcess.options.userFolder;
	}

	get logFile(): string {
		return this.deployment.mainProcess.options.logFile;
	}

	logTail(lines = 60): string {
		return this.deployment.logTail(lines);
	}

	async createCredential(credential: CredentialInput): Promise<{ id: string; name: string }> {
		return await this.withLog(createCredential(this.client, credential));
	}

	/** Saves a credential and runs its built-in test as the editor's Save does; the test's verdict comes back. */
	async saveAndTestCredential(credential: CredentialInput): Promise<CredentialTestResult> {
		const stored = await this.createCredential(credential);
		return await this.withLog(testStoredCredential(this.client, stored, credential));
	}

	/** Creates and publishes a workflow, then waits until n8n routes its webhooks. */
	async importWorkflow(workflow: WorkflowJson): Promise<PublishedWorkflow> {
		const created = await this.withLog(createWorkflow(this.client, workflow));
		return await this.publish(created.id);
	}

	/** Publishes a stored workflow (e.g. one imported with the CLI), then waits until n8n routes its webhooks. */
	async publish(workflowId: string): Promise<PublishedWorkflow> {
		this.loadedNodeTypes ??= await this.nodeTypes();
		return this.describe(await this.withLog(publishAndWaitForWebhooks(this.client, this.webhookBaseUrl, workflowId, this.loadedNodeTypes)));
	}

	/** The same wait for a workflow published some other way (CLI `publish:workflow` + restart()). */
	async publishedWorkflow(workflowId: string): Promise<PublishedWorkflow> {
		this.loadedNodeTypes ??= await this.nodeTypes();
		return this.describe(await this.withLog(waitForPublishedWebhooks(this.client, this.webhookBaseUrl, workflowId, this.loadedNodeTypes)));
	}

	private describe({ workflow, webhooks }: { workflow: StoredWorkflow; webhooks: RegisteredWebhook[] }): PublishedWorkflow {
		return {
			id: workflow.id,
			name: workflow.name,
			webhooks: webhooks.map((webhook) => ({ node: webhook.node, method: webhook.method, url: productionWebhookUrl(this.webhookBaseUrl, webhook) })),
		};
	}

	/** Sends raw bytes to a full URL, or a path of the webhook server (`/webhook/…`), and returns what came back. */
	async postWebhook(
		pathOrUrl: string,
		body: Buffer | string,
		headers: Record<string, string> = {},
		method = 'POST',
	): Promise<HttpResponse> {
		const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.webhookBaseUrl}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
		return await sendHttp(url, { method, headers, body });
	}

	async listExecutions(workflowId: string): Promise<ExecutionSummary[]> {
		return await listExecutions(this.client, workflowId);
	}

	async waitForExecutions(workflowId: string, count: number, timeoutMs?: number): Promise<ExecutionSummary[]> {
		return await this.withLog(waitForExecutions(this.client, workflowId, count, timeoutMs));
	}

	async getExecution(executionId: string): Promise<ExecutionDetail> {
		return await getExecution(this.client, executionId);
	}

	async nodeTypes(): Promise<LoadedNodeType[]> {
		return await listNodeTypes(this.client);
	}

	async credentialTypes(): Promise<LoadedCredentialType[]> {
		return await listCredentialTypes(this.client);
	}

	/** Runs an n8n CLI command on this instance's data, with main's settings (see runN8nCli). */
	async cli(args: string[]): Promise<{ code: number | null; output: string }> {
		return await runN8nCli(this.deployment.mainProcess.options, args);
	}

	/** Stops and starts every n8n process on the same data and ports, e.g. after a CLI import; logs in again. */
	async restart(): Promise<void> {
		await this.withLog(this.deployment.restart());
		await this.client.login(TEST_OWNER.email, TEST_OWNER.password);
	}

	/** Stops every process (n8n, task runners, Postgres, Redis) and removes the temp folder. Safe to call twice. */
	async stop(): Promise<void> {
		await this.deployment.stop();
		removeFolder(this.root);
	}

	/** Adds the end of n8n's log to any failure, since that is usually where the reason is. */
	private async withLog<T>(work: Promise<T>): Promise<T> {
		try {
			return await work;
		} catch (error) {
			if (error instanceof Error) error.message += `\n--- end of the n8n logs ---\n${this.logTail(40)}`;
			throw error;
		}
	}
}
