import { IntercomClient } from 'intercom-client';

import { startIntercomFake, type IntercomFake } from '../support/intercom-fake';
import { DEFAULT_SPEC_PATH, loadSpec, matchRoute } from '../support/intercom-fake/spec';
import { validatorFor } from '../support/intercom-fake/validator';
import { raw } from './raw-request';

describe('Intercom fake: contract checks', () => {
	let fake: IntercomFake;

	beforeEach(async () => {
		fake = await startIntercomFake();
	});
	afterEach(async () => {
		await fake.close();
	});

	it('serves a request that follows the contract and records nothing', async () => {
		const answer = await raw(fake, 'POST', '/contacts', { body: { email: 'ann@example.org', role: 'user' } });

		expect(answer.status).toBe(200);
		expect(answer.body).toMatchObject({ type: 'contact', email: 'ann@example.org', role: 'user' });
		expect(fake.invalidRequests).toEqual([]);
		expect(fake.invalidResponses).toEqual([]);
	});

	it('answers 400 and records a path the contract does not have', async () => {
		const answer = await raw(fake, 'GET', '/contacts/abc/friends');

		expect(answer.status).toBe(400);
		expect(answer.body).toMatchObject({ type: 'error.list', errors: [{ code: 'bad_request' }] });
		expect(fake.takeInvalidRequests()).toEqual([
			expect.objectContaining({ kind: 'route', path: '/contacts/abc/friends', status: 400 }),
		]);
	});

	it('answers 400 for a method the path does not offer', async () => {
		const answer = await raw(fake, 'PATCH', '/contacts/abc', { body: {} });

		expect(answer.status).toBe(400);
		expect(fake.takeInvalidRequests()[0].problems[0]).toMatch(/no PATCH operation/);
	});

	it('answers 400 for a body field of the wrong type', async () => {
		const answer = await raw(fake, 'POST', '/contacts', { body: { email: 'ann@example.org', name: 42 } });

		expect(answer.status).toBe(400);
		expect(answer.body.errors[0].code).toBe('parameter_invalid');
		const [record] = fake.takeInvalidRequests();
		expect(record.kind).toBe('body');
		expect(record.problems).toContain('body/name must be string,null');
	});

	it('answers 400 when a required body field is missing', async () => {
		const answer = await raw(fake, 'POST', '/contacts/merge', { body: { from: 'abc' } });

		expect(answer.status).toBe(400);
		expect(fake.takeInvalidRequests()[0].problems).toContain("body must have required property 'into'");
	});

	it('answers 400 for a body that is not JSON, or not declared JSON', async () => {
		const broken = await raw(fake, 'POST', '/contacts', { rawBody: '{"email": ' });
		const wrongType = await raw(fake, 'POST', '/contacts', {
			rawBody: 'email=ann@example.org',
			extraHeaders: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});

		expect([broken.status, wrongType.status]).toEqual([400, 400]);
		expect(fake.takeInvalidRequests().map((record) => record.problems[0])).toEqual([
			expect.stringMatching(/not valid JSON/),
			expect.stringMatching(/Content-Type must be application\/json/),
		]);
	});

	it('answers 400 for a body on an operation that takes none', async () => {
		const contact = fake.seed.user({ email: 'ann@example.org' });

		const answer = await raw(fake, 'POST', `/contacts/${contact.id}/archive`, { body: { archived: true } });

		expect(answer.status).toBe(400);
		expect(fake.takeInvalidRequests()[0].problems).toEqual(['The contract defines no request body for this operation']);
		expect(contact.archived).toBe(false);
	});

	it('requires the Intercom-Version header and a version the contract lists', async () => {
		const missing = await raw(fake, 'GET', '/me', { extraHeaders: { 'Intercom-Version': undefined } });
		const unknown = await raw(fake, 'GET', '/me', { extraHeaders: { 'Intercom-Version': '9.9' } });

		expect([missing.status, unknown.status]).toEqual([400, 400]);
		const records = fake.takeInvalidRequests();
		expect(records.map((record) => record.kind)).toEqual(['header', 'header']);
		expect(records[1].problems[0]).toMatch(/intercom-version must be equal to one of the allowed values/);
	});

	it('checks path parameters against their schema', async () => {
		const answer = await raw(fake, 'GET', '/conversations/not-a-number');

		expect(answer.status).toBe(400);
		const [record] = fake.takeInvalidRequests();
		expect(record.kind).toBe('params');
		expect(record.problems).toContain('parameters/path/conversation_id must be integer');
	});

	it.each([
		['no Authorization header', { 'Intercom-Version': '2.14' }],
		['another token', { Authorization: 'Bearer someone-elses-token', 'Intercom-Version': '2.14' }],
		['a token without the Bearer scheme', { Authorization: 'fake-intercom-token', 'Intercom-Version': '2.14' }],
	])('answers 401 unauthorized, without rate-limit headers, for %s', async (_case, headers) => {
		const answer = await raw(fake, 'GET', '/me', { headers });

		expect(answer.status).toBe(401);
		expect(answer.body).toMatchObject({ type: 'error.list', errors: [{ code: 'unauthorized' }] });
		expect(answer.headers.get('x-ratelimit-limit')).toBeNull();
		expect(fake.takeInvalidRequests()).toEqual([expect.objectContaining({ kind: 'auth', status: 401 })]);
	});

	it('lists every recorded problem when asked to expect none', async () => {
		await raw(fake, 'POST', '/contacts', { body: { email: 7 } });

		expect(() => fake.expectNoInvalidRequests()).toThrow(/1 request\(s\) that break the contract:\nPOST \/contacts → 400 \(body\)\n {4}body\/email must be string/);
	});

	it('answers 501 and records a contract operation the fake does not implement', async () => {
		const answer = await raw(fake, 'GET', '/segments');

		expect(answer.status).toBe(501);
		expect(fake.takeInvalidRequests()).toEqual([expect.objectContaining({ kind: 'unimplemented' })]);
	});

	it('checks its own answers too: a contact with a numeric name would be caught', () => {
		const spec = loadSpec(DEFAULT_SPEC_PATH);
		const route = matchRoute(spec, 'GET', '/contacts/abc');
		if (!('operation' in route)) throw new Error(route.error);

		const problems = validatorFor(spec).checkResponse(route.operation, 200, { type: 'contact', id: 'abc', name: 7 });

		expect(problems).toEqual(['response/name must be string,null']);
	});

	describe('what intercom-client 7.0.3 sends', () => {
		let client: IntercomClient;
		beforeEach(() => {
			client = new IntercomClient({ token: fake.token, baseUrl: fake.baseUrl, maxRetries: 0 });
		});
		afterEach(() => {
			fake.expectNoInvalidRequests();
			expect(fake.invalidResponses).toEqual([]);
		});

		it('validates the contact calls', async () => {
			const user = await client.contacts.create({ email: 'ann@example.org', external_id: 'm-1' });
			await client.contacts.update({ contact_id: user.id, name: 'Ann', custom_attributes: { member_number: '12345' } });
			await client.contacts.find({ contact_id: user.id });
			const lead = await client.contacts.create({ role: 'lead', email: 'lead@example.org' });
			await client.contacts.mergeLeadInUser({ from: lead.id, into: user.id });
			await client.contacts.archive({ contact_id: user.id });
			await client.contacts.unarchive({ contact_id: user.id });
			const found = await client.contacts.search({
				query: {
					operator: 'OR',
					value: [
						{ field: 'external_id', operator: '=', value: 'm-1' },
						{ field: 'email', operator: '=', value: 'ANN@example.org' },
					],
				},
				pagination: { per_page: 150 },
			});

			expect(found.data.map((contact) => contact.id)).toEqual([user.id]);
			expect(fake.count('POST', '/contacts')).toBe(2);
		});

		it('validates admins, events and notes', async () => {
			const user = fake.seed.user({ email: 'ann@example.org', external_id: 'm-1' });

			const me = await client.admins.identify();
			await client.events.create({ event_name: 'renewed-membership', created_at: 1_700_000_000, user_id: 'm-1', metadata: { plan: 'gold' } });
			await client.notes.create({ contact_id: user.id, body: 'Renewed by phone', admin_id: me!.id });

			expect(me).toMatchObject({ id: fake.me.id, email: fake.me.email });
			expect(fake.store.events).toEqual([expect.objectContaining({ contact_id: user.id, event_name: 'renewed-membership' })]);
			expect(fake.store.notes).toEqual([expect.objectContaining({ contact_id: user.id, admin_id: fake.me.id })]);
		});
	});
});
