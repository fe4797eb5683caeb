import { randomUUID } from 'node:crypto';

import { mock } from 'jest-mock-extended';
import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	Logger,
} from 'n8n-workflow';

/** Records what a node writes to the HTTP response, the way Express would receive it. */
export class RecordingResponse {
	statusCode: number | undefined;
	body: unknown;
	ended = false;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	send(body: unknown): this {
		this.body = body;
		return this;
	}

	end(): this {
		this.ended = true;
		return this;
	}
}

/** The request as n8n hands it to `webhook()`: `rawBody` when n8n parsed the body, else `readRawBody()`. */
export interface FakeRequest {
	method: string;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

export interface WebhookCall {
	webhookName?: 'default' | 'setup';
	request: FakeRequest;
	headers?: Record<string, string | string[] | undefined>;
	/** What the node's credential holds; an Error makes getCredentials reject with it. */
	credentials: IDataObject | Error;
	parameters?: Record<string, unknown>;
	/** The workflow the trigger belongs to; a new one per call unless given, so claims of one test never meet another's. */
	workflowId?: string;
	/** `webhook` for a published workflow (default), `manual` for the editor's "Listen for test event". */
	mode?: 'webhook' | 'manual';
}

/** The values n8n gives a node's parameters the user left alone: each property's declared default. */
export function parameterDefaults(description: INodeTypeDescription): Record<string, unknown> {
	return Object.fromEntries(description.properties.map((property) => [property.name, property.default]));
}

/** A mocked n8n webhook context: only the n8n side is faked; the node's own code runs for real. */
export function webhookContext(call: WebhookCall) {
	const response = new RecordingResponse();
	const logger = mock<Logger>();
	const parameters = call.parameters ?? {};
	const context = mock<IWebhookFunctions>({ logger });

	context.getWebhookName.mockReturnValue(call.webhookName ?? 'default');
	context.getMode.mockReturnValue(call.mode ?? 'webhook');
	context.getWorkflow.mockReturnValue({ id: call.workflowId ?? randomUUID(), name: 'Workflow under test', active: true });
	context.getNode.mockReturnValue({
		id: 'trigger-under-test',
		name: 'Trigger Under Test',
		type: 'test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	});
	context.getRequestObject.mockReturnValue(call.request as unknown as ReturnType<IWebhookFunctions['getRequestObject']>);
	context.getResponseObject.mockReturnValue(response as unknown as ReturnType<IWebhookFunctions['getResponseObject']>);
	context.getHeaderData.mockReturnValue(call.headers ?? {});
	context.getNodeParameter.mockImplementation(((name: string, fallback?: unknown) =>
		name in parameters ? parameters[name] : fallback) as IWebhookFunctions['getNodeParameter']);
	context.getCredentials.mockImplementation(async () => {
		if (call.credentials instanceof Error) throw call.credentials;
		return call.credentials;
	});

	return { context, response, logger };
}

/** A POST whose body n8n already buffered, as it does for JSON requests to typeVersion-1 nodes. */
export function bufferedPost(rawBody: Buffer): FakeRequest {
	return { method: 'POST', rawBody };
}

/** A POST whose body is still in the stream; `readRawBody()` fills `rawBody` the way n8n's middleware does. */
export function streamedPost(rawBody: Buffer): FakeRequest & { readRawBody: jest.Mock } {
	const request: FakeRequest & { readRawBody: jest.Mock } = {
		method: 'POST',
		readRawBody: jest.fn(async () => {
			request.rawBody = rawBody;
		}),
	};
	return request;
}

/**
 * Calls the trigger's real `webhook()` the way n8n would: parameters the test leaves out keep the node's
 * declared defaults, and the credential holds `credentials` unless the test says otherwise.
 */
export function webhookReceiver(trigger: INodeType, credentials: IDataObject) {
	return async (call: Partial<WebhookCall> & { request: FakeRequest }) => {
		const parameters = { ...parameterDefaults(trigger.description), ...call.parameters };
		const harness = webhookContext({ credentials, ...call, parameters });
		const result: IWebhookResponseData = await trigger.webhook!.call(harness.context);
		return { ...harness, result };
	};
}

/** The single item of the single run the webhook started. */
export function onlyItem(result: IWebhookResponseData): IDataObject {
	expect(result.workflowData).toHaveLength(1);
	expect(result.workflowData?.[0]).toHaveLength(1);
	return result.workflowData![0][0].json;
}

/** The node wrote the response itself and told n8n not to start a run. */
export function expectAnsweredWithoutRun(
	outcome: { result: IWebhookResponseData; response: RecordingResponse },
	statusCode: number,
): void {
	expect(outcome.result).toEqual({ noWebhookResponse: true });
	expect(outcome.response.statusCode).toBe(statusCode);
	expect(outcome.response.ended).toBe(true);
}
