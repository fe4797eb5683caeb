import type { LoadedNodeType } from './node-types';
import type { WorkflowJson } from './workflows';

export interface ExpectedWebhook {
	node: string;
	/** HTTP method, when the node type fixes it or takes it from a plain parameter. */
	method?: string;
	/** Path under `/webhook/`, when it can be worked out without n8n's expression engine. */
	path?: string;
}

interface WebhookDefinition {
	httpMethod?: unknown;
	path?: unknown;
	isFullPath?: unknown;
}

/**
 * A node-type field that is a literal, `={{$parameter["name"]}}`, or `={{$parameter["name"] || "fallback"}}`
 * (how n8n's own Webhook node declares its method); anything cleverer stays unknown.
 */
function resolve(value: unknown, parameters: Record<string, unknown>): string | undefined {
	if (typeof value !== 'string') return undefined;
	if (!value.startsWith('=')) return value;
	const match = /^=\{\{\s*\$parameter\["(\w+)"\](?:\s*\|\|\s*"([^"]*)")?\s*\}\}$/.exec(value);
	if (!match) return undefined;
	const resolved = parameters[match[1]];
	return typeof resolved === 'string' && resolved !== '' ? resolved : match[2];
}

/**
 * The production webhooks a workflow gets when published, from each enabled node's webhook definitions
 * (as n8n lists them in /types/nodes.json), its parameters and its webhookId.
 */
export function expectedWebhooks(workflow: Pick<WorkflowJson, 'nodes'>, nodeTypes: LoadedNodeType[]): ExpectedWebhook[] {
	return workflow.nodes.flatMap((node) => {
		if (node.disabled === true) return [];
		const type = nodeTypes.find((candidate) => candidate.name === node.type && [candidate.version].flat().includes(node.typeVersion as number));
		const parameters = (node.parameters ?? {}) as Record<string, unknown>;
		return ((type?.webhooks ?? []) as WebhookDefinition[]).map((definition) => {
			const path = resolve(definition.path, parameters)?.replace(/^\/+/, '');
			const fullPath = definition.isFullPath === true;
			return {
				node: node.name,
				method: resolve(definition.httpMethod, parameters),
				path:
					path === undefined || (!fullPath && typeof node.webhookId !== 'string')
						? undefined
						: fullPath
							? path
							: `${node.webhookId as string}/${path}`,
			};
		});
	});
}
