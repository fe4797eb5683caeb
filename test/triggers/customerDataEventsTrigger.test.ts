/**
 * The Customer Data Events Trigger's webhook() with n8n's side mocked: authentication before anything runs, the
 * body's limits, one item per new event on the right output, and each event claimed once by the in-process
 * coordinator (one n8n). test/coordination/customerDataEventsClaims.test.ts runs the same cases on n8n's Redis.
 */
import { randomUUID } from 'node:crypto';

import { closeCoordinators } from '../../nodes/common/coordination';
import { InProcessCoordinator } from '../../nodes/common/coordination/inProcess';
import { expectAnsweredWithoutRun } from '../support/webhookContext';
import { answers, batchOf, describeRepeatedEvents, eventIds, fixture, KEY, outputs, post, receiver, withBasic, withKey, withSegment } from './customerDataEventsCases';

describe('authentication', () => {
	it('runs with the key in its header; headers and the key stay out of the items', async () => {
		const { result } = await withKey(post(fixture('segment-identify.json'), { headers: { authorization: 'Bearer unrelated' } }));
		expect(outputs(result)[0]).toHaveLength(1);
		expect(outputs(result)[1]).toEqual([]);
		expect(result.webhookResponse).toEqual({ received: 1, new: 1, withoutIdentifier: 0, repeated: 0, ignored: 0 });
		expect(JSON.stringify(result)).not.toContain(KEY);
		expect(JSON.stringify(result)).not.toContain('unrelated');
	});

	it.each([
		['no header', {}],
		['a wrong key', { 'x-api-key': `${KEY}x` }],
		['the key in another header', { 'x-api-key': undefined, authorization: KEY }],
		['the header twice', { 'x-api-key': [KEY, KEY] }],
	])('answers 401 and starts nothing for %s', async (_case, headers) => {
		const call = post(fixture('segment-identify.json'));
		const outcome = await withKey({ ...call, headers: { 'content-type': 'application/json', ...headers } as never });
		expectAnsweredWithoutRun(outcome, 401);
		expect(outcome.response.body).toEqual({ message: 'Missing or wrong credentials' });
		expect((call.request as unknown as { readRawBody: jest.Mock }).readRawBody).not.toHaveBeenCalled();
	});

	it.each([
		['no key', { authentication: 'headerKey', headerName: 'X-API-Key', apiKey: '' }],
		['a short key', { authentication: 'headerKey', headerName: 'X-API-Key', apiKey: 'short' }],
		['an unreadable credential', new Error('Credential not found')],
	])('fails closed with %s: 401 for everyone, and the log says why', async (_case, credentials) => {
		const outcome = await receiver({})({ ...post(fixture('segment-identify.json'), { headers: { 'x-api-key': 'short' } }), credentials: credentials as never });
		expectAnsweredWithoutRun(outcome, 401);
		expect(outcome.logger.warn).toHaveBeenCalled();
	});

	it('runs with Basic Auth and refuses a wrong password', async () => {
		const ok = await withBasic(post(fixture('intercom-user.json'), { headers: { authorization: answers.basicAuthorization }, parameters: { preset: 'intercomObjects' } }));
		expect(outputs(ok.result)[0]).toHaveLength(1);
		const wrong = `Basic ${Buffer.from(`${answers.user}:nope`).toString('base64')}`;
		expectAnsweredWithoutRun(await withBasic(post(fixture('intercom-user.json'), { headers: { authorization: wrong } })), 401);
	});

	it("runs with Segment's signature over the body, and over a batch's first event unless that is switched off", async () => {
		const signed = await withSegment()(post(fixture('segment-track.json'), { headers: { 'x-signature': answers.segment['segment-track.json'] } }));
		expect(eventIds(signed.result)).toEqual(['ajs-f8ca1e4de5024d9430b3928bd8ac6b96']);

		const batch = post(fixture('segment-batch.json'), { headers: { 'x-signature': answers.segmentFirstEvent['segment-batch.json'] } });
		expect(eventIds((await withSegment()(batch)).result)).toEqual(['batch-msg-1', 'batch-msg-2']);
		const strict = post(fixture('segment-batch.json'), { headers: { 'x-signature': answers.segmentFirstEvent['segment-batch.json'] } });
		expectAnsweredWithoutRun(await withSegment(false)(strict), 401);
		expectAnsweredWithoutRun(await withSegment()(post(fixture('segment-track.json'), { headers: { 'x-signature': answers.segment['segment-identify.json'] } })), 401);
	});
});

describe('the body', () => {
	it('answers 413 over Max Body Size, and when n8n refuses to read that much', async () => {
		const big = JSON.stringify({ type: 'identify', userId: 'u1', traits: { blob: 'x'.repeat(200_000) } });
		const outcome = await withKey(post(big, { parameters: { eventOptions: { maxBodyMb: 0.1 } } }));
		expectAnsweredWithoutRun(outcome, 413);
		expect(outcome.response.body).toEqual({ message: expect.stringContaining('at most 102 KB') });

		const request = { method: 'POST', readRawBody: jest.fn(async () => Promise.reject(Object.assign(new Error('request entity too large'), { status: 413, length: 20_000_000 }))) };
		const refused = await withKey({ ...post('{}'), request });
		expectAnsweredWithoutRun(refused, 413);
		expect(refused.response.body).toEqual({ message: expect.stringContaining('The body is 19 MB') });
		const unknownSize = { method: 'POST', readRawBody: jest.fn(async () => Promise.reject(Object.assign(new Error('request entity too large'), { status: 413 }))) };
		const unsized = await withKey({ ...post('{}'), request: unknownSize });
		expectAnsweredWithoutRun(unsized, 413);
		expect(unsized.response.body).toEqual({ message: expect.stringContaining('larger than this n8n accepts') });
	});

	it('answers 413 over Max Events per Request, and 400 saying where a body is not JSON', async () => {
		const tooMany = await withKey(post(batchOf(['a', 'b', 'c']), { parameters: { eventOptions: { maxEvents: 2 } } }));
		expectAnsweredWithoutRun(tooMany, 413);
		const broken = await withKey(post('[{"type": "identify", "userId": "u1"}\n{"type": "track"}]'));
		expectAnsweredWithoutRun(broken, 400);
		expect(broken.response.body).toEqual({ message: expect.stringContaining("line 2, column 1: expected ',' or ']'") });
	});

	it('reads NDJSON and keeps the order; events without identifier go to the second output with the reason', async () => {
		const { result } = await withKey(post(fixture('tealium-batch.ndjson'), { headers: { 'content-type': 'application/x-ndjson' }, parameters: { preset: 'intercomObjects' } }));
		const [events, withoutIdentifier] = outputs(result);
		expect(events.map((item) => [item.json.position, item.json.kind, item.json.userId])).toEqual([
			[1, 'identify', '31'],
			[2, 'track', '31'],
		]);
		expect(withoutIdentifier.map((item) => item.json)).toEqual([
			expect.objectContaining({ position: 3, reason: expect.stringContaining('No user ID and no email'), event: { name: 'Nobody In Particular' } }),
		]);
		expect(result.webhookResponse).toEqual({ received: 3, new: 2, withoutIdentifier: 1, repeated: 0, ignored: 0 });
	});

	it('counts ignored calls and starts nothing when no event is left', async () => {
		const outcome = await withKey(post(JSON.stringify([{ type: 'page', messageId: 'p1', userId: 'u1' }])));
		expectAnsweredWithoutRun(outcome, 200);
		expect(outcome.response.body).toEqual({ message: 'Nothing new to run', received: 1, new: 0, withoutIdentifier: 0, repeated: 0, ignored: 1 });
	});
});

const savedEnvironment = { ...process.env };

afterAll(async () => {
	process.env = savedEnvironment;
	await closeCoordinators();
});

describe('repeated events, one n8n (in-process)', () => {
	beforeEach(() => void delete process.env.EXECUTIONS_MODE);
	describeRepeatedEvents();
});

describe('when claims cannot be made', () => {
	afterEach(async () => {
		jest.restoreAllMocks();
		process.env = { ...savedEnvironment };
		await closeCoordinators();
	});

	it("answers 503 when n8n's Redis is away, and says why in the log", async () => {
		process.env.EXECUTIONS_MODE = 'queue';
		process.env.QUEUE_BULL_REDIS_HOST = '127.0.0.1';
		process.env.QUEUE_BULL_REDIS_PORT = '9';
		const outcome = await withKey(post(batchOf(['r1'])));
		expectAnsweredWithoutRun(outcome, 503);
		expect(outcome.logger.error).toHaveBeenCalledWith(expect.stringContaining('Redis at 127.0.0.1:9'));
	});

	it('gives back the claims it made before one failed, so the retry runs every event', async () => {
		const workflowId = randomUUID();
		const claim = InProcessCoordinator.prototype.claim;
		let calls = 0;
		jest.spyOn(InProcessCoordinator.prototype, 'claim').mockImplementation(async function (this: InProcessCoordinator, keys, ttlMs) {
			if (++calls === 3) throw new Error('store unavailable');
			return await claim.call(this, keys, ttlMs);
		});
		expectAnsweredWithoutRun(await withKey(post(batchOf(['p', 'q', 'r', 's']), { workflowId })), 503);
		jest.restoreAllMocks();
		expect(eventIds((await withKey(post(batchOf(['p', 'q', 'r', 's']), { workflowId }))).result)).toEqual(['p', 'q', 'r', 's']);
	});
});
