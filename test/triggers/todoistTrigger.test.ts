import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { TodoistTrigger } from '../../nodes/TodoistTrigger/TodoistTrigger.node';
import {
	bufferedPost,
	expectAnsweredWithoutRun,
	onlyItem,
	streamedPost,
	webhookReceiver,
	type WebhookCall,
} from '../support/webhookContext';
import { fixtureBytes, fixtureJson, knownAnswers } from '../support/webhookFixtures';

const { secret } = knownAnswers;
const ITEM_ADDED = 'todoist/item_added.json';
const DELIVERY_ID = '2e0d6f4c-9b7a-4f1e-8c55-1d3b2a9e7f10';

const trigger = new TodoistTrigger();

function sign(body: Buffer, key = secret): string {
	return createHmac('sha256', key).update(body).digest('base64');
}

function fixturePost(): Pick<WebhookCall, 'request' | 'headers'> {
	return {
		request: bufferedPost(fixtureBytes(ITEM_ADDED)),
		headers: {
			'x-todoist-hmac-sha256': knownAnswers.todoist[ITEM_ADDED],
			'x-todoist-delivery-id': DELIVERY_ID,
		},
	};
}

function signedPost(event: unknown): Pick<WebhookCall, 'request' | 'headers'> {
	const body = Buffer.from(JSON.stringify(event));
	return { request: bufferedPost(body), headers: { 'x-todoist-hmac-sha256': sign(body) } };
}

const receive = webhookReceiver(trigger, { appClientSecret: secret });

describe('Todoist Trigger: outputs', () => {
	it('starts one run with the whole envelope, the task, the initiator and the delivery id', async () => {
		const { result } = await receive(fixturePost());
		const envelope = fixtureJson(ITEM_ADDED);
		const item = onlyItem(result);
		expect(item).toMatchObject(envelope);
		expect(item).toMatchObject({
			eventName: 'item:added',
			task: envelope.event_data,
			initiator: envelope.initiator,
			deliveryId: DELIVERY_ID,
		});
		expect((item.task as IDataObject).content).toBe('Checkout button does nothing on Safari');
	});

	it('gives deliveryId null when Todoist sent no delivery id', async () => {
		const { headers, request } = fixturePost();
		delete headers!['x-todoist-delivery-id'];
		expect(onlyItem((await receive({ request, headers })).result).deliveryId).toBeNull();
	});

	it('gives task null for events that are not about a task', async () => {
		const event = {
			...fixtureJson(ITEM_ADDED),
			event_name: 'project:added',
			event_data: { id: '6Jf8VQXxpwv56VQ7', name: 'Escalations' },
		};
		const { result } = await receive({ ...signedPost(event), parameters: { listenTo: 'all' } });
		expect(onlyItem(result)).toMatchObject({ eventName: 'project:added', task: null });
	});

	it('accepts a signed body that starts with a byte-order mark', async () => {
		const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixtureBytes(ITEM_ADDED)]);
		const { result } = await receive({ request: bufferedPost(body), headers: { 'x-todoist-hmac-sha256': sign(body) } });
		expect(onlyItem(result).eventName).toBe('item:added');
	});

	it('gives initiator null when the envelope has none', async () => {
		const { initiator: _dropped, ...event } = fixtureJson(ITEM_ADDED);
		expect(onlyItem((await receive(signedPost(event))).result).initiator).toBeNull();
	});
});

describe('Todoist Trigger: answers without a run', () => {
	it('acknowledges a verified event that is not selected with 200 and no run', async () => {
		const outcome = await receive({ ...fixturePost(), parameters: { events: ['item:completed'] } });
		expectAnsweredWithoutRun(outcome, 200);
	});

	it('runs on every event with "All Events"', async () => {
		const outcome = await receive({ ...fixturePost(), parameters: { listenTo: 'all', events: ['item:completed'] } });
		expect(outcome.result.workflowData).toHaveLength(1);
	});

	it.each([
		['a wrong signature', sign(fixtureBytes(ITEM_ADDED), 'another-secret')],
		['no signature', undefined],
		['the signature in hex', createHmac('sha256', secret).update(fixtureBytes(ITEM_ADDED)).digest('hex')],
	])('refuses %s with 401, writes the response and starts no run', async (_label, signature) => {
		const { request, headers } = fixturePost();
		const outcome = await receive({ request, headers: { ...headers, 'x-todoist-hmac-sha256': signature } });
		expectAnsweredWithoutRun(outcome, 401);
		expect(outcome.logger.warn).toHaveBeenCalled();
	});

	it('fails closed with 401 when the credential has no client secret', async () => {
		expectAnsweredWithoutRun(await receive({ ...fixturePost(), credentials: { apiToken: 'token' } }), 401);
	});

	it.each([
		['a body that is not JSON', Buffer.from('event_name=item:added')],
		['JSON that is not a Todoist event', Buffer.from('{"event_name":"item:added"}')],
		['an event without a name', Buffer.from('{"event_name":"","event_data":{}}')],
	])('refuses %s, correctly signed, with 400', async (_label, body) => {
		const outcome = await receive({ request: bufferedPost(body), headers: { 'x-todoist-hmac-sha256': sign(body) } });
		expectAnsweredWithoutRun(outcome, 400);
	});

	it('reads the body with readRawBody() when n8n did not keep rawBody', async () => {
		const request = streamedPost(fixtureBytes(ITEM_ADDED));
		const { result } = await receive({ request, headers: fixturePost().headers });
		expect(request.readRawBody).toHaveBeenCalledTimes(1);
		expect(onlyItem(result).eventName).toBe('item:added');
	});
});
