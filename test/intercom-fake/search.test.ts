import { IntercomClient } from 'intercom-client';

import { startIntercomFake, type IntercomFake } from '../support/intercom-fake';
import { raw } from './raw-request';

const LAG_MS = 300;

describe('Intercom fake: contact search', () => {
	let fake: IntercomFake;
	let client: IntercomClient;
	// A hand-driven clock keeps the lag tests independent of machine load.
	let now: number;
	const advance = (ms: number) => {
		now += ms;
	};

	beforeEach(async () => {
		now = Date.UTC(2025, 0, 15, 12);
		fake = await startIntercomFake({ searchLagMs: LAG_MS, clock: () => now });
		client = new IntercomClient({ token: fake.token, baseUrl: fake.baseUrl, maxRetries: 0 });
	});
	afterEach(async () => {
		await fake.close();
	});

	const byEmail = (value: string) => ({ query: { field: 'email', operator: '=' as const, value } });
	const ids = async (query: Parameters<IntercomClient['contacts']['search']>[0]) =>
		(await client.contacts.search(query)).data.map((contact) => contact.id);

	it('does not see a new contact until the lag has passed, while a create already conflicts', async () => {
		const created = await client.contacts.create({ email: 'ann@example.org' });

		expect(await ids(byEmail('ann@example.org'))).toEqual([]);
		await expect(client.contacts.create({ email: 'ann@example.org' })).rejects.toMatchObject({ statusCode: 409 });
		advance(LAG_MS - 1);
		expect(await ids(byEmail('ann@example.org'))).toEqual([]);
		advance(1);
		expect(await ids(byEmail('ann@example.org'))).toEqual([created.id]);
		fake.expectNoInvalidRequests();
	});

	it('returns the stale version of a contact updated within the lag', async () => {
		const contact = fake.seed.user({ email: 'ann@example.org', name: 'Old' });
		await client.contacts.update({ contact_id: contact.id, name: 'New' });

		const stale = await client.contacts.search(byEmail('ann@example.org'));
		expect(stale.data.map((found) => found.name)).toEqual(['Old']);
		advance(LAG_MS);
		const fresh = await client.contacts.search(byEmail('ann@example.org'));
		expect(fresh.data.map((found) => found.name)).toEqual(['New']);
	});

	it('treats seeded contacts as old unless told they are fresh', async () => {
		const old = fake.seed.user({ email: 'old@example.org' });
		fake.seed.user({ email: 'fresh@example.org', searchable: false });

		expect(await ids({ query: { field: 'email', operator: '$', value: '@example.org' } })).toEqual([old.id]);
	});

	it('supports AND/OR nesting, IN, NIN, contains, starts and ends with, and custom attributes', async () => {
		fake.setSearchLag(0);
		const ann = fake.seed.user({ email: 'ann@example.org', external_id: 'm-1', custom_attributes: { member_number: '100' } });
		const bob = fake.seed.lead({ email: 'bob@example.org', custom_attributes: { member_number: '200' } });
		const cat = fake.seed.user({ email: 'cat@other.net', external_id: 'm-3', name: 'Cat Stevens' });

		expect(await ids({ query: { field: 'email', operator: 'IN', value: ['ANN@example.org', 'cat@other.net'] } })).toEqual([ann.id, cat.id]);
		expect(await ids({ query: { field: 'role', operator: 'NIN', value: ['lead'] } })).toEqual([ann.id, cat.id]);
		expect(await ids({ query: { field: 'name', operator: '~', value: 'steve' } })).toEqual([cat.id]);
		expect(await ids({ query: { field: 'email', operator: '^', value: 'bo' } })).toEqual([bob.id]);
		expect(await ids({ query: { field: 'custom_attributes.member_number', operator: '=', value: '200' } })).toEqual([bob.id]);
		expect(
			await ids({
				query: {
					operator: 'AND',
					value: [
						{ operator: 'OR', value: [{ field: 'external_id', operator: '=', value: 'm-3' }, { field: 'email', operator: '=', value: 'ann@example.org' }] },
						{ operator: 'OR', value: [{ field: 'role', operator: '=', value: 'user' }] },
					],
				},
			}),
		).toEqual([ann.id, cat.id]);
		// The contract allows a null value (the SDK's types do not): "has no external id".
		const noExternalId = await raw(fake, 'POST', '/contacts/search', { body: { query: { field: 'external_id', operator: '=', value: null } } });
		expect(noExternalId.body.data.map((contact: { id: string }) => contact.id)).toEqual([bob.id]);
		fake.expectNoInvalidRequests();
	});

	it('pages with per_page and starting_after, as the SDK follows them', async () => {
		fake.setSearchLag(0);
		const seeded = Array.from({ length: 7 }, (_, i) => fake.seed.lead({ email: `lead${i}@example.org` }).id);
		const query = { query: { field: 'role', operator: '=' as const, value: 'lead' }, pagination: { per_page: 3 } };

		const first = await client.contacts.search(query);
		expect(first.response).toMatchObject({ total_count: 7, pages: { page: 1, per_page: 3, total_pages: 3 } });
		const seen: string[] = [];
		for await (const contact of await client.contacts.search(query)) seen.push(contact.id);

		expect(seen).toEqual(seeded);
		expect(fake.count('POST', '/contacts/search')).toBe(1 + 3);
		const last = fake.requests.at(-1)?.body as { pagination: { starting_after: string } };
		expect(last.pagination.starting_after).toEqual(expect.any(String));
		fake.expectNoInvalidRequests();
	});

	it.each([
		['per_page above 150', { query: { field: 'email', operator: '=', value: 'a' }, pagination: { per_page: 151 } }, /per_page/],
		['IN without an array', { query: { field: 'email', operator: 'IN', value: 'a' } }, /IN needs an array/],
		['~ on a boolean field', { query: { field: 'has_hard_bounced', operator: '~', value: 'x' } }, /cannot be used on has_hard_bounced/],
		['!= on a date field', { query: { field: 'created_at', operator: '!=', value: 1 } }, /cannot be used on created_at/],
		[
			'three levels of groups',
			{ query: { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [{ field: 'email', operator: '=', value: 'a' }] }] }] } },
			/at most 2 nested/,
		],
		[
			'sixteen filters in one group',
			{ query: { operator: 'OR', value: Array.from({ length: 16 }, () => ({ field: 'email', operator: '=', value: 'a' })) } },
			/at most 15 filters/,
		],
	])('answers 400 and records %s (rules the contract states in prose)', async (_case, body, problem) => {
		const answer = await raw(fake, 'POST', '/contacts/search', { body });

		expect(answer.status).toBe(400);
		const records = fake.takeInvalidRequests();
		expect(records).toHaveLength(1);
		expect(records[0].problems.join(' ')).toMatch(problem);
	});

	it('answers 400 and records a query that matches neither filter shape', async () => {
		const answer = await raw(fake, 'POST', '/contacts/search', { body: { query: { field: 'email', operator: 'LIKE', value: 'a' } } });

		expect(answer.status).toBe(400);
		expect(fake.takeInvalidRequests()[0].kind).toBe('body');
	});
});
