/**
 * The shipped workflows (`workflows/*.json`) and the credentials they refer to by name. Used by the end-to-end
 * tests, the benchmark and `npm start`, so all three set n8n up the way the README tells users to.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CREDENTIAL_TYPES } from '../../nodes/common/credentialTypes';
import { INTERCOM_API_VERSION } from '../../nodes/common/intercom/api';
import type { CredentialInput } from './credentials';
import type { WorkflowJson } from './workflows';

export const WORKFLOWS_DIR = join(__dirname, '..', '..', 'workflows');

/** Explicit ids in the JSON keep `settings.errorWorkflow` and bookmarked editor URLs stable across imports. */
export const WORKFLOW_IDS = {
	memberSync: 'intercomSyncMembers',
	bugEscalation: 'intercomSyncTodoistBugs',
	lookupApi: 'intercomSyncLookupApi',
	failures: 'intercomSyncFailures',
	backfill: 'intercomSyncBackfill',
	customerDataEvents: 'intercomSyncCustomerDataEvents',
	retries: 'intercomSyncRetries',
} as const;

/**
 * Imported but left for the user to publish: the backfill's first run should be started by hand and watched;
 * publishing it switches on its nightly schedule.
 */
export const PUBLISHED_BY_HAND: ReadonlySet<string> = new Set([WORKFLOW_IDS.backfill]);

/** The names the workflow nodes use; n8n matches them to credentials of the same type on import. */
export const CREDENTIAL_NAMES = {
	intercom: 'Intercom',
	/** A second Intercom app: Intercom sends an app's webhooks to one address, and the member sync has the first. */
	intercomTickets: 'Intercom tickets app',
	todoist: 'Todoist',
	memberDatabase: 'Member Database',
	supabase: 'Supabase',
	lookupApiKey: 'Member Lookup API key',
	customerDataEvents: 'Customer data events',
	/** A key for this n8n's own API, with which failed executions are retried. */
	n8nApi: 'n8n API for retries',
} as const;

/** The header the lookup API's trigger reads the key from. */
export const LOOKUP_API_KEY_HEADER = 'X-API-Key';

/** How the customer data platform authenticates (the Customer Data Events API credential's fields). */
export type CustomerDataEventsCredentialValues =
	| { authentication: 'headerKey'; headerName: string; apiKey: string }
	| { authentication: 'basicAuth'; user: string; password: string }
	| { authentication: 'segmentSignature'; sharedSecret: string; acceptFirstEventSignature?: boolean };

/** The header the customer data events trigger reads the key from, unless the credential names another. */
export const CUSTOMER_DATA_EVENTS_KEY_HEADER = 'X-API-Key';

interface IntercomCredentialValues {
	accessToken: string;
	baseUrl?: string;
	webhookClientSecret: string;
}

export interface SyncCredentialValues {
	intercom: IntercomCredentialValues;
	intercomTickets: IntercomCredentialValues;
	todoist: { apiToken: string; appClientSecret: string; baseUrl?: string };
	memberDatabase: { host: string; port: number; database: string; user: string; password: string };
	supabase: { url: string; serviceRoleKey: string };
	lookupApiKey: string;
	customerDataEvents: CustomerDataEventsCredentialValues;
	/** Only where a key exists: n8n makes API keys per user, so one is created after the owner signs up. */
	n8nApi?: { apiKey: string; baseUrl: string };
}

/** The credentials (seven, and the n8n API key's when given), shaped as n8n stores them. A `baseUrl` points Intercom at a proxy or a test fake. */
export function syncCredentials(values: SyncCredentialValues): CredentialInput[] {
	const { intercom, intercomTickets, todoist, memberDatabase, supabase } = values;
	const intercomData = (app: IntercomCredentialValues) => ({
		accessToken: app.accessToken,
		region: app.baseUrl ? 'custom' : 'us',
		baseUrl: app.baseUrl ?? '',
		apiVersion: INTERCOM_API_VERSION,
		webhookClientSecret: app.webhookClientSecret,
	});
	return [
		{ name: CREDENTIAL_NAMES.intercom, type: CREDENTIAL_TYPES.intercom, data: intercomData(intercom) },
		{ name: CREDENTIAL_NAMES.intercomTickets, type: CREDENTIAL_TYPES.intercom, data: intercomData(intercomTickets) },
		{
			name: CREDENTIAL_NAMES.todoist,
			type: CREDENTIAL_TYPES.todoist,
			data: {
				apiToken: todoist.apiToken,
				appClientSecret: todoist.appClientSecret,
				baseUrl: todoist.baseUrl ?? 'https://api.todoist.com',
			},
		},
		{ name: CREDENTIAL_NAMES.memberDatabase, type: CREDENTIAL_TYPES.memberDatabase, data: { ...memberDatabase, ssl: 'off' } },
		{ name: CREDENTIAL_NAMES.supabase, type: CREDENTIAL_TYPES.supabase, data: { ...supabase } },
		{
			name: CREDENTIAL_NAMES.lookupApiKey,
			type: CREDENTIAL_TYPES.lookupApi,
			data: { headerName: LOOKUP_API_KEY_HEADER, apiKey: values.lookupApiKey },
		},
		{ name: CREDENTIAL_NAMES.customerDataEvents, type: CREDENTIAL_TYPES.customerDataEvents, data: { ...values.customerDataEvents } },
		...(values.n8nApi ? [{ name: CREDENTIAL_NAMES.n8nApi, type: CREDENTIAL_TYPES.n8nApi, data: { ...values.n8nApi } }] : []),
	];
}

export interface WorkflowFile {
	file: string;
	workflow: WorkflowJson & { id: string };
}

export function readWorkflowFiles(): WorkflowFile[] {
	return readdirSync(WORKFLOWS_DIR)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const file = join(WORKFLOWS_DIR, name);
			return { file, workflow: JSON.parse(readFileSync(file, 'utf8')) as WorkflowJson & { id: string } };
		});
}

/** Node types that start a workflow from an HTTP request, so they need a stable `webhookId`. */
export function isWebhookTrigger(type: string): boolean {
	return /\.(webhook|intercomTrigger|todoistTrigger|memberLookupApiTrigger|customerDataEventsTrigger)$/.test(type);
}
