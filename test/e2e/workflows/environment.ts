/**
 * One real n8n with the package installed, every shipped workflow imported with `n8n import:workflow` and
 * published, and the services the workflows talk to on loopback: the Intercom fake, the Todoist stand-in, a
 * private MariaDB with the reference members, and the Supabase test server with their positions.
 */
import { randomBytes } from 'node:crypto';

import { startIntercomFake, type IntercomFake, type IntercomFakeOptions } from '../../support/intercom-fake';
import { startMariaDb, type MariaDb } from '../../support/mariadb';
import { createRetryCredential } from '../../../scripts/n8n/api-key';
import { startN8n, webhookUrlOf, type N8nInstance, type PublishedWorkflow } from '../../support/n8n';
import type { WorkflowJson } from '../../../scripts/n8n/workflows';
import { startSupabaseFake, type SupabaseFake } from '../../support/supabase-fake';
import { startTodoistFake, type TodoistFake } from '../../support/todoist-fake';
import { CUSTOMER_DATA_EVENTS_KEY_HEADER, syncCredentials, WORKFLOWS_DIR, WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import type { TopologyKind } from '../../../scripts/n8n/topology';

export interface WorkflowEnvironment {
	n8n: N8nInstance;
	intercom: IntercomFake;
	todoist: TodoistFake;
	mariadb: MariaDb;
	supabase: SupabaseFake;
	/** `intercomTicketsClientSecret`: the second Intercom app's, whose ticket webhooks go to the escalation. */
	/** `customerDataEventsKey`: the key in the customer data events credential as created (Key in a Header). */
	secrets: {
		intercomClientSecret: string;
		intercomTicketsClientSecret: string;
		todoistClientSecret: string;
		lookupApiKey: string;
		customerDataEventsKey: string;
	};
	/** Production URLs of the published triggers. */
	urls: { intercom: string; intercomTickets: string; todoist: string; lookupApi: string; customerDataEvents: string };
	/** What `n8n import:workflow` printed. */
	importOutput: string;
	stop(): Promise<void>;
}

const TRIGGER_OF = {
	intercom: [WORKFLOW_IDS.memberSync, 'When Intercom reports a conversation event'],
	todoist: [WORKFLOW_IDS.bugEscalation, 'When a Todoist task changes'],
	intercomTickets: [WORKFLOW_IDS.bugEscalation, 'When Intercom resolves a ticket'],
	lookupApi: [WORKFLOW_IDS.lookupApi, 'When a lookup request arrives'],
	customerDataEvents: [WORKFLOW_IDS.customerDataEvents, 'When customer data arrives'],
} as const;

/** What the escalation workflow's sticky note asks users to create in Intercom. */
const BUG_TICKET_TYPE = {
	name: 'Bug report',
	category: 'Back-office' as const,
	attributes: [{ name: 'todoist_task_id', data_type: 'string' as const }],
};

/** The one setting a user picks in the editor after importing: the ticket type, from Intercom's list. */
async function chooseTicketType(n8n: N8nInstance, ticketType: { id: string; name: string }): Promise<void> {
	const path = `/rest/workflows/${WORKFLOW_IDS.bugEscalation}`;
	const workflow = await n8n.client.get<WorkflowJson & { versionId: string }>(path);
	const ticketNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-intercom-sync.intercomTicket');
	if (!ticketNode) throw new Error('The escalation workflow has no Intercom Ticket node');
	const parameters = ticketNode.parameters as Record<string, unknown>;
	parameters.ticketType = { __rl: true, mode: 'list', value: ticketType.id, cachedResultName: ticketType.name };
	await n8n.client.patch(path, { versionId: workflow.versionId, nodes: workflow.nodes, connections: workflow.connections });
}

export interface WorkflowEnvironmentOptions {
	/** Extra n8n settings, e.g. expression-engine options the benchmark compares. */
	n8nEnv?: Record<string, string>;
	/** One n8n on SQLite (default), or queue mode: main, two workers and a webhook processor on Postgres and Redis. */
	topology?: TopologyKind;
	/** Settings for the Intercom fake, e.g. the custom attributes every contact carries. */
	intercom?: IntercomFakeOptions;
	/** Queue mode: Redis keeps an append-only file, as a production Redis should. */
	redisAppendOnly?: boolean;
}

export async function startWorkflowEnvironment(options: WorkflowEnvironmentOptions = {}): Promise<WorkflowEnvironment> {
	const secrets = {
		intercomClientSecret: randomBytes(16).toString('hex'),
		intercomTicketsClientSecret: randomBytes(16).toString('hex'),
		todoistClientSecret: randomBytes(16).toString('hex'),
		lookupApiKey: randomBytes(24).toString('base64url'),
		customerDataEventsKey: randomBytes(24).toString('base64url'),
	};
	const started: Array<{ stop(): Promise<void> } | { close(): Promise<void> }> = [];
	const stopAll = async () => {
		await Promise.allSettled(started.reverse().map((service) => ('stop' in service ? service.stop() : service.close())));
	};
	try {
		// Wait for all three even when one fails, so none is left running.
		const services = await Promise.allSettled([
			startIntercomFake({ rateLimit: false, ...options.intercom }),
			startMariaDb(),
			startSupabaseFake(),
			startTodoistFake(),
		] as const);
		for (const service of services) if (service.status === 'fulfilled') started.push(service.value);
		const failed = services.find((service) => service.status === 'rejected');
		if (failed) throw failed.reason;
		const [intercom, mariadb, supabase, todoist] = services.map((service) => (service as PromiseFulfilledResult<unknown>).value) as [
			IntercomFake,
			MariaDb,
			SupabaseFake,
			TodoistFake,
		];
		const n8n = await startN8n({
			topology: options.topology,
			env: options.n8nEnv,
			redisAppendOnly: options.redisAppendOnly,
			credentials: syncCredentials({
				intercom: { accessToken: intercom.token, baseUrl: intercom.baseUrl, webhookClientSecret: secrets.intercomClientSecret },
				intercomTickets: { accessToken: intercom.token, baseUrl: intercom.baseUrl, webhookClientSecret: secrets.intercomTicketsClientSecret },
				todoist: { ...todoist.credentials, appClientSecret: secrets.todoistClientSecret },
				memberDatabase: mariadb.credentials,
				supabase: supabase.credentials,
				lookupApiKey: secrets.lookupApiKey,
				customerDataEvents: { authentication: 'headerKey', headerName: CUSTOMER_DATA_EVENTS_KEY_HEADER, apiKey: secrets.customerDataEventsKey },
			}),
		});
		started.push(n8n);

		// As npm start does: the retries workflow's credential, with an API key of the owner (it stays unpublished).
		await createRetryCredential(n8n.client, n8n.deployment.editorUrl);
		// Exactly what a user runs: the CLI import of the folder, then publish each workflow.
		const imported = await n8n.cli(['import:workflow', '--separate', `--input=${WORKFLOWS_DIR}`]);
		if (imported.code !== 0) throw new Error(`n8n import:workflow failed:\n${imported.output}`);
		await chooseTicketType(n8n, intercom.seed.ticketType(BUG_TICKET_TYPE));
		const published = new Map<string, PublishedWorkflow>();
		// The retries start when a test wants them (retries.ts: enableRetries).
		for (const id of Object.values(WORKFLOW_IDS).filter((workflowId) => workflowId !== WORKFLOW_IDS.retries)) {
			published.set(id, await n8n.publish(id));
		}
		const urlOf = ([workflowId, node]: readonly [string, string]) => webhookUrlOf(published.get(workflowId)!, 'POST', node);
		return {
			n8n,
			intercom,
			todoist,
			mariadb,
			supabase,
			secrets,
			urls: {
				intercom: urlOf(TRIGGER_OF.intercom),
				intercomTickets: urlOf(TRIGGER_OF.intercomTickets),
				todoist: urlOf(TRIGGER_OF.todoist),
				lookupApi: urlOf(TRIGGER_OF.lookupApi),
				customerDataEvents: urlOf(TRIGGER_OF.customerDataEvents),
			},
			importOutput: imported.output,
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
