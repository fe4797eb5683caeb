/**
 * What keeps n8n 2.41 out of its expression engine on a webhook request to our triggers. Each expression it
 * evaluates before the run starts costs an isolate per request when isolates are acquired lazily.
 */
import type { INodeParameters, INodeTypeDescription, IWebhookDescription, WEBHOOK_RESOLVERS } from 'n8n-workflow';

/**
 * 1.1 behaves exactly as 1. For a version-1 node n8n evaluates `$parameter.options.binaryData` on every webhook
 * request (webhook-helpers, parseRequestBody).
 */
export const TRIGGER_VERSIONS: Pick<INodeTypeDescription, 'version' | 'defaultVersion'> = { version: [1, 1.1], defaultVersion: 1.1 };

const PATH_TEMPLATE = '={{$parameter["path"]}}';

// The registry key n8n-workflow (2.41 on) reads native resolvers from. Looked up by name, not imported, so
// n8n versions without it load the node too: they ignore the key and evaluate the template as before.
const RESOLVERS = Symbol.for('n8n.webhookDescriptionResolvers') as typeof WEBHOOK_RESOLVERS;

/** The webhook's path from the node's Path parameter, which n8n then reads from the saved parameters. */
export const pathFromParameter: Pick<IWebhookDescription, 'path' | typeof WEBHOOK_RESOLVERS> = {
	path: PATH_TEMPLATE,
	[RESOLVERS]: {
		path: { template: PATH_TEMPLATE, resolve: (parameters: INodeParameters) => parameters.path },
	},
};
