import type { ExecutionDetail, HttpResponse } from '../../support/n8n';
import type { WorkflowEnvironment } from './environment';

/** Webhook executions only: the nightly clean-up of the same workflows must not count. */
async function webhookExecutionCount(env: WorkflowEnvironment, workflowId: string): Promise<number> {
	const executions = await env.n8n.listExecutions(workflowId);
	return executions.filter((execution) => execution.mode === 'webhook').length;
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
	const before = await webhookExecutionCount(env, workflowId);
	const response = await send();
	const finished = (await env.n8n.waitForExecutions(workflowId, before + 1)).filter((e) => e.mode === 'webhook');
	if (finished.length !== before + 1) {
		throw new Error(`Expected one new execution of ${workflowId}, found ${finished.length - before}`);
	}
	return { response, execution: await env.n8n.getExecution(finished[finished.length - 1].id) };
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
	const before = await webhookExecutionCount(env, workflowId);
	const response = await send();
	await sendThatRuns();
	await env.n8n.waitForExecutions(workflowId, before + 1);
	const after = await webhookExecutionCount(env, workflowId);
	if (after !== before + 1) throw new Error(`${after - before - 1} execution(s) of ${workflowId} started by a request that should start none`);
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
