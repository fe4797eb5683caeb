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

/** A node-type field that is either a literal or `={{$parameter["name"]}}`; anything cleverer stays unknown. */
function resolve(value: unknown, parameters: Record<string, unknown>): string | undefined {
	if (typeof value !== 'string') return undefined;
	if (!value.startsWith('=')) return value;
	const parameter = /^=\{\{\s*\$parameter\["(\w+)"\]\s*\}\}$/.exec(value)?.[1];
	const resolved = parameter === undefined ? undefined : parameters[parameter];
	return typeof resolved === 'string' ? resolved : undefined;
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
