import { IntercomClient } from 'intercom-client';

import { useIntercomFake } from '../support/intercom-fake/jest';
import { raw } from './raw-request';

const intercom = useIntercomFake({ rateLimit: false });
const fake = () => intercom.fake;
const client = (options: { timeoutInSeconds?: number } = {}) =>
	new IntercomClient({ token: fake().token, baseUrl: fake().baseUrl, maxRetries: 0, ...options });
// On Node 24, intercom-client 7.0.3 reports its own timeout as a plain IntercomError with message
// "timeout" and no status (its abort reason is a string, so the IntercomTimeoutError branch is never taken).
const timedOut = { statusCode: undefined, message: expect.stringMatching(/timeout/i) };
const createContact = (email: string) => raw(fake(), 'POST', '/contacts', { body: { email } });
const HOLD_MS = 1_000;

/** Notes the label in `answered` when the request is answered, in answer order. */
async function answeredInto<T>(answered: string[], request: Promise<T>, label: string): Promise<T> {
	const answer = await request;
	answered.push(label);
	return answer;
}

/** Waits until the fake has reached a state, e.g. it holds a request (the pipeline reads latency synchronously). */
async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('Intercom fake: faults', () => {
	it('fails the next N matching requests with the chosen status, without applying them', async () => {
		const fault = fake().faults.fail({ status: 503, count: 2, method: 'POST', path: '/contacts' });

		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push((await createContact(`c${i}@example.org`)).status);
		const other = await raw(fake(), 'GET', '/me');

		expect(statuses).toEqual([503, 503, 200]);
		expect(other.status).toBe(200);
		expect(fault.hits).toBe(2);
		expect(fake().store.contacts.size).toBe(1);
		expect((await createContact('x@example.org')).status).toBe(200);
	});

	it('answers with Intercom-shaped error bodies the SDK surfaces', async () => {
		fake().faults.fail({ count: 1 });

		const error = await client()
			.contacts.create({ email: 'ann@example.org' })
			.catch((reason: unknown) => reason);

		expect(error).toMatchObject({ statusCode: 500, body: { type: 'error.list', errors: [{ code: 'server_error' }] } });
	});

	it('matches by contract template, concrete path or RegExp', async () => {
		const contact = fake().seed.user({ email: 'ann@example.org' });
		fake().faults.fail({ status: 502, path: '/contacts/{contact_id}' });
		fake().faults.fail({ status: 504, path: /\/archive$/ });

		expect((await raw(fake(), 'GET', `/contacts/${contact.id}`)).status).toBe(502);
		expect((await raw(fake(), 'POST', `/contacts/${contact.id}/archive`)).status).toBe(504);
		expect((await raw(fake(), 'GET', '/me')).status).toBe(200);
	});

	it('hits a repeatable share of requests by probability', async () => {
		const fault = fake().faults.fail({ probability: 0.1, path: '/me' });

		let failures = 0;
		for (let i = 0; i < 300; i++) if ((await raw(fake(), 'GET', '/me')).status === 500) failures += 1;

		expect(failures).toBe(fault.hits);
		expect(failures).toBeGreaterThan(10);
		expect(failures).toBeLessThan(60);
	});

	it('can fail after the write, so a retry meets the record it created', async () => {
		fake().faults.fail({ status: 502, count: 1, afterWrite: true });

		const first = await createContact('ann@example.org');
		const retry = await createContact('ann@example.org');

		expect(first.status).toBe(502);
		expect(retry.status).toBe(409);
		expect(fake().store.contactsWithEmail('ann@example.org')).toHaveLength(1);
	});

	// Latency is checked by order, not by the clock: while the fake holds one request, an undelayed request
	// sent after it is answered first. The hold is long next to a loopback round trip.
	it('delays requests a rule matches: an undelayed request sent later is answered first', async () => {
		const rule = fake().faults.delay({ ms: HOLD_MS, path: '/me' });
		const answered: string[] = [];

		const delayed = answeredInto(answered, raw(fake(), 'GET', '/me'), '/me');
		await until(() => rule.hits === 1);
		await answeredInto(answered, raw(fake(), 'GET', '/tags'), '/tags');

		expect((await delayed).status).toBe(200);
		expect(answered).toEqual(['/tags', '/me']);
	});

	it('adds the latency set for every request to each request that arrives while it is set', async () => {
		fake().setLatency(HOLD_MS);
		const answered: string[] = [];

		const delayed = answeredInto(answered, raw(fake(), 'GET', '/me'), '/me');
		await until(() => fake().count('GET', '/me') === 1);
		fake().setLatency(0);
		await answeredInto(answered, raw(fake(), 'GET', '/tags'), '/tags');

		expect((await delayed).status).toBe(200);
		expect(answered).toEqual(['/tags', '/me']);
	});

	it('holds a request until the client times out, without applying it', async () => {
		fake().faults.hang({ count: 1 });

		const error = await client({ timeoutInSeconds: 0.3 })
			.contacts.create({ email: 'ann@example.org' })
			.catch((reason: unknown) => reason);

		expect(error).toMatchObject(timedOut);
		expect(fake().store.contacts.size).toBe(0);
		expect(fake().requests).toEqual([expect.objectContaining({ method: 'POST', status: 0 })]);
	});

	it('can apply the write and still never answer (a timeout after Intercom did the work)', async () => {
		fake().faults.hang({ count: 1, applyWrite: true });

		const error = await client({ timeoutInSeconds: 0.3 })
			.contacts.create({ email: 'ann@example.org' })
			.catch((reason: unknown) => reason);
		const retry = await createContact('ann@example.org');

		expect(error).toMatchObject(timedOut);
		expect(retry.status).toBe(409);
	});

	it('closes cleanly while a request is held', async () => {
		fake().faults.hang();
		const pending = raw(fake(), 'GET', '/me');

		await new Promise((resolve) => setTimeout(resolve, 50));
		await fake().close();

		await expect(pending).rejects.toThrow();
	});

	it('counts requests per operation', async () => {
		const contact = fake().seed.user({ email: 'ann@example.org' });
		await raw(fake(), 'GET', `/contacts/${contact.id}`);
		await raw(fake(), 'GET', `/contacts/${contact.id}`);
		await createContact('bob@example.org');

		expect(fake().count('GET', '/contacts/{contact_id}')).toBe(2);
		expect(fake().requestCounts()).toEqual({ 'GET /contacts/{contact_id}': 2, 'POST /contacts': 1 });
	});
});
