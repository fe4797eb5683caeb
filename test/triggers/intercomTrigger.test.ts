import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { IntercomTrigger } from '../../nodes/IntercomTrigger/IntercomTrigger.node';
import { fixtureBytes, fixtureJson, knownAnswers } from '../support/webhookFixtures';
import {
	bufferedPost,
	expectAnsweredWithoutRun,
	type FakeRequest,
	onlyItem,
	streamedPost,
	webhookReceiver,
	type WebhookCall,
} from '../support/webhookContext';

const { secret } = knownAnswers;
const CREATED = 'intercom/conversation.user.created.json';
const REPLIED = 'intercom/conversation.user.replied.json';
const TAGGED = 'intercom/conversation_part.tag.created.json';
const PING = 'intercom/ping.json';

const trigger = new IntercomTrigger();

function sign(body: Buffer, key = secret): string {
	return `sha1=${createHmac('sha1', key).update(body).digest('hex')}`;
}

/** A POST of the fixture's exact bytes with its known-answer signature. */
function fixturePost(path: string): Pick<WebhookCall, 'request' | 'headers'> {
	return {
		request: bufferedPost(fixtureBytes(path)),
		headers: { 'x-hub-signature': knownAnswers.intercom[path] },
	};
}

/** A POST of a hand-made notification, signed correctly over the bytes sent. */
function signedPost(notification: unknown): Pick<WebhookCall, 'request' | 'headers'> {
	const body = Buffer.from(JSON.stringify(notification));
	return { request: bufferedPost(body), headers: { 'x-hub-signature': sign(body) } };
}

const receive = webhookReceiver(trigger, { webhookClientSecret: secret });

/** The tag fixture with its conversation rearranged, to test where the contact id comes from. */
function taggedWith(change: (conversation: IDataObject) => void): IDataObject {
	const notification = fixtureJson(TAGGED) as IDataObject & { data: { item: IDataObject } };
	change(notification.data.item);
	return notification;
}

describe('Intercom Trigger: outputs', () => {
	it.each([
		[CREATED, '147000000001', '67eb0a6e8f72a828ba21c342', 'notif_6a1f0c2e-0001-4b7e-9d1a-000000000001'],
		[REPLIED, '147000000001', '67eb0a6e8f72a828ba21c342', 'notif_6a1f0c2e-0002-4b7e-9d1a-000000000002'],
		[TAGGED, '147000000002', '67eb0a6e8f72a828ba21c999', 'notif_6a1f0c2e-0003-4b7e-9d1a-000000000003'],
	])('%s starts one run carrying the whole notification and the added fields', async (path, conversationId, contactId, notificationId) => {
		const { result, response } = await receive({ ...fixturePost(path), parameters: { listenTo: 'all' } });
		const item = onlyItem(result);
		const notification = fixtureJson(path);
		expect(item).toMatchObject(notification);
		expect(item).toMatchObject({
			topic: notification.topic,
			notificationId,
			deliveryAttempts: 1,
			conversationId,
			contactId,
		});
		// n8n answers on its own (responseMode onReceived) when the node returns workflow data.
		expect(response.statusCode).toBeUndefined();
	});

	it('lists the tag names just applied, from the tag conversation part', async () => {
		const item = onlyItem((await receive(fixturePost(TAGGED))).result);
		expect(item.appliedTags).toEqual(['mynatca-sync']);
	});

	it('reads applied tags from tags_added, the form Intercom sends', async () => {
		const notification = taggedWith((conversation) => {
			conversation.conversation_parts = { type: 'conversation_part.list', conversation_parts: [] };
			conversation.tags_added = {
				type: 'tag.list',
				tags: [
					{ type: 'tag', id: '81', name: 'mynatca-sync' },
					{ type: 'tag', id: '82', name: 'vip' },
					{ type: 'tag', id: '81', name: 'mynatca-sync' },
				],
			};
		});
		const item = onlyItem((await receive(signedPost(notification))).result);
		expect(item.appliedTags).toEqual(['mynatca-sync', 'vip']);
	});

	it('adds appliedTags only to tag notifications', async () => {
		const item = onlyItem((await receive(fixturePost(CREATED))).result);
		expect(item).not.toHaveProperty('appliedTags');
	});

	describe('contact id', () => {
		const firstContact = { type: 'contact', id: 'first-contact' };
		const secondContact = { type: 'contact', id: 'second-contact' };

		it.each([
			[
				'prefers the author of the first message over the contact list',
				(conversation: IDataObject) => {
					conversation.contacts = { type: 'contact.list', contacts: [firstContact, secondContact] };
				},
				'67eb0a6e8f72a828ba21c999',
			],
			[
				'skips an admin author and takes the first contact',
				(conversation: IDataObject) => {
					conversation.source = { type: 'conversation', author: { type: 'admin', id: '5017691' } };
					conversation.contacts = { type: 'contact.list', contacts: [firstContact, secondContact] };
				},
				'first-contact',
			],
			[
				'takes the first contact when there is no author',
				(conversation: IDataObject) => {
					delete conversation.source;
					conversation.contacts = { type: 'contact.list', contacts: [firstContact, secondContact] };
				},
				'first-contact',
			],
			[
				'is null when neither is there',
				(conversation: IDataObject) => {
					delete conversation.source;
					delete conversation.contacts;
				},
				null,
			],
		])('%s', async (_label, change, expected) => {
			const item = onlyItem((await receive(signedPost(taggedWith(change)))).result);
			expect(item.contactId).toBe(expected);
		});

		it('is the contact itself for contact topics', async () => {
			const notification = {
				...fixtureJson(CREATED),
				topic: 'contact.user.created',
				data: { type: 'notification_event_data', item: { type: 'contact', id: 'contact-42', role: 'user' } },
			};
			const item = onlyItem((await receive({ ...signedPost(notification), parameters: { listenTo: 'all' } })).result);
			expect(item).toMatchObject({ topic: 'contact.user.created', contactId: 'contact-42', conversationId: null });
		});
	});
});

describe('Intercom Trigger: answers without a run', () => {
	it('answers the HEAD check of the URL with 200', async () => {
		const webhooks = trigger.description.webhooks ?? [];
		const head = webhooks.find((webhook) => webhook.httpMethod === 'HEAD');
		expect(head).toMatchObject({ name: 'setup', path: webhooks.find((webhook) => webhook.name === 'default')?.path });
		const outcome = await receive({ webhookName: 'setup', request: { method: 'HEAD' } });
		expectAnsweredWithoutRun(outcome, 200);
		expect(outcome.context.getCredentials).not.toHaveBeenCalled();
	});

	it('acknowledges a ping with 200 and no run', async () => {
		expectAnsweredWithoutRun(await receive(fixturePost(PING)), 200);
	});

	it('runs on a ping when the option asks for it', async () => {
		const { result } = await receive({ ...fixturePost(PING), parameters: { options: { runOnPing: true } } });
		expect(onlyItem(result)).toMatchObject({ topic: 'ping', contactId: null, conversationId: null });
	});

	it('acknowledges a verified topic that is not selected with 200 and no run', async () => {
		const outcome = await receive({
			...fixturePost(TAGGED),
			parameters: { listenTo: 'selected', topics: ['conversation.user.created'] },
		});
		expectAnsweredWithoutRun(outcome, 200);
	});

	it('selects the three sync topics by default', async () => {
		const defaults = trigger.description.properties.find((property) => property.name === 'topics')?.default;
		expect(defaults).toEqual(['conversation.user.created', 'conversation.user.replied', 'conversation_part.tag.created']);
		for (const path of [CREATED, REPLIED, TAGGED]) {
			const { result } = await receive(fixturePost(path));
			expect(result.workflowData).toHaveLength(1);
		}
	});

	it.each([
		['a wrong signature', { 'x-hub-signature': sign(fixtureBytes(TAGGED), 'another-secret') }],
		['no signature header', {}],
		['a signature without the sha1= prefix', { 'x-hub-signature': knownAnswers.intercom[TAGGED].slice(5) }],
		['the signature of another fixture', { 'x-hub-signature': knownAnswers.intercom[CREATED] }],
	])('refuses %s with 401, writes the response and starts no run', async (_label, headers) => {
		const outcome = await receive({ request: bufferedPost(fixtureBytes(TAGGED)), headers });
		expectAnsweredWithoutRun(outcome, 401);
		expect(outcome.response.body).toEqual({ message: 'Signature check failed' });
		expect(outcome.logger.warn).toHaveBeenCalledWith(expect.stringContaining('wrong signature'));
	});

	it('refuses a tampered body with 401', async () => {
		const tampered = Buffer.from(fixtureBytes(TAGGED).toString().replace('mynatca-sync', 'mynatca-sinc'));
		const outcome = await receive({ request: bufferedPost(tampered), headers: fixturePost(TAGGED).headers });
		expectAnsweredWithoutRun(outcome, 401);
	});

	it.each([
		['an empty Webhook Client Secret', { webhookClientSecret: '' }],
		['a credential without a client secret', { accessToken: 'token' }],
		['a credential n8n cannot load', new Error('Credentials not found')],
	])('fails closed with 401 on %s', async (_label, credentials) => {
		const outcome = await receive({ ...fixturePost(TAGGED), credentials });
		expectAnsweredWithoutRun(outcome, 401);
		expect(outcome.logger.warn).toHaveBeenCalledWith(expect.stringContaining('no client secret'));
	});

	it('trims a pasted secret before using it', async () => {
		const { result } = await receive({ ...fixturePost(TAGGED), credentials: { webhookClientSecret: ` ${secret}\n` } });
		expect(result.workflowData).toHaveLength(1);
	});

	it.each([
		['a body that is not JSON', Buffer.from('topic=ping&id=1')],
		['an empty body', Buffer.alloc(0)],
		['JSON that is not a notification', Buffer.from('{"hello":"world"}')],
		['a JSON array', Buffer.from('[1,2,3]')],
		['JSON null', Buffer.from('null')],
		['a notification without data.item', Buffer.from('{"type":"notification_event","topic":"ping","data":{}}')],
	])('refuses %s, correctly signed, with 400', async (_label, body) => {
		const outcome = await receive({ request: bufferedPost(body), headers: { 'x-hub-signature': sign(body) } });
		expectAnsweredWithoutRun(outcome, 400);
	});
});

describe('Intercom Trigger: raw body', () => {
	it('reads the body with readRawBody() when n8n did not keep rawBody', async () => {
		const request = streamedPost(fixtureBytes(TAGGED));
		const { result } = await receive({ request, headers: fixturePost(TAGGED).headers });
		expect(request.readRawBody).toHaveBeenCalledTimes(1);
		expect(onlyItem(result).appliedTags).toEqual(['mynatca-sync']);
	});

	it('answers 400 when the body stream cannot be read', async () => {
		const request: FakeRequest = {
			method: 'POST',
			readRawBody: async () => {
				throw new Error('Request body stream was aborted');
			},
		};
		expectAnsweredWithoutRun(await receive({ request, headers: fixturePost(TAGGED).headers }), 400);
	});

	it('refuses with 401 when there is no body to verify at all', async () => {
		expectAnsweredWithoutRun(await receive({ request: { method: 'POST' }, headers: fixturePost(TAGGED).headers }), 401);
	});

	it('uses the signed bytes, not a parsed body n8n may hold', async () => {
		const request = { ...bufferedPost(fixtureBytes(TAGGED)), body: fixtureJson(CREATED) };
		const { result, context } = await receive({ request, headers: fixturePost(TAGGED).headers });
		expect(onlyItem(result).topic).toBe('conversation_part.tag.created');
		expect(context.getBodyData).not.toHaveBeenCalled();
	});
});
