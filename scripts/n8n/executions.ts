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

/** Executions of one workflow, oldest first. */
export async function listExecutions(client: N8nRestClient, workflowId: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const executions: ExecutionSummary[] = [];
	let cursor: string | null = null;
	do {
		const page: { results: ExecutionSummary[]; nextCursor: string | null } = await client.get(
			`/rest/executions?filter=${filter}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
		);
		executions.push(...page.results);
		cursor = page.nextCursor;
	} while (cursor);
	return executions.sort((a, b) => Number(a.id) - Number(b.id));
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
