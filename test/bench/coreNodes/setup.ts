/**
 * Puts the two core-node flows on the n8n of a workflow environment, next to our published workflows: the
 * credentials a user of plain core nodes would create (Header Auth for Intercom, MySQL, n8n's Supabase), the
 * ticket type looked up in Intercom, then both flows imported and published.
 */
import type { WorkflowEnvironment } from '../../e2e/workflows/environment';
import { coreEnrichmentFlow } from './enrichmentFlow';
import { coreEscalationFlow } from './escalationFlow';

export interface CoreFlows {
	enrichment: { id: string; url: string; nodes: number };
	escalation: { id: string; url: string; nodes: number };
}

interface TicketTypeList {
	data: Array<{ id: string; name: string; ticket_type_attributes?: { ticket_type_attributes?: Array<{ id: string; name: string }> } }>;
}

/** What a user reads off Intercom once: the bug ticket type and its todoist_task_id attribute. */
async function bugTicketType(env: WorkflowEnvironment): Promise<{ ticketTypeId: string; referenceAttributeId: string }> {
	const response = await fetch(`${env.intercom.baseUrl}/ticket_types`, {
		headers: { Authorization: `Bearer ${env.intercom.token}`, 'Intercom-Version': '2.14', Accept: 'application/json' },
	});
	const list = (await response.json()) as TicketTypeList;
	for (const type of list.data) {
		const attribute = type.ticket_type_attributes?.ticket_type_attributes?.find((candidate) => candidate.name === 'todoist_task_id');
		if (attribute) return { ticketTypeId: type.id, referenceAttributeId: attribute.id };
	}
	throw new Error('The Intercom stand-in has no ticket type with a todoist_task_id attribute');
}

function webhookUrl(published: { webhooks: Array<{ method: string; url: string }> }): string {
	return published.webhooks.find((hook) => hook.method === 'POST')!.url;
}

export async function installCoreFlows(env: WorkflowEnvironment): Promise<CoreFlows> {
	const intercom = await env.n8n.createCredential({
		name: 'Intercom (Header Auth)',
		type: 'httpHeaderAuth',
		data: { name: 'Authorization', value: `Bearer ${env.intercom.token}` },
	});
	const { host, port, database, user, password } = env.mariadb.credentials;
	const mysql = await env.n8n.createCredential({ name: 'Member directory (MySQL)', type: 'mySql', data: { host, port, database, user, password } });
	const supabase = await env.n8n.createCredential({
		name: 'Supabase (n8n)',
		type: 'supabaseApi',
		data: { host: env.supabase.credentials.url, serviceRole: env.supabase.credentials.serviceRoleKey },
	});

	const enrichmentJson = coreEnrichmentFlow(
		{
			intercomBaseUrl: env.intercom.baseUrl,
			supabaseUrl: env.supabase.credentials.url,
			signingSecret: env.secrets.intercomClientSecret,
			credentials: { intercom, mysql, supabase },
		},
		'core-enrichment',
	);
	const escalationJson = coreEscalationFlow(
		{ intercomBaseUrl: env.intercom.baseUrl, signingSecret: env.secrets.todoistClientSecret, credential: intercom, ...(await bugTicketType(env)) },
		'core-escalation',
	);
	const enrichment = await env.n8n.importWorkflow(enrichmentJson);
	const escalation = await env.n8n.importWorkflow(escalationJson);
	return {
		enrichment: { id: enrichment.id, url: webhookUrl(enrichment), nodes: enrichmentJson.nodes.length },
		escalation: { id: escalation.id, url: webhookUrl(escalation), nodes: escalationJson.nodes.length },
	};
}
