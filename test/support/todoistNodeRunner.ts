/**
 * Drives the Todoist Task node's real `execute()` with a mocked n8n context (jest-mock-extended): parameters per
 * item, the `todoistSyncApi` credential aimed at the loopback fake, continue-on-fail on or off. Only the context is
 * mocked; `helpers.httpRequestWithAuthentication` does what n8n 2.41 does for a generic credential: puts the headers
 * the credential's `authenticate` declares on the request, sends it with n8n's own request function, and wraps a
 * request that got no answer in a NodeApiError.
 */
import { httpRequest } from '@n8n/backend-network/testing';
import { mock } from 'jest-mock-extended';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode, INodeType, Logger } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { TodoistSyncApi } from '../../credentials/TodoistSyncApi.credentials';
import { executeNode, inputItems, parameterReader, type RunOptions } from './intercomNodeParameters';

export type { RunOptions } from './intercomNodeParameters';
export { pairedIndexes } from './intercomNodeRunner';

const NODE = { name: 'Todoist Task', type: 'n8n-nodes-intercom-sync.todoistTask', typeVersion: 1 };

/** The credential's `authenticate` headers, with `{{$credentials.<field>}}` filled in as n8n's CredentialsHelper does. */
function authenticate(options: IHttpRequestOptions, credentials: IDataObject): IHttpRequestOptions {
	const { authenticate: declared } = new TodoistSyncApi();
	if (typeof declared !== 'object' || declared.type !== 'generic' || Object.keys(declared.properties).join() !== 'headers') {
		throw new Error('The runner only knows generic header authentication; update it with the credential');
	}
	const fill = (template: string) =>
		template.replace(/^=/, '').replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, field: string) => String(credentials[field] ?? ''));
	const headers = Object.fromEntries(Object.entries(declared.properties.headers ?? {}).map(([name, value]) => [name, fill(String(value))]));
	return { ...options, headers: { ...options.headers, ...headers } };
}

export function todoistExecuteContext(fake: { credentials: IDataObject }, options: RunOptions): IExecuteFunctions {
	const credentials = { ...fake.credentials, ...options.credentials };
	const node = mock<INode>(NODE);
	const helpers = {
		async httpRequestWithAuthentication(type: string, request: IHttpRequestOptions) {
			if (type !== 'todoistSyncApi') throw new Error(`Unexpected credential type ${type}`);
			try {
				return await httpRequest(authenticate(request, credentials));
			} catch (error) {
				throw new NodeApiError(node, error as never);
			}
		},
	};
	const context = mock<IExecuteFunctions>({ logger: mock<Logger>(), helpers: helpers as unknown as IExecuteFunctions['helpers'] });
	context.getNode.mockReturnValue(node);
	context.getInputData.mockReturnValue(inputItems(options));
	context.continueOnFail.mockReturnValue(options.continueOnFail ?? false);
	context.getExecutionCancelSignal.mockReturnValue(undefined);
	context.getMode.mockReturnValue(options.mode ?? 'webhook');
	context.getCredentials.mockResolvedValue(credentials);
	context.getNodeParameter.mockImplementation(parameterReader(options) as IExecuteFunctions['getNodeParameter']);
	return context;
}

export async function runTodoistNode(nodeType: INodeType, fake: { credentials: IDataObject }, options: RunOptions) {
	return await executeNode(nodeType, todoistExecuteContext(fake, options));
}
