/**
 * Pins what a user sees when the package is installed on main and the webhook processor but not on the worker
 * (README, "Running on n8n queue mode"): the webhook is answered 200, so Intercom will not send it again, and the
 * execution then fails on the worker with "Unrecognized node type". The event is lost unless the error
 * workflow records it; this is why every process needs the package.
 */
import { webhookUrlOf, type N8nInstance, type PublishedWorkflow } from '../../support/n8n';
import { fixtureBytes, knownAnswers } from '../../support/webhookFixtures';
import { startQueueWithIntercomTrigger } from './intercomOnQueue';

const FIXTURE = 'intercom/conversation.user.created.json';

describe('queue mode with a worker that lacks the package', () => {
	let n8n: N8nInstance;
	let flow: PublishedWorkflow;

	beforeAll(async () => {
		({ n8n, flow } = await startQueueWithIntercomTrigger('Intercom, worker without the package', { workers: 1, withoutPackage: ['worker'] }));
	}, 900_000);

	afterAll(async () => {
		await n8n?.stop();
	}, 120_000);

	it('answers 200, then the execution fails on the worker with "Unrecognized node type"', async () => {
		const response = await n8n.postWebhook(webhookUrlOf(flow), fixtureBytes(FIXTURE), {
			'content-type': 'application/json',
			'x-hub-signature': knownAnswers.intercom[FIXTURE],
		});
		expect(response.status).toBe(200);

		// Bounded but generous for npm test's load. With n8n's default of keeping no failed jobs this could wait for
		// ever (failedJobRetention.test.ts); the harness keeps them, as the README asks.
		const [execution] = await n8n.waitForExecutions(flow.id, 1, 180_000);
		expect(execution.status).toBe('error');
		const detail = await n8n.getExecution(execution.id);
		expect(JSON.stringify(detail.error ?? detail.runData)).toMatch(/Unrecognized node type: n8n-nodes-intercom-sync\.intercomTrigger/);
	}, 240_000);
});
