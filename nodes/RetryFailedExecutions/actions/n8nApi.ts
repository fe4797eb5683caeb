/**
 * The three calls of n8n's public API this node makes: list a workflow's executions, read one with its
 * error, and retry one (n8n's own retry: it runs again from the node that failed, with the data it had).
 */
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../../common/credentialTypes';
import { isRecord } from '../../common/jsonValues';
import type { StoredError } from '../../common/failureCause';
import type { ListedExecution } from './plan';

/** n8n answers a retry only once the retried execution has finished; a slow workflow may take minutes. */
const RETRY_TIMEOUT_MS = 10 * 60_000;
const PAGE_SIZE = 250;

export interface N8nApiCredentials {
	baseUrl: string;
}

/** What a full read of an execution tells about its failure. */
export interface ExecutionDetails {
	workflowName: string;
	failedNode: string;
	error?: StoredError;
	createdAt: number;
	/** Whether n8n still holds what the run had to work with; a run whose worker died on queue mode does not. */
	hasData: boolean;
}

export class N8nApi {
	constructor(
		private readonly context: IExecuteFunctions,
		private readonly baseUrl: string,
	) {}

	/** The editor's address, for links to executions: the API's address without `/api/v1`. */
	get editorUrl(): string {
		return this.baseUrl.replace(/\/api\/v\d+\/?$/, '');
	}

	private async request<T>(options: IHttpRequestOptions): Promise<T> {
		return (await this.context.helpers.httpRequestWithAuthentication.call(this.context, CREDENTIAL_TYPES.n8nApi, {
			...options,
			url: `${this.baseUrl.replace(/\/+$/, '')}${options.url}`,
			json: true,
		})) as T;
	}

	/**
	 * The finished executions of a workflow back to `since`, newest first, page by page. Not n8n's `startedAfter`
	 * filter: a run that never started (its queue job lost) has no start time, and would be left out.
	 */
	async listExecutions(workflowId: string, since: Date): Promise<ListedExecution[]> {
		const listed: ListedExecution[] = [];
		let cursor: string | undefined;
		do {
			const page = await this.request<{ data: ListedExecution[]; nextCursor?: string | null }>({
				method: 'GET',
				url: '/executions',
				qs: { workflowId, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
			});
			listed.push(...page.data.map((execution) => ({ ...execution, id: String(execution.id) })));
			// Pages go by id, newest first: once one reaches past `since`, the rest are older still.
			const oldest = page.data.at(-1)?.startedAt;
			cursor = oldest && Date.parse(oldest) < since.getTime() ? undefined : (page.nextCursor ?? undefined);
		} while (cursor);
		return listed.filter((execution) => !execution.startedAt || Date.parse(execution.startedAt) >= since.getTime());
	}

	async readExecution(id: string): Promise<ExecutionDetails> {
		const execution = await this.request<Record<string, unknown>>({ method: 'GET', url: `/executions/${id}`, qs: { includeData: true } });
		const data = isRecord(execution.data) ? execution.data : {};
		const result = isRecord(data.resultData) ? data.resultData : {};
		const workflow = isRecord(execution.workflowData) ? execution.workflowData : {};
		const error = isRecord(result.error) ? (result.error as StoredError) : undefined;
		const errorNode = error && isRecord((error as Record<string, unknown>).node) ? ((error as Record<string, unknown>).node as Record<string, unknown>) : {};
		const stack = isRecord(data.executionData) ? data.executionData.nodeExecutionStack : undefined;
		const ran = isRecord(result.runData) ? Object.keys(result.runData).length : 0;
		return {
			workflowName: typeof workflow.name === 'string' ? workflow.name : '',
			failedNode: String(result.lastNodeExecuted ?? errorNode.name ?? ''),
			error,
			createdAt: Date.parse(String(execution.createdAt ?? execution.startedAt ?? '')) || 0,
			hasData: ran > 0 || (Array.isArray(stack) && stack.length > 0),
		};
	}

	/** Runs a failed execution again and waits for it; `currentWorkflow` uses the workflow as saved now. */
	async retry(id: string, currentWorkflow: boolean): Promise<{ id: string; status: string }> {
		const retried = await this.request<{ id: string | number; status: string }>({
			method: 'POST',
			url: `/executions/${id}/retry`,
			body: { loadWorkflow: currentWorkflow },
			timeout: RETRY_TIMEOUT_MS,
		});
		return { id: String(retried.id), status: retried.status };
	}
}
