/**
 * What only queue mode has: production webhooks answered by the webhook processor, executions run by a worker,
 * main refusing production webhooks, and nothing started anywhere by a request that fails verification.
 */
import { readFileSync } from 'node:fs';

import { nodeOutput, webhookUrlOf, type N8nInstance, type PublishedWorkflow } from '../../support/n8n';
import { fixtureBytes, knownAnswers, newIntercomDelivery } from '../../support/webhookFixtures';
import { startQueueWithIntercomTrigger } from './intercomOnQueue';

const FIXTURE = 'intercom/conversation.user.created.json';
const json = { 'content-type': 'application/json', 'user-agent': 'intercom-parrot-service-client/1.0' };

/** The fixture as a new delivery: each call gets a notification id of its own. */
function freshNotification(): { body: Buffer; headers: Record<string, string> } {
	const { body, signature } = newIntercomDelivery(FIXTURE);
	return { body, headers: { ...json, 'x-hub-signature': signature } };
}

describe('queue mode: a signed Intercom webhook', () => {
	let n8n: N8nInstance;
	let flow: PublishedWorkflow;

	beforeAll(async () => {
		({ n8n, flow } = await startQueueWithIntercomTrigger('Intercom on queue mode'));
	}, 900_000);

	afterAll(async () => {
		await n8n?.stop();
	}, 120_000);

	it('has its URL on the webhook processor, and main refuses production webhooks', async () => {
		const url = webhookUrlOf(flow);
		expect(url.startsWith(`${n8n.webhookBaseUrl}/webhook/`)).toBe(true);
		expect(n8n.webhookBaseUrl).not.toBe(n8n.baseUrl);

		const onMain = await n8n.postWebhook(url.replace(n8n.webhookBaseUrl, n8n.baseUrl), fixtureBytes(FIXTURE), {
			...json,
			'x-hub-signature': knownAnswers.intercom[FIXTURE],
		});
		expect(onMain.status).toBe(404);
	});

	it('is answered 200 by the webhook processor and runs to success on exactly one worker', async () => {
		const before = (await n8n.listExecutions(flow.id)).length;
		const response = await n8n.postWebhook(webhookUrlOf(flow), fixtureBytes(FIXTURE), { ...json, 'x-hub-signature': knownAnswers.intercom[FIXTURE] });
		expect(response.status).toBe(200);

		const executions = await n8n.waitForExecutions(flow.id, before + 1);
		const latest = executions[executions.length - 1];
		expect(latest.status).toBe('success');
		const detail = await n8n.getExecution(latest.id);
		expect(nodeOutput(detail, 'Received')).toHaveLength(1);

		// n8n logs "Worker started execution <id>" on the worker that took the job; main and the webhook processor never do.
		const ranOn = n8n.deployment.processes.filter((process) =>
			new RegExp(`Worker started execution ${latest.id}\\b`).test(readFileSync(process.options.logFile, 'utf8')),
		);
		expect(ranOn.map((process) => process.role)).toEqual(['worker']);
	});

	it('refuses a mis-signed request with 401 and starts no execution on any process', async () => {
		const before = (await n8n.listExecutions(flow.id)).length;
		const signature = knownAnswers.intercom[FIXTURE];
		const misSigned = await n8n.postWebhook(webhookUrlOf(flow), fixtureBytes(FIXTURE), {
			...json,
			'x-hub-signature': `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`,
		});
		expect(misSigned.status).toBe(401);

		// Then one that runs: it must be the only new execution (the list is main's, from the shared database).
		const next = freshNotification();
		const signed = await n8n.postWebhook(webhookUrlOf(flow), next.body, next.headers);
		expect(signed.status).toBe(200);
		const executions = await n8n.waitForExecutions(flow.id, before + 1);
		expect(executions).toHaveLength(before + 1);
	});

	it("keeps its claims in n8n's Redis, so a repeat is still dropped after every n8n process restarted", async () => {
		const { body, headers } = freshNotification();
		const before = (await n8n.listExecutions(flow.id)).length;
		expect((await n8n.postWebhook(webhookUrlOf(flow), body, headers)).status).toBe(200);
		await n8n.waitForExecutions(flow.id, before + 1);

		await n8n.restart();
		expect((await n8n.postWebhook(webhookUrlOf(flow), body, headers)).status).toBe(200);
		// Then one that runs: it must be the only new execution.
		const next = freshNotification();
		expect((await n8n.postWebhook(webhookUrlOf(flow), next.body, next.headers)).status).toBe(200);
		expect(await n8n.waitForExecutions(flow.id, before + 2)).toHaveLength(before + 2);
	}, 300_000);
});
