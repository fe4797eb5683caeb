import { randomUUID } from 'node:crypto';

import { CUSTOMER_DATA_EVENTS_KEY_HEADER, WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import {
	answersThatRan,
	basicAuthorization,
	contactWrites,
	contactsOf,
	dataEventsOf,
	identify,
	postEvents,
	restoreCredential,
	segmentSignature,
	sendBatch,
	track,
	useCredential,
} from './customerDataEvents';
import type { WorkflowEnvironment } from './environment';
import { runAloneWhenNamed } from './onEnvironment';
import { expectExecutionsAnswered, expectNoExecution, expectSucceeded, ranNodes, runOnce } from './executions';

const WORKFLOW = WORKFLOW_IDS.customerDataEvents;
const REPORT_WITHOUT_IDENTIFIER = 'Report events without an identifier';

/**
 * Issue 28: people and their actions from a customer data platform become Intercom users and data events, each
 * once, whatever the platform sends again.
 */
export function describeCustomerDataEvents(getEnv: () => WorkflowEnvironment): void {
	describe('customer data events', () => {
		const run = (send: () => ReturnType<typeof postEvents>) => runOnce(getEnv(), WORKFLOW, send);
		const person = () => `cdp-${randomUUID().slice(0, 8)}`;
		/** A member Intercom already has as a user, as a track event names them (user ID and email). */
		const member = () => {
			const userId = person();
			getEnv().intercom.seed.user({ external_id: userId, email: `${userId}@example.org`, name: `Person ${userId}` });
			return userId;
		};
		/** Secrets the tests authenticate with; none may end up in an execution. */
		const secretsUsed: string[] = [];
		/** A request known to start one execution, for proving that another started none. */
		const sendThatRuns = () => sendBatch(getEnv(), [identify(person())]);

		afterEach(() => getEnv().intercom.expectNoInvalidRequests());

		it('writes a person from one identify event, answering how many were new', async () => {
			const env = getEnv();
			const userId = person();
			const { response, execution } = await run(() => postEvents(env, JSON.stringify(identify(userId, { plan: 'premium' }))));
			expect(response.status).toBe(200);
			expect(response.json()).toEqual({ received: 1, new: 1, withoutIdentifier: 0, repeated: 0, ignored: 0 });
			expectSucceeded(execution);
			expect(contactsOf(env, userId)).toEqual([
				expect.objectContaining({ role: 'user', email: `${userId}@example.org`, name: `Person ${userId}`, custom_attributes: expect.objectContaining({ plan: 'premium' }) }),
			]);
			expect(ranNodes(execution)).not.toContain('Record the data event');
		});

		it('writes people and data events from a JSON array and from NDJSON, in order', async () => {
			const env = getEnv();
			const [ann, bo] = [person(), person()];
			const array = [identify(ann), track(ann, 'Renewed Membership', { plan: 'yearly', amount: 120 })];
			const { execution } = await run(() => sendBatch(env, array));
			expectSucceeded(execution);
			expect(contactsOf(env, ann)).toHaveLength(1);
			expect(dataEventsOf(env, ann, 'Renewed Membership')).toEqual([expect.objectContaining({ metadata: { plan: 'yearly', amount: '120' } })]);

			const lines = [identify(bo), track(bo, 'Booked Course', { course: 'Radar 101' })].map((event) => JSON.stringify(event)).join('\n');
			expectSucceeded((await run(() => postEvents(env, lines, undefined, 'application/x-ndjson'))).execution);
			expect(dataEventsOf(env, bo, 'Booked Course')).toHaveLength(1);
		});

		it('writes each of 200 people and data events once when the batch arrives three times at once, and nothing when sent again', async () => {
			const env = getEnv();
			const people = Array.from({ length: 134 }, () => person());
			const members = Array.from({ length: 66 }, () => member());
			// Every third event a track event, by a member Intercom already has: their contact stays as it is.
			const events = Array.from({ length: 200 }, (_, index) =>
				index % 3 === 2 ? track(members[(index - 2) / 3], 'Opened App', { screen: 'home' }) : identify(people[index - Math.floor(index / 3)]),
			);
			const body = JSON.stringify(events);
			const copies = await expectExecutionsAnswered(env, WORKFLOW, () => Promise.all([1, 2, 3].map(() => postEvents(env, body))), answersThatRan, sendThatRuns);

			const answers = copies.map((response) => response.json<{ new: number; repeated: number }>());
			expect(answers.reduce((sum, answer) => sum + answer.new, 0)).toBe(200);
			expect(answers.reduce((sum, answer) => sum + answer.repeated, 0)).toBe(400);
			for (const userId of people) {
				expect({ userId, contacts: contactsOf(env, userId).length, writes: contactWrites(env, userId) }).toEqual({ userId, contacts: 1, writes: 1 });
			}
			for (const userId of members) {
				expect({ userId, writes: contactWrites(env, userId), events: dataEventsOf(env, userId, 'Opened App').length }).toEqual({ userId, writes: 0, events: 1 });
			}

			const again = await expectNoExecution(env, WORKFLOW, () => postEvents(env, body), sendThatRuns);
			expect(again.json()).toEqual({ message: 'Nothing new to run', received: 200, new: 0, withoutIdentifier: 0, repeated: 200, ignored: 0 });
		});

		it('ends with the reason for an event without an identifier, after writing the others of its batch', async () => {
			const env = getEnv();
			const [ann, bo] = [person(), person()];
			const anonymous = { ...track('ignored', 'Viewed Offer'), userId: undefined, anonymousId: 'anon-77', context: {} };
			const { response, execution } = await run(() => sendBatch(env, [identify(ann), anonymous, track(bo, 'Joined Webinar')]));
			expect(response.json()).toEqual({ received: 3, new: 2, withoutIdentifier: 1, repeated: 0, ignored: 0 });
			expect(execution.status).toBe('error');
			expect(execution.lastNodeExecuted).toBe(REPORT_WITHOUT_IDENTIFIER);
			expect(execution.error?.message).toContain('#2 Only an anonymous ID ("anon-77")');
			expect(contactsOf(env, ann)).toHaveLength(1);
			expect(dataEventsOf(env, bo, 'Joined Webinar')).toHaveLength(1);
		});

		it('loses nothing and writes nothing twice through a storm of 429s', async () => {
			const env = getEnv();
			const people = Array.from({ length: 40 }, () => person());
			const members = Array.from({ length: 20 }, () => member());
			const events = [...people.map((userId) => identify(userId)), ...members.map((userId) => track(userId, 'Paid Dues', { year: 2025 }))];
			env.intercom.setRateLimit({ limit: 25, windowMs: 1_000 });
			const storm = env.intercom.faults.fail({ status: 429, probability: 0.3 });
			try {
				expectSucceeded((await run(() => sendBatch(env, events))).execution);
			} finally {
				storm.remove();
				env.intercom.setRateLimit(false);
			}
			expect(storm.hits).toBeGreaterThan(5);
			for (const userId of people) expect({ userId, writes: contactWrites(env, userId) }).toEqual({ userId, writes: 1 });
			for (const userId of members) expect({ userId, events: dataEventsOf(env, userId, 'Paid Dues').length }).toEqual({ userId, events: 1 });
		}, 240_000);

		it.each([
			['over 5 MB', 413, () => JSON.stringify([{ ...identify('big'), traits: { blob: 'x'.repeat(5.5 * 1024 * 1024) } }]), /at most 5 MB/],
			['not JSON', 400, () => '[{"type": "identify", "userId": "u1"}\n{"type": "track"}]', /line 2, column 1: expected ',' or ']'/],
		])('answers a body %s with %d and starts nothing', async (_case, status, body, message) => {
			const env = getEnv();
			const response = await expectNoExecution(env, WORKFLOW, () => postEvents(env, body()), sendThatRuns);
			expect(response.status).toBe(status);
			expect(response.json<{ message: string }>().message).toMatch(message);
		});

		describe('each way of authenticating', () => {
			afterAll(async () => await restoreCredential(getEnv()));

			const expectRefused = async (send: () => ReturnType<typeof postEvents>, runs: () => ReturnType<typeof postEvents>) => {
				const response = await expectNoExecution(getEnv(), WORKFLOW, send, runs);
				expect(response.status).toBe(401);
				expect(response.json()).toEqual({ message: 'Missing or wrong credentials' });
			};

			it('a key in a header: accepted, and refused when wrong or missing', async () => {
				const env = getEnv();
				expectSucceeded((await run(() => sendBatch(env, [identify(person())]))).execution);
				await expectRefused(() => postEvents(env, JSON.stringify(identify(person())), { [CUSTOMER_DATA_EVENTS_KEY_HEADER]: 'not-the-key' }), sendThatRuns);
				await expectRefused(() => postEvents(env, JSON.stringify(identify(person())), {}), sendThatRuns);
			});

			it('Basic Auth: accepted, and refused with a wrong password', async () => {
				const env = getEnv();
				const password = randomUUID();
				secretsUsed.push(password);
				await useCredential(env, { authentication: 'basicAuth', user: 'tealium', password });
				const send = (auth: string) => postEvents(env, JSON.stringify(identify(person())), { authorization: auth });
				const accepted = await run(() => send(basicAuthorization('tealium', password)));
				expect(accepted.response.json()).toMatchObject({ new: 1 });
				await expectRefused(() => send(basicAuthorization('tealium', `${password}x`)), () => send(basicAuthorization('tealium', password)));
			});

			it("Segment's signature: accepted over the body and over a batch's first event, refused when wrong", async () => {
				const env = getEnv();
				const secret = randomUUID();
				secretsUsed.push(secret);
				await useCredential(env, { authentication: 'segmentSignature', sharedSecret: secret });
				const signed = (body: string, signature = segmentSignature(body, secret)) => postEvents(env, body, { 'x-signature': signature });
				const one = JSON.stringify(identify(person()));
				expectSucceeded((await run(() => signed(one))).execution);

				const ann = person();
				const batch = [identify(ann), track(ann, 'Opened App')];
				expectSucceeded((await run(() => signed(JSON.stringify(batch), segmentSignature(JSON.stringify(batch[0]), secret)))).execution);
				expect(dataEventsOf(env, ann, 'Opened App')).toHaveLength(1);

				const other = JSON.stringify(identify(person()));
				await expectRefused(() => signed(other, segmentSignature(other, `${secret}x`)), () => signed(JSON.stringify(identify(person()))));
			});
		});

		it('never stores the key, a password or a shared secret in an execution', async () => {
			const env = getEnv();
			expectSucceeded((await run(sendThatRuns)).execution);
			const executions = await env.n8n.listExecutions(WORKFLOW);
			for (const { id } of executions) {
				const stored = await env.n8n.client.get<{ data: string }>(`/rest/executions/${id}`);
				for (const secret of [env.secrets.customerDataEventsKey, ...secretsUsed]) expect(stored.data).not.toContain(secret);
				expect(stored.data).not.toMatch(/x-api-key|authorization|x-signature/i);
			}
		});
	});
}

runAloneWhenNamed(__filename, describeCustomerDataEvents);
