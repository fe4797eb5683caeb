import { createHmac } from 'node:crypto';

import { nodeOutput, PACKAGE_NAME, startN8n, triggerThenNoOp, webhookUrlOf, type N8nInstance, type PublishedWorkflow } from '../support/n8n';
import { fixtureBytes, fixtureJson, knownAnswers, newIntercomDelivery } from '../support/webhookFixtures';

// The triggers inside a real n8n 2.41, installed from the packed tarball: signed requests run the
// workflow once, anything else is refused before an execution exists.

const INTERCOM_FIXTURE = 'intercom/conversation.user.created.json';
const TODOIST_FIXTURE = 'todoist/item_added.json';
// Nothing here calls the Intercom or Todoist APIs: the endpoints point at a closed loopback port.
const UNUSED_API = 'http://127.0.0.1:9';

describe('signed webhook triggers in a real n8n', () => {
	let n8n: N8nInstance;
	let intercomFlow: PublishedWorkflow;
	let todoistFlow: PublishedWorkflow;

	beforeAll(async () => {
		n8n = await startN8n({
			credentials: [
				{
					name: 'Intercom test app',
					type: 'intercomSyncApi',
					data: { accessToken: 'unused', region: 'custom', baseUrl: UNUSED_API, apiVersion: '2.14', webhookClientSecret: knownAnswers.secret },
				},
				{
					name: 'Todoist test app',
					type: 'todoistSyncApi',
					data: { apiToken: 'unused', appClientSecret: knownAnswers.secret, baseUrl: UNUSED_API },
				},
			],
		});
		intercomFlow = await n8n.importWorkflow(
			triggerThenNoOp('Intercom signed webhook', {
				type: `${PACKAGE_NAME}.intercomTrigger`,
				parameters: { listenTo: 'selected', topics: ['conversation.user.created', 'conversation.user.replied'] },
				credentials: { intercomSyncApi: 'Intercom test app' },
			}),
		);
		todoistFlow = await n8n.importWorkflow(
			triggerThenNoOp('Todoist signed webhook', {
				type: `${PACKAGE_NAME}.todoistTrigger`,
				parameters: { listenTo: 'selected', events: ['item:added'] },
				credentials: { todoistSyncApi: 'Todoist test app' },
			}),
		);
	}, 600_000);

	afterAll(async () => {
		await n8n?.stop();
	});

	describe('Intercom Trigger', () => {
		const body = fixtureBytes(INTERCOM_FIXTURE);
		const signature = knownAnswers.intercom[INTERCOM_FIXTURE];
		const json = { 'content-type': 'application/json', 'user-agent': 'intercom-parrot-service-client/1.0' };

		it('answers the HEAD check Intercom makes when the URL is saved', async () => {
			const response = await n8n.postWebhook(webhookUrlOf(intercomFlow, 'HEAD'), Buffer.alloc(0), {}, 'HEAD');
			expect(response.status).toBe(200);
		});

		it('refuses mis-signed and unsigned notifications with 401, runs a correctly signed one exactly once, and hands it the fields flows need', async () => {
			const url = webhookUrlOf(intercomFlow);
			const wrongDigit = signature.endsWith('0') ? '1' : '0';
			const misSigned = await n8n.postWebhook(url, body, { ...json, 'x-hub-signature': signature.slice(0, -1) + wrongDigit });
			const unsigned = await n8n.postWebhook(url, body, json);
			const wrongSecret = `sha1=${createHmac('sha1', 'not-the-client-secret').update(body).digest('hex')}`;
			const otherSecret = await n8n.postWebhook(url, body, { ...json, 'x-hub-signature': wrongSecret });
			expect([misSigned.status, unsigned.status, otherSecret.status]).toEqual([401, 401, 401]);

			// The refused requests were answered before this one was sent: had any of them started an
			// execution, it would be listed beside this one.
			const signed = await n8n.postWebhook(url, body, { ...json, 'x-hub-signature': signature });
			expect(signed.status).toBe(200);
			const executions = await n8n.waitForExecutions(intercomFlow.id, 1);
			expect(executions.map((execution) => execution.status)).toEqual(['success']);
			expect(await n8n.listExecutions(intercomFlow.id)).toHaveLength(1);

			const items = nodeOutput(await n8n.getExecution(executions[0].id), 'Received');
			expect(items).toEqual([
				{
					...fixtureJson(INTERCOM_FIXTURE),
					topic: 'conversation.user.created',
					notificationId: 'notif_6a1f0c2e-0001-4b7e-9d1a-000000000001',
					deliveryAttempts: 1,
					conversationId: '147000000001',
					contactId: '67eb0a6e8f72a828ba21c342',
					ticket: null,
				},
			]);
		});
	});

	describe('Ignore Repeated Deliveries on one n8n', () => {
		const body = fixtureBytes(INTERCOM_FIXTURE);
		const json = { 'content-type': 'application/json', 'x-hub-signature': knownAnswers.intercom[INTERCOM_FIXTURE] };
		/** The same notification under a new ID, signed like Intercom would: it must run. */
		const fresh = () => {
			const { body: other, signature } = newIntercomDelivery(INTERCOM_FIXTURE);
			return { body: other, headers: { 'content-type': 'application/json', 'x-hub-signature': signature } };
		};

		it('answers a notification it already ran 200 and starts nothing; after an n8n restart it has forgotten it', async () => {
			const url = webhookUrlOf(intercomFlow);
			const before = (await n8n.waitForExecutions(intercomFlow.id, 1)).length;
			expect((await n8n.postWebhook(url, body, json)).status).toBe(200);
			const next = fresh();
			await n8n.postWebhook(url, next.body, next.headers);
			expect(await n8n.waitForExecutions(intercomFlow.id, before + 1)).toHaveLength(before + 1);

			// On one n8n the claims live in the process (README, "Repeated deliveries"): a restart forgets them.
			await n8n.restart();
			expect((await n8n.postWebhook(url, body, json)).status).toBe(200);
			expect(await n8n.waitForExecutions(intercomFlow.id, before + 2)).toHaveLength(before + 2);
		}, 180_000);
	});

	describe('Todoist Trigger', () => {
		const body = fixtureBytes(TODOIST_FIXTURE);
		const signature = knownAnswers.todoist[TODOIST_FIXTURE];
		const headers = { 'content-type': 'application/json', 'x-todoist-delivery-id': 'delivery-e2e-1' };

		it('refuses a mis-signed event with 401 and runs a correctly signed one exactly once, delivery id included', async () => {
			const url = webhookUrlOf(todoistFlow);
			const tampered = Buffer.from(body.toString('utf8').replace('Safari', 'Chrome'));
			const misSigned = await n8n.postWebhook(url, tampered, { ...headers, 'x-todoist-hmac-sha256': signature });
			expect(misSigned.status).toBe(401);

			const signed = await n8n.postWebhook(url, body, { ...headers, 'x-todoist-hmac-sha256': signature });
			expect(signed.status).toBe(200);
			const [execution, ...others] = await n8n.waitForExecutions(todoistFlow.id, 1);
			expect(others).toEqual([]);
			expect(execution.status).toBe('success');

			const [item] = nodeOutput(await n8n.getExecution(execution.id), 'Received');
			const event = fixtureJson(TODOIST_FIXTURE);
			expect(item).toMatchObject({
				eventName: 'item:added',
				deliveryId: 'delivery-e2e-1',
				task: event.event_data,
				initiator: event.initiator,
			});
		});
	});
});
