import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { parseFlatted } from './flatted';
import type { N8nRestClient } from './rest-client';

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: 'new' | 'running' | 'waiting' | 'success' | 'error' | 'crashed' | 'canceled' | string;
	mode: string;
	/** For a retry (mode `retry`): the execution it ran again. */
	retryOf?: string | null;
	startedAt: string | null;
	stoppedAt: string | null;
}

/** What a node produced in one run: `main` outputs of item JSON, plus the error when it failed. */
export interface NodeRun {
	outputs: Array<Array<Record<string, unknown>>>;
	/** When the node started (epoch ms) and how long it ran (ms), as n8n recorded them. */
	startTime?: number;
	executionTime?: number;
	error?: { message?: string; description?: string; [key: string]: unknown };
}

export interface ExecutionDetail extends ExecutionSummary {
	/** Node name → its runs, decoded from n8n's stored execution data. */
	runData: Record<string, NodeRun[]>;
	/** The workflow-level error, when the execution failed. */
	error?: { message?: string; [key: string]: unknown };
	lastNodeExecuted?: string;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * Executions of one workflow, oldest first. n8n's REST list sorts by start time but pages by id, so past its first
 * page it skips and repeats runs that started out of order (a backlog, a restarted worker). Past one page this
 * reads the public API instead, which pages by id alone but leaves out what this main process holds as running;
 * the REST list's first page, read before and again after, holds those.
 */
export async function listExecutions(client: N8nRestClient, workflowId: string): Promise<ExecutionSummary[]> {
	const before = await firstRestPage(client, workflowId);
	const byId = new Map(before.results.map((execution) => [execution.id, execution]));
	if (before.more) {
		// Later reads win: a run that finished meanwhile is listed as finished.
		for (const execution of await listByIdThroughPublicApi(client, workflowId)) byId.set(execution.id, execution);
		for (const execution of (await firstRestPage(client, workflowId)).results) byId.set(execution.id, execution);
	}
	return [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
}

const REST_PAGE = 100;
/** What n8n's list puts before the finished runs (its CURRENT_STATUSES); a waiting run counts as finished there. */
const CURRENT = new Set(['new', 'running']);

/**
 * The REST list's first page: up to 100 current runs and the 100 finished ones that started last. `more` when
 * it may not hold them all (n8n 2.41 says so with a cursor; 2.33 pages otherwise, so its count is compared).
 */
async function firstRestPage(client: N8nRestClient, workflowId: string): Promise<{ results: ExecutionSummary[]; more: boolean }> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const page = await client.get<{ results: ExecutionSummary[]; count?: number; nextCursor?: string | null }>(`/rest/executions?filter=${filter}&limit=${REST_PAGE}`);
	const results = page.results.map((execution) => ({ ...execution, id: String(execution.id) }));
	const current = results.filter((execution) => CURRENT.has(execution.status)).length;
	const more = Boolean(page.nextCursor) || (page.count ?? 0) > results.length - current || current >= REST_PAGE;
	return { results, more };
}

const PUBLIC_API_PAGE = 250;
const apiKeys = new WeakMap<N8nRestClient, Promise<string>>();

/** One API key per signed-in client, made the way Settings → n8n API makes one. */
function listingApiKey(client: N8nRestClient): Promise<string> {
	let key = apiKeys.get(client);
	if (!key) {
		key = client
			.post<{ rawApiKey: string }>('/rest/api-keys', { label: `Test harness ${randomUUID()}`, scopes: ['execution:list', 'execution:read'], expiresAt: null })
			.then((created) => created.rawApiKey);
		key.catch(() => apiKeys.delete(client));
		apiKeys.set(client, key);
	}
	return key;
}

async function listByIdThroughPublicApi(client: N8nRestClient, workflowId: string): Promise<ExecutionSummary[]> {
	const headers = { 'x-n8n-api-key': await listingApiKey(client) };
	const executions: ExecutionSummary[] = [];
	let cursor: string | null = null;
	do {
		const query: string = `workflowId=${encodeURIComponent(workflowId)}&limit=${PUBLIC_API_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const page: { data: ExecutionSummary[]; nextCursor: string | null } = (await client.send('GET', `/api/v1/executions?${query}`, undefined, headers)).json<{ data: ExecutionSummary[]; nextCursor: string | null }>();
		executions.push(...page.data.map((execution) => ({ ...execution, id: String(execution.id) })));
		cursor = page.nextCursor;
	} while (cursor);
	return executions;
}

/**
 * Polls until the workflow has at least `count` finished executions and returns them, oldest first.
 * To prove that a request started nothing, send a request that does start one afterwards and expect
 * exactly that one: no fixed sleep needed.
 */
export async function waitForExecutions(
	client: N8nRestClient,
	workflowId: string,
	count: number,
	timeoutMs = 30_000,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	let executions: ExecutionSummary[] = [];
	while (Date.now() < deadline) {
		executions = await listExecutions(client, workflowId);
		const finished = executions.filter((execution) => FINISHED.has(execution.status));
		if (finished.length >= count && finished.length === executions.length) return finished;
		await sleep(100);
	}
	throw new Error(
		`Workflow ${workflowId} has ${executions.length} execution(s) (${executions.map((e) => e.status).join(', ') || 'none'}) after ${timeoutMs} ms; expected ${count} finished`,
	);
}

interface StoredExecution extends ExecutionSummary {
	data: string;
}

interface StoredRunData {
	resultData: {
		runData: Record<
			string,
			Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: NodeRun['error']; startTime?: number; executionTime?: number }>
		>;
		error?: ExecutionDetail['error'];
		lastNodeExecuted?: string;
	};
}

export async function getExecution(client: N8nRestClient, executionId: string): Promise<ExecutionDetail> {
	const stored = await client.get<StoredExecution>(`/rest/executions/${encodeURIComponent(executionId)}`);
	const { resultData } = parseFlatted(stored.data) as StoredRunData;
	const runData = Object.fromEntries(
		Object.entries(resultData.runData).map(([nodeName, runs]) => [
			nodeName,
			runs.map((run) => ({
				outputs: (run.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json)),
				startTime: run.startTime,
				executionTime: run.executionTime,
				...(run.error ? { error: run.error } : {}),
			})),
		]),
	);
	const { data: _encoded, ...summary } = stored;
	return { ...summary, runData, error: resultData.error, lastNodeExecuted: resultData.lastNodeExecuted };
}

/** The JSON of the items a node sent out of one output in one run (first output, first run by default). */
export function nodeOutput(execution: ExecutionDetail, nodeName: string, outputIndex = 0, runIndex = 0): Array<Record<string, unknown>> {
	const runs = execution.runData[nodeName];
	if (!runs) {
		throw new Error(`Node "${nodeName}" did not run in execution ${execution.id}; ran: ${Object.keys(execution.runData).join(', ')}`);
	}
	return runs[runIndex]?.outputs[outputIndex] ?? [];
}
