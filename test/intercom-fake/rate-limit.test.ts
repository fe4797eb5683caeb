import { IntercomClient } from 'intercom-client';

import { startIntercomFake, type IntercomFake } from '../support/intercom-fake';
import { raw } from './raw-request';

describe('Intercom fake: rate limit', () => {
	let fake: IntercomFake;
	afterEach(async () => {
		fake.expectNoInvalidRequests();
		await fake.close();
	});

	it('counts calls per window, reports them in the headers, and answers 429 when over', async () => {
		let now = Date.UTC(2025, 0, 15, 12, 0, 3, 500);
		fake = await startIntercomFake({ rateLimit: { limit: 3, windowMs: 10_000 }, clock: () => now });
		const windowEnd = Date.UTC(2025, 0, 15, 12, 0, 10) / 1000;

		const answers = [];
		for (let i = 0; i < 4; i++) answers.push(await raw(fake, 'GET', '/me'));

		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
		expect(answers.map((answer) => answer.headers.get('x-ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
		expect(answers.every((answer) => answer.headers.get('x-ratelimit-limit') === '3')).toBe(true);
		expect(answers.every((answer) => answer.headers.get('x-ratelimit-reset') === String(windowEnd))).toBe(true);
		expect(answers[3].body).toMatchObject({ type: 'error.list', errors: [{ code: 'rate_limit_exceeded' }] });

		now = windowEnd * 1000;
		const next = await raw(fake, 'GET', '/me');
		expect(next.status).toBe(200);
		expect(next.headers.get('x-ratelimit-remaining')).toBe('2');
		expect(next.headers.get('x-ratelimit-reset')).toBe(String(windowEnd + 10));
	});

	it('puts the headers on error answers too, and never serves a limited request', async () => {
		fake = await startIntercomFake({ rateLimit: { limit: 1, windowMs: 60_000 } });

		const missing = await raw(fake, 'GET', '/contacts/600000000000000000000099');
		const limited = await raw(fake, 'POST', '/contacts', { body: { email: 'ann@example.org' } });

		expect(missing.status).toBe(404);
		expect(missing.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(limited.status).toBe(429);
		expect(fake.store.contacts.size).toBe(0);
	});

	it('can be scaled or lifted while running', async () => {
		fake = await startIntercomFake({ rateLimit: { limit: 1, windowMs: 60_000 } });
		await raw(fake, 'GET', '/me');
		expect((await raw(fake, 'GET', '/me')).status).toBe(429);

		fake.setRateLimit(false);
		const lifted = await raw(fake, 'GET', '/me');
		expect(lifted.status).toBe(200);
		expect(Number(lifted.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(1_000_000);
	});

	it('gives a 429 that intercom-client waits out (X-RateLimit-Reset) and retries', async () => {
		fake = await startIntercomFake({ rateLimit: { limit: 100, windowMs: 1_000 } });
		fake.faults.fail({ status: 429, count: 1 });
		const client = new IntercomClient({ token: fake.token, baseUrl: fake.baseUrl, maxRetries: 1 });

		const me = await client.admins.identify();

		expect(me?.id).toBe(fake.me.id);
		expect(fake.requests.map((request) => request.status)).toEqual([429, 200]);
	});
});
