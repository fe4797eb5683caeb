/**
 * The smoke suite on the oldest n8n the package supports (package.json's engines.n8n; README, "Supported n8n
 * versions"), one process on SQLite: the packed package installed as n8n installs community packages, every
 * shipped workflow imported with the CLI and published, one correctly and one wrongly signed request per trigger,
 * the member enrichment end to end, and the failure path (failures table, the retries' public API calls). The full
 * suites run on n8n 2.41.1.
 */
import { randomUUID } from 'node:crypto';

import { RETRY_API_KEY_SCOPES } from '../../../scripts/n8n/api-key';
import { sendHttp } from '../../../scripts/n8n/http';
import { n8nRunVersion, OLDEST_N8N_VERSION } from '../../../scripts/n8n/paths';
import { CUSTOMER_DATA_EVENTS_KEY_HEADER, LOOKUP_API_KEY_HEADER, WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import { declaredCredentialTypeNames, expectedLoadedNodeTypeNames, PACKAGE_NAME } from '../../support/n8n';
import { contactsOf, identify, postEvents, track } from '../workflows/customerDataEvents';
import { deliverIntercom, deliverTodoist, intercomNotification, todoistEvent } from '../workflows/deliveries';
import { startWorkflowEnvironment, type WorkflowEnvironment } from '../workflows/environment';
import { failureRows } from '../workflows/failureRows';
import { pollUntil } from '../workflows/polling';
import { expectNoExecution, expectSucceeded, ranNodes, runOnce } from '../workflows/executions';

describe(`the package on the oldest supported n8n (${OLDEST_N8N_VERSION})`, () => {
	let env: WorkflowEnvironment;

	beforeAll(async () => {
		env = await startWorkflowEnvironment();
	}, 900_000);

	afterAll(async () => {
		await env?.stop();
	}, 120_000);

	it('runs that n8n (or the one N8N_RUN_VERSION names), not the default one', async () => {
		if (!process.env.N8N_RUN_VERSION || process.env.N8N_RUN_VERSION === 'oldest') expect(n8nRunVersion).toBe(OLDEST_N8N_VERSION);
		const settings = await env.n8n.client.get<{ versionCli: string }>('/rest/settings');
		expect(settings.versionCli).toBe(n8nRunVersion);
	});

	it('loads every node (with its Tool variant) and every credential of the manifest', async () => {
		const nodes = (await env.n8n.nodeTypes()).map((type) => type.name).filter((name) => name.startsWith(`${PACKAGE_NAME}.`));
		expect([...new Set(nodes)].sort()).toEqual(expectedLoadedNodeTypeNames().sort());
		const credentials = new Set((await env.n8n.credentialTypes()).map((type) => type.name));
		expect(declaredCredentialTypeNames().filter((name) => !credentials.has(name))).toEqual([]);
	});

	describe('Intercom Trigger', () => {
		const lead = () =>
			intercomNotification({
				topic: 'conversation.user.created',
				conversationId: `95${Date.now()}`,
				author: { id: env.intercom.seed.lead({ email: null }).id, type: 'lead' },
			});

		it('refuses a wrongly signed notification with 401 and starts no execution', async () => {
			const response = await expectNoExecution(
				env,
				WORKFLOW_IDS.memberSync,
				() => deliverIntercom(env.n8n, env.urls.intercom, lead(), 'not-the-client-secret'),
				() => deliverIntercom(env.n8n, env.urls.intercom, lead(), env.secrets.intercomClientSecret),
			);
			expect(response.status).toBe(401);
		});

		it('runs the member enrichment end to end on a signed one: lookup in MariaDB and Supabase, then the contact written', async () => {
			const contact = env.intercom.seed.user({ email: 'John.Doe@Example.com', name: 'John D' });
			const notification = intercomNotification({
				topic: 'conversation.user.created',
				conversationId: `96${Date.now()}`,
				author: { id: contact.id, type: 'user', email: contact.email },
			});
			const { response, execution } = await runOnce(env, WORKFLOW_IDS.memberSync, () =>
				deliverIntercom(env.n8n, env.urls.intercom, notification, env.secrets.intercomClientSecret),
			);

			expect(response.status).toBe(200);
			expectSucceeded(execution);
			expect(ranNodes(execution)).toContain('Write the member data to the contact');
			const stored = env.intercom.store.contacts.get(contact.id)!;
			expect(stored.custom_attributes).toMatchObject({ member_number: '12345', member_type: 'Active', region: 'GL', facility: 'ZAU' });
			expect(String(stored.custom_attributes.positions).split(', ').sort()).toEqual(['Area Representative', 'Facility President']);
			expect(stored.phone).toBe('+17654657031');
			env.intercom.expectNoInvalidRequests();
		});
	});

	describe('Todoist Trigger', () => {
		const event = () => todoistEvent('item:added', { id: `old${randomUUID()}`, content: 'Not a bug', labels: [] });

		it('runs a signed event and refuses a wrongly signed one with 401, starting no execution', async () => {
			const { response, execution } = await runOnce(env, WORKFLOW_IDS.bugEscalation, () =>
				deliverTodoist(env.n8n, env.urls.todoist, event(), env.secrets.todoistClientSecret),
			);
			expect(response.status).toBe(200);
			expectSucceeded(execution);

			const refused = await expectNoExecution(
				env,
				WORKFLOW_IDS.bugEscalation,
				() => deliverTodoist(env.n8n, env.urls.todoist, event(), 'not-the-client-secret'),
				() => deliverTodoist(env.n8n, env.urls.todoist, event(), env.secrets.todoistClientSecret),
			);
			expect(refused.status).toBe(401);
		});
	});

	describe('Member Lookup API Trigger', () => {
		const ask = (key: string) =>
			env.n8n.postWebhook(env.urls.lookupApi, JSON.stringify({ email: 'john.doe@example.com' }), {
				'content-type': 'application/json',
				[LOOKUP_API_KEY_HEADER]: key,
			});

		it('answers a request with the key and refuses one with a wrong key with 403, starting no execution', async () => {
			const { response, execution } = await runOnce(env, WORKFLOW_IDS.lookupApi, () => ask(env.secrets.lookupApiKey));
			expect(response.status).toBe(200);
			expect(response.json()).toMatchObject({ found: true, member_number: '12345' });
			expectSucceeded(execution);

			const refused = await expectNoExecution(env, WORKFLOW_IDS.lookupApi, () => ask('not-the-key'), () => ask(env.secrets.lookupApiKey));
			expect(refused.status).toBe(403);
		});
	});

	describe('Customer Data Events Trigger', () => {
		const person = () => `old-${randomUUID().slice(0, 8)}`;

		it('writes a person from events with the key and refuses a wrong key with 401, starting no execution', async () => {
			const userId = person();
			const { response, execution } = await runOnce(env, WORKFLOW_IDS.customerDataEvents, () => postEvents(env, JSON.stringify(identify(userId))));
			expect(response.status).toBe(200);
			expect(response.json()).toMatchObject({ received: 1, new: 1 });
			expectSucceeded(execution);
			expect(contactsOf(env, userId)).toEqual([expect.objectContaining({ role: 'user', email: `${userId}@example.org` })]);

			const refused = await expectNoExecution(
				env,
				WORKFLOW_IDS.customerDataEvents,
				() => postEvents(env, JSON.stringify(identify(person())), { [CUSTOMER_DATA_EVENTS_KEY_HEADER]: 'not-the-key' }),
				() => postEvents(env, JSON.stringify(identify(person()))),
			);
			expect(refused.status).toBe(401);
		});
	});

	// The failure path: the error workflow's data table (Data Table 1.1, n8n 2.3+), and the three public API calls
	// Retry Failed Executions makes (list, read with data, retry).
	it('records a failed run in the failures table, and n8n’s public API lists, reads and retries it', async () => {
		const anonymous = { ...track('ignored', 'Viewed Offer'), userId: undefined, anonymousId: `anon-${randomUUID().slice(0, 8)}`, context: {} };
		const { execution } = await runOnce(env, WORKFLOW_IDS.customerDataEvents, () => postEvents(env, JSON.stringify(anonymous)));
		expect(execution.status).toBe('error');
		await until(async () => (await failureRows(env)).some((row) => row.execution_id === execution.id), 'the failure row');

		const { rawApiKey } = await env.n8n.client.post<{ rawApiKey: string }>('/rest/api-keys', {
			label: 'Oldest n8n smoke',
			scopes: RETRY_API_KEY_SCOPES,
			expiresAt: null,
		});
		const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
			const response = await sendHttp(`${env.n8n.baseUrl}/api/v1${path}`, {
				method,
				headers: { 'x-n8n-api-key': rawApiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
				body: body ? JSON.stringify(body) : undefined,
			});
			if (response.status !== 200) throw new Error(`${method} ${path} answered ${response.status}: ${response.text()}`);
			return response.json<T>();
		};
		const listed = await api<{ data: Array<{ id: string | number; status: string }> }>('GET', `/executions?workflowId=${WORKFLOW_IDS.customerDataEvents}&limit=100`);
		expect(listed.data.map(({ id, status }) => ({ id: String(id), status }))).toContainEqual({ id: execution.id, status: 'error' });
		const read = await api<{ data: { resultData: { error?: unknown } } }>('GET', `/executions/${execution.id}?includeData=true`);
		expect(read.data.resultData.error).toBeDefined();
		const retried = await api<{ id: string | number; status: string }>('POST', `/executions/${execution.id}/retry`, { loadWorkflow: true });
		expect(retried).toMatchObject({ status: 'error' });
		expect(String(retried.id)).not.toBe(execution.id);
	});
});

/** Polls `check` every 200 ms for at most `timeoutMs`. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
	if (!(await pollUntil(check, (held) => held, timeoutMs)).held) throw new Error(`No ${what} within ${timeoutMs} ms`);
}
