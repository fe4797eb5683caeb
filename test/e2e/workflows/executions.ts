import type { ExecutionDetail, ExecutionSummary, HttpResponse } from '../../support/n8n';
import type { WorkflowEnvironment } from './environment';

/** Webhook executions only: the error workflow's runs and any schedule must not count. */
async function webhookExecutions(env: WorkflowEnvironment, workflowId: string): Promise<ExecutionSummary[]> {
	const executions = await env.n8n.listExecutions(workflowId);
	return executions.filter((execution) => execution.mode === 'webhook');
}

/**
 * How many webhook executions each workflow has had, as far as the helpers below know: each adds what it
 * started. An execution that answered through Respond to Webhook can be listed only after its answer, so a
 * count taken from the list alone can miss the previous test's run; counting from here waits for it instead.
 */
const known = new WeakMap<WorkflowEnvironment, Map<string, number>>();

/** Waits until every execution started so far is listed and finished, and returns their number. */
async function settled(env: WorkflowEnvironment, workflowId: string): Promise<number> {
	const counts = known.get(env) ?? new Map<string, number>();
	known.set(env, counts);
	if (!counts.has(workflowId)) counts.set(workflowId, (await webhookExecutions(env, workflowId)).length);
	const expected = counts.get(workflowId)!;
	if (expected > 0) await env.n8n.waitForExecutions(workflowId, expected);
	const listed = (await webhookExecutions(env, workflowId)).length;
	if (listed !== expected) {
		throw new Error(`${workflowId} has ${listed} webhook execution(s) where the tests started ${expected}: a request started one that no helper accounted for`);
	}
	return expected;
}

function started(env: WorkflowEnvironment, workflowId: string, count: number): void {
	known.get(env)!.set(workflowId, count);
}

/** Sends one request that starts one execution, and counts it without waiting for it to finish. */
export async function startOne(env: WorkflowEnvironment, workflowId: string, send: () => Promise<HttpResponse>): Promise<HttpResponse> {
	const before = await settled(env, workflowId);
	const response = await send();
	started(env, workflowId, before + 1);
	return response;
}

/**
 * Sends one request and returns the answer together with the single execution it started, once finished.
 * Fails when the request started more than one.
 */
export async function runOnce(
	env: WorkflowEnvironment,
	workflowId: string,
	send: () => Promise<HttpResponse>,
): Promise<{ response: HttpResponse; execution: ExecutionDetail }> {
	const before = await settled(env, workflowId);
	const response = await send();
	started(env, workflowId, before + 1);
	await env.n8n.waitForExecutions(workflowId, before + 1);
	const finished = await webhookExecutions(env, workflowId);
	if (finished.length !== before + 1) {
		throw new Error(`Expected one new execution of ${workflowId}, found ${finished.length - before}`);
	}
	return { response, execution: await env.n8n.getExecution(finished[finished.length - 1].id) };
}

/**
 * Sends a batch of requests at the same time and proves they started exactly `expected` executions: a request
 * known to start one is sent after the batch has been answered, and the count must end at before + expected + 1.
 */
export async function expectExecutionsFrom(
	env: WorkflowEnvironment,
	workflowId: string,
	sendBatch: () => Promise<HttpResponse[]>,
	expected: number,
	sendThatRuns: () => Promise<HttpResponse>,
): Promise<HttpResponse[]> {
	const before = await settled(env, workflowId);
	const responses = await sendBatch();
	await sendThatRuns();
	started(env, workflowId, before + expected + 1);
	await env.n8n.waitForExecutions(workflowId, before + expected + 1, 120_000);
	const after = (await webhookExecutions(env, workflowId)).length;
	if (after !== before + expected + 1) {
		throw new Error(`The batch started ${after - before - 1} execution(s) of ${workflowId}; expected ${expected}`);
	}
	return responses;
}

/**
 * Like expectExecutionsFrom, for a trigger whose answers say which requests started an execution (the customer
 * data events trigger answers each copy of a batch with how many of its events were new): `startedBy` counts them.
 */
export async function expectExecutionsAnswered(
	env: WorkflowEnvironment,
	workflowId: string,
	sendBatch: () => Promise<HttpResponse[]>,
	startedBy: (responses: HttpResponse[]) => number,
	sendThatRuns: () => Promise<HttpResponse>,
): Promise<HttpResponse[]> {
	const before = await settled(env, workflowId);
	const responses = await sendBatch();
	const expected = startedBy(responses);
	await sendThatRuns();
	started(env, workflowId, before + expected + 1);
	await env.n8n.waitForExecutions(workflowId, before + expected + 1, 120_000);
	const after = (await webhookExecutions(env, workflowId)).length;
	if (after !== before + expected + 1) {
		throw new Error(`The batch started ${after - before - 1} execution(s) of ${workflowId}; its answers said ${expected}`);
	}
	return responses;
}

/**
 * Proves that `send` started nothing: afterwards a request known to start one execution is sent, and that
 * execution must be the only new one (no fixed sleep that could pass by luck).
 */
export async function expectNoExecution(
	env: WorkflowEnvironment,
	workflowId: string,
	send: () => Promise<HttpResponse>,
	sendThatRuns: () => Promise<HttpResponse>,
): Promise<HttpResponse> {
	const [response] = await expectExecutionsFrom(env, workflowId, async () => [await send()], 0, sendThatRuns);
	return response;
}

/** Names of the nodes that ran, in the order n8n stored them. */
export function ranNodes(execution: ExecutionDetail): string[] {
	return Object.keys(execution.runData);
}

export function expectSucceeded(execution: ExecutionDetail): void {
	if (execution.status !== 'success') {
		throw new Error(
			`Execution ${execution.id} ended ${execution.status} at "${execution.lastNodeExecuted}": ${execution.error?.message ?? ''}`,
		);
	}
}

/** Asserts the run ended at `nodeName`, its items all leaving by output `outputIndex` (an If's false is 1). */
export function expectEndedAtOutput(execution: ExecutionDetail, nodeName: string, outputIndex: number): void {
	expect(execution.lastNodeExecuted).toBe(nodeName);
	const outputs = execution.runData[nodeName]?.at(-1)?.outputs ?? [];
	const carrying = outputs.flatMap((items, index) => (items.length > 0 ? [index] : []));
	expect(carrying).toEqual([outputIndex]);
}
