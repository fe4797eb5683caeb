import type { N8nRestClient } from './rest-client';

export interface LoadedNodeType {
	name: string;
	displayName: string;
	version: number | number[];
	group: string[];
	credentials?: Array<{ name: string; required?: boolean }>;
	webhooks?: unknown[];
	usableAsTool?: boolean;
	[key: string]: unknown;
}

export interface LoadedCredentialType {
	name: string;
	displayName: string;
	properties: Array<{ name: string; type: string; [key: string]: unknown }>;
	[key: string]: unknown;
}

/** Every node type n8n loaded, as the editor receives them (one entry per node version). */
export async function listNodeTypes(client: N8nRestClient): Promise<LoadedNodeType[]> {
	return await client.get<LoadedNodeType[]>('/types/nodes.json');
}

/** Every credential type n8n loaded. */
export async function listCredentialTypes(client: N8nRestClient): Promise<LoadedCredentialType[]> {
	return await client.get<LoadedCredentialType[]>('/types/credentials.json');
}
