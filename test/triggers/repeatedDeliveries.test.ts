/**
 * The triggers drop deliveries they already received before any execution starts, through the in-process
 * coordinator (one n8n) or n8n's queue Redis (a real redis-server here). Deliveries are sent at the same time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

import { redisCommand, startRedis, type PrivateRedis } from '../../scripts/n8n/services/redis';
import { closeCoordinators } from '../../nodes/common/coordination';
import { IntercomTrigger } from '../../nodes/IntercomTrigger/IntercomTrigger.node';
import { TodoistTrigger } from '../../nodes/TodoistTrigger/TodoistTrigger.node';
import { bufferedPost, expectAnsweredWithoutRun, webhookReceiver, type WebhookCall } from '../support/webhookContext';
import { fixtureBytes, fixtureJson, knownAnswers } from '../support/webhookFixtures';

const INTERCOM = 'intercom/conversation.user.created.json';
const TODOIST = 'todoist/item_added.json';
const receiveIntercom = webhookReceiver(new IntercomTrigger(), { webhookClientSecret: knownAnswers.secret });
const receiveTodoist = webhookReceiver(new TodoistTrigger(), { appClientSecret: knownAnswers.secret });

const intercomDelivery = (workflowId: string): Partial<WebhookCall> & { request: WebhookCall['request'] } => ({
	workflowId,
	request: bufferedPost(fixtureBytes(INTERCOM)),
	headers: { 'x-hub-signature': knownAnswers.intercom[INTERCOM] },
});

const todoistDelivery = (workflowId: string, deliveryId: string): Partial<WebhookCall> & { request: WebhookCall['request'] } => ({
	workflowId,
	request: bufferedPost(fixtureBytes(TODOIST)),
	headers: { 'x-todoist-hmac-sha256': knownAnswers.todoist[TODOIST], 'x-todoist-delivery-id': deliveryId },
});

const started = (outcomes: Array<{ result: { workflowData?: unknown } }>): number => outcomes.filter((outcome) => outcome.result.workflowData).length;

let redis: PrivateRedis;
let folder: string;
const savedEnvironment = { ...process.env };

beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'repeated-deliveries-'));
	redis = await startRedis({ dataDir: folder });
}, 60_000);

afterAll(async () => {
	process.env = savedEnvironment;
	await closeCoordinators();
	await redis?.stop();
	rmSync(folder, { recursive: true, force: true });
});

describe.each([
	['one n8n (in-process)', (): void => void delete process.env.EXECUTIONS_MODE],
	[
		"queue mode (n8n's Redis)",
		(): void => {
			process.env.EXECUTIONS_MODE = 'queue';
			process.env.QUEUE_BULL_REDIS_HOST = redis.host;
			process.env.QUEUE_BULL_REDIS_PORT = String(redis.port);
		},
	],
])('%s', (_topology, useTopology) => {
	beforeEach(() => useTopology());
	afterEach(() => {
		process.env = { ...savedEnvironment };
	});

	it('runs one of 10 identical Intercom notifications arriving together, and answers the others 200', async () => {
		const workflowId = randomUUID();
		const outcomes = await Promise.all(Array.from({ length: 10 }, () => receiveIntercom(intercomDelivery(workflowId))));
		expect(started(outcomes)).toBe(1);
		for (const outcome of outcomes.filter((candidate) => !candidate.result.workflowData)) expectAnsweredWithoutRun(outcome, 200);
		expect(started([await receiveIntercom(intercomDelivery(workflowId))])).toBe(0);
	});

	it('runs one of 10 identical Todoist deliveries, and one of the same signed body under 10 new delivery IDs', async () => {
		const workflowId = randomUUID();
		const same = await Promise.all(Array.from({ length: 10 }, () => receiveTodoist(todoistDelivery(workflowId, 'delivery-1'))));
		expect(started(same)).toBe(1);

		const replayWorkflow = randomUUID();
		const replays = await Promise.all(Array.from({ length: 10 }, () => receiveTodoist(todoistDelivery(replayWorkflow, randomUUID()))));
		expect(started(replays)).toBe(1);
	});

	it('keeps workflows apart: the same notification runs once in each of two workflows', async () => {
		const outcomes = await Promise.all([randomUUID(), randomUUID()].map((workflowId) => receiveIntercom(intercomDelivery(workflowId))));
		expect(started(outcomes)).toBe(2);
	});

	it('runs every delivery when Ignore Repeated Deliveries is off, and never claims test events from the editor', async () => {
		const workflowId = randomUUID();
		const off = await Promise.all(
			Array.from({ length: 3 }, () => receiveIntercom({ ...intercomDelivery(workflowId), parameters: { ignoreRepeatedDeliveries: false } })),
		);
		expect(started(off)).toBe(3);

		const testWorkflow = randomUUID();
		expect(started([await receiveIntercom({ ...intercomDelivery(testWorkflow), mode: 'manual' })])).toBe(1);
		expect(started([await receiveIntercom(intercomDelivery(testWorkflow))])).toBe(1);
	});
});

describe("queue mode's claims", () => {
	afterEach(() => {
		process.env = { ...savedEnvironment };
	});

	it("live in n8n's Redis, under the workflow and the trigger node", async () => {
		process.env.EXECUTIONS_MODE = 'queue';
		process.env.QUEUE_BULL_REDIS_HOST = redis.host;
		process.env.QUEUE_BULL_REDIS_PORT = String(redis.port);
		const workflowId = randomUUID();
		await receiveIntercom(intercomDelivery(workflowId));
		const key = `n8n-nodes-intercom-sync:delivery:${workflowId}:trigger-under-test:notification:${String(fixtureJson(INTERCOM).id)}`;
		expect(await redisCommand(redis.port, `EXISTS ${key}`)).toBe(':1');
	});
});

describe('when the shared store cannot be reached', () => {
	afterEach(async () => {
		process.env = { ...savedEnvironment };
		await closeCoordinators();
	});

	it('answers 503 and starts nothing, so the sender retries later, and says why in the log', async () => {
		process.env.EXECUTIONS_MODE = 'queue';
		process.env.QUEUE_BULL_REDIS_HOST = '127.0.0.1';
		process.env.QUEUE_BULL_REDIS_PORT = '9';
		const outcome = await receiveIntercom(intercomDelivery(randomUUID()));
		expectAnsweredWithoutRun(outcome, 503);
		expect(outcome.logger.error).toHaveBeenCalledWith(expect.stringContaining('Redis at 127.0.0.1:9'));
	});
});
