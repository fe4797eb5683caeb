/**
 * Calling the Customer Data Events Trigger's real webhook() as n8n would, and the repeated-event cases both
 * coordinators must pass: in-process (test/triggers/customerDataEventsTrigger.test.ts) and n8n's queue Redis
 * (test/coordination/customerDataEventsClaims.test.ts, which starts a private Redis).
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { CustomerDataEventsTrigger } from '../../nodes/CustomerDataEventsTrigger/CustomerDataEventsTrigger.node';
import { expectAnsweredWithoutRun, streamedPost, webhookReceiver, type WebhookCall } from '../support/webhookContext';
import { FIXTURES_DIR } from '../support/webhookFixtures';

export const KEY = 'a-long-random-events-key-0123456789';

/** Known answers computed with openssl (test/fixtures/cdp/sign.sh). */
export const answers = JSON.parse(readFileSync(join(FIXTURES_DIR, 'cdp', 'signatures.json'), 'utf8')) as {
	secret: string;
	user: string;
	password: string;
	basicAuthorization: string;
	segment: Record<string, string>;
	segmentFirstEvent: Record<string, string>;
};

export const fixture = (file: string) => readFileSync(join(FIXTURES_DIR, 'cdp', file));

const trigger = new CustomerDataEventsTrigger();
export const withKey = webhookReceiver(trigger, { authentication: 'headerKey', headerName: 'X-API-Key', apiKey: KEY });
export const withBasic = webhookReceiver(trigger, { authentication: 'basicAuth', user: answers.user, password: answers.password });
export const withSegment = (acceptFirstEventSignature = true) =>
	webhookReceiver(trigger, { authentication: 'segmentSignature', sharedSecret: answers.secret, acceptFirstEventSignature });
export const receiver = (credentials: IDataObject) => webhookReceiver(trigger, credentials);

export type Call = Partial<WebhookCall> & { request: WebhookCall['request'] };

/** A POST with the body still in the stream (n8n leaves it unread for this trigger), the key in its header. */
export const post = (body: Buffer | string, more: Partial<WebhookCall> = {}): Call => ({
	request: streamedPost(Buffer.isBuffer(body) ? body : Buffer.from(body)),
	...more,
	headers: { 'content-type': 'application/json', 'x-api-key': KEY, ...more.headers },
});

export const batchOf = (ids: string[]) =>
	JSON.stringify(ids.map((id) => ({ type: 'identify', messageId: id, userId: `user-${id}`, traits: { email: `${id}@example.org` } })));
export const outputs = (result: IWebhookResponseData) => (result.workflowData ?? []) as Array<Array<{ json: IDataObject }>>;
export const eventIds = (result: IWebhookResponseData) => (outputs(result)[0] ?? []).map((item) => item.json.eventId);

/** What both coordinators must do with events sent again, in whole or in part, and copies arriving together. */
export function describeRepeatedEvents(): void {
	it('runs a batch of 200 sent three times at once exactly once, event by event', async () => {
		const workflowId = randomUUID();
		const ids = Array.from({ length: 200 }, (_, index) => `m-${index}`);
		const copies = await Promise.all([1, 2, 3].map(() => withKey(post(batchOf(ids), { workflowId }))));
		const ran = copies.flatMap(({ result }) => eventIds(result));
		expect(ran.sort()).toEqual([...ids].sort());
		const answered = copies.map(({ result, response }) => (result.webhookResponse ?? response.body) as { new: number; repeated: number });
		expect(answered.reduce((sum, answer) => sum + answer.new, 0)).toBe(200);
		expect(answered.reduce((sum, answer) => sum + answer.repeated, 0)).toBe(400);
	});

	it('runs only the new part of a batch sent again with more events, and an event twice in one batch once', async () => {
		const workflowId = randomUUID();
		expect(eventIds((await withKey(post(batchOf(['a', 'b']), { workflowId }))).result)).toEqual(['a', 'b']);
		const again = await withKey(post(batchOf(['a', 'c', 'b', 'c', 'd']), { workflowId }));
		expect(eventIds(again.result)).toEqual(['c', 'd']);
		expect(again.result.webhookResponse).toEqual({ received: 5, new: 2, withoutIdentifier: 0, repeated: 3, ignored: 0 });
		const all = await withKey(post(batchOf(['a', 'b', 'c', 'd']), { workflowId }));
		expectAnsweredWithoutRun(all, 200);
		expect(all.response.body).toMatchObject({ new: 0, repeated: 4 });
	});

	it('recognises events without an id by their content, whatever the order of their keys', async () => {
		const workflowId = randomUUID();
		const parameters = { preset: 'intercomObjects' };
		const first = await withKey(post('{"user_id": "7", "email": "seven@example.org", "name": "Sev"}', { workflowId, parameters }));
		expect(outputs(first.result)[0]).toHaveLength(1);
		expectAnsweredWithoutRun(await withKey(post('{"name": "Sev", "email": "seven@example.org", "user_id": "7"}', { workflowId, parameters })), 200);
	});

	it('runs every copy with Ignore Repeated Events off, and never claims what the editor listens for', async () => {
		const workflowId = randomUUID();
		const off = await Promise.all([1, 2].map(() => withKey(post(batchOf(['x']), { workflowId, parameters: { ignoreRepeatedEvents: false } }))));
		expect(off.flatMap(({ result }) => eventIds(result))).toEqual(['x', 'x']);
		expect(eventIds((await withKey(post(batchOf(['y']), { workflowId, mode: 'manual' }))).result)).toEqual(['y']);
		expect(eventIds((await withKey(post(batchOf(['y']), { workflowId }))).result)).toEqual(['y']);
	});
}
