/**
 * Small builders for n8n core nodes as the editor saves them (n8n 2.41's node versions), so the core-node
 * flows of the comparison read like a canvas: one line per node, then the wiring.
 */
import { randomUUID } from 'node:crypto';

import type { WorkflowJson } from '../../../scripts/n8n/workflows';

export type CoreNode = WorkflowJson['nodes'][number];
export interface CredentialRef {
	id: string;
	name: string;
}

function node(name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, extra: Record<string, unknown> = {}): CoreNode {
	return { id: randomUUID(), name, type: `n8n-nodes-base.${type}`, typeVersion, position: [0, 0], parameters, ...extra };
}

/** Answers through Respond to Webhook nodes, so the flow can refuse a bad signature; keeps the raw body. */
export function webhook(name: string, path: string): CoreNode {
	return node(name, 'webhook', 2.1, { httpMethod: 'POST', path, responseMode: 'responseNode', options: { rawBody: true } }, { webhookId: randomUUID() });
}

export function respond(name: string, responseCode: number): CoreNode {
	return node(name, 'respondToWebhook', 1.5, { respondWith: 'noData', options: { responseCode } });
}

export function code(name: string, jsCode: string): CoreNode {
	return node(name, 'code', 2, { jsCode });
}

/** An If node with one condition: `leftValue` is true. */
export function ifTrue(name: string, leftValue: string): CoreNode {
	return node(name, 'if', 2.3, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 3 },
			conditions: [{ id: randomUUID(), leftValue, rightValue: '', operator: { type: 'boolean', operation: 'true', singleValue: true } }],
			combinator: 'and',
		},
		looseTypeValidation: false,
		options: {},
	});
}

/** Remove Duplicates keyed on `dedupeValue` across executions, with the node's defaults otherwise. */
export function removeDuplicates(name: string, dedupeValue: string): CoreNode {
	return node(name, 'removeDuplicates', 2, {
		operation: 'removeItemsSeenInPreviousExecutions',
		logic: 'removeItemsWithAlreadySeenKeyValues',
		dedupeValue,
		options: {},
	});
}

export function mysqlQuery(name: string, query: string, queryReplacement: string, credential: CredentialRef): CoreNode {
	return node(name, 'mySql', 2.5, { operation: 'executeQuery', query, options: { queryReplacement } }, { credentials: { mySql: credential } });
}

interface HttpOptions {
	method: 'GET' | 'POST' | 'PUT';
	url: string;
	/** Expression producing the JSON body. */
	jsonBody?: string;
	query?: Record<string, string>;
	headers?: Record<string, string>;
	/** One item with `body`, `headers` and `statusCode`, also when the body is an empty list. */
	fullResponse?: boolean;
}

const pairs = (values: Record<string, string>) => ({ parameters: Object.entries(values).map(([name, value]) => ({ name, value })) });

function http(name: string, options: HttpOptions, auth: Record<string, unknown>, credentials: Record<string, CredentialRef>): CoreNode {
	return node(
		name,
		'httpRequest',
		4.2,
		{
			method: options.method,
			url: options.url,
			...auth,
			...(options.query ? { sendQuery: true, queryParameters: pairs(options.query) } : {}),
			...(options.headers ? { sendHeaders: true, headerParameters: pairs(options.headers) } : {}),
			...(options.jsonBody ? { sendBody: true, specifyBody: 'json', jsonBody: options.jsonBody } : {}),
			options: options.fullResponse ? { response: { response: { fullResponse: true } } } : {},
		},
		{ credentials },
	);
}

/** HTTP Request with a Header Auth credential (`Authorization: Bearer …`), as Intercom's API asks. */
export function httpWithHeaderAuth(name: string, options: HttpOptions, credential: CredentialRef): CoreNode {
	return http(name, options, { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' }, { httpHeaderAuth: credential });
}

/** HTTP Request with n8n's own Supabase credential, which adds the `apikey` and bearer headers. */
export function httpWithSupabase(name: string, options: HttpOptions, credential: CredentialRef): CoreNode {
	return http(name, options, { authentication: 'predefinedCredentialType', nodeCredentialType: 'supabaseApi' }, { supabaseApi: credential });
}

/** `[from, to]` or `[from, to, output]`. */
export type Wire = [string, string, number?];

/** Headers of every Intercom request the core flows send. */
export const INTERCOM_HEADERS = { 'Intercom-Version': '2.14', Accept: 'application/json' };

/**
 * The start both core flows share: the Webhook node, a Code node checking the signature, an If, and Respond to
 * Webhook nodes for 401 and 200. The flow goes on from the node named `answered`.
 */
export function signedStart(service: string, path: string, verifySignature: string) {
	const answered = `Answer ${service}: 200`;
	const nodes = [
		webhook(`${service} webhook`, path),
		code('Check the signature', verifySignature),
		ifTrue('Is the signature valid?', '={{ $json.valid }}'),
		respond('Refuse: 401', 401),
		respond(answered, 200),
	];
	const wires: Wire[] = [
		[`${service} webhook`, 'Check the signature'],
		['Check the signature', 'Is the signature valid?'],
		['Is the signature valid?', answered, 0],
		['Is the signature valid?', 'Refuse: 401', 1],
	];
	return { nodes, wires, answered };
}

/** Wires the nodes and lays them out left to right. */
export function canvas(name: string, nodes: CoreNode[], wires: Wire[]): WorkflowJson {
	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: 0 }>> }> = {};
	for (const [from, to, output = 0] of wires) {
		if (!nodes.some((candidate) => candidate.name === from) || !nodes.some((candidate) => candidate.name === to)) {
			throw new Error(`${name}: wire ${from} → ${to} names a node that is not on the canvas`);
		}
		const main = (connections[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output].push({ node: to, type: 'main', index: 0 });
	}
	nodes.forEach((each, index) => (each.position = [index * 220, (index % 2) * 160]));
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}
