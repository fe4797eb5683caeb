import type { INodeParameters, IWebhookDescription, WEBHOOK_RESOLVERS } from 'n8n-workflow';

const PATH_TEMPLATE = '={{$parameter["path"]}}';

// The registry key n8n-workflow (2.41 on) reads native resolvers from. Looked up by name, not imported, so
// n8n versions without it load the node too: they ignore the key and evaluate the template as before.
const RESOLVERS = Symbol.for('n8n.webhookDescriptionResolvers') as typeof WEBHOOK_RESOLVERS;

/**
 * The webhook's path from the node's Path parameter, readable without the expression engine. Given only as
 * an expression, n8n evaluates it in an isolate on every request, and with lazy isolates that builds one.
 */
export const pathFromParameter: Pick<IWebhookDescription, 'path' | typeof WEBHOOK_RESOLVERS> = {
	path: PATH_TEMPLATE,
	[RESOLVERS]: {
		path: { template: PATH_TEMPLATE, resolve: (parameters: INodeParameters) => parameters.path },
	},
};
