import { IntercomClient, IntercomError } from 'intercom-client';

import { startIntercomFake } from '../support/intercom-fake';
import { useIntercomFake } from '../support/intercom-fake/jest';
import { raw } from './raw-request';

const intercom = useIntercomFake();

function clientFor(fake = intercom.fake) {
	return new IntercomClient({ token: fake.token, baseUrl: fake.baseUrl, maxRetries: 0 });
}

async function failureOf(promise: Promise<unknown>): Promise<IntercomError> {
	const error = await promise.then(
		() => undefined,
		(reason: unknown) => reason,
	);
	if (!(error instanceof IntercomError)) throw new Error(`Expected an IntercomError, got ${String(error)}`);
	return error;
}

describe('Intercom fake: contacts', () => {
	it('answers 409 conflict naming the existing contact for a duplicate email, whatever its case', async () => {
		const existing = fake().seed.user({ email: 'ann@example.org' });

		const error = await failureOf(clientFor().contacts.create({ email: 'ANN@Example.ORG', role: 'user' }));

		expect(error.statusCode).toBe(409);
		expect(error.body).toMatchObject({
			type: 'error.list',
			errors: [{ code: 'conflict', message: `A contact matching those details already exists with id=${existing.id}` }],
		});
		expect(fake().store.contactsWithEmail('ann@example.org')).toHaveLength(1);
	});

	it('answers 409 for a duplicate external id even with a new email', async () => {
		const existing = fake().seed.user({ email: 'ann@example.org', external_id: 'm-1' });

		const error = await failureOf(clientFor().contacts.create({ email: 'other@example.org', external_id: 'm-1' }));

		expect(error.statusCode).toBe(409);
		expect(firstError(error).message).toBe(`A contact matching those details already exists with id=${existing.id}`);
	});

	it('uses the archived wording when the only match is archived', async () => {
		const archived = fake().seed.archivedContact({ email: 'ann@example.org' });

		const error = await failureOf(clientFor().contacts.create({ email: 'ann@example.org' }));

		expect(error.statusCode).toBe(409);
		expect(firstError(error)).toEqual({
			code: 'conflict',
			message: `An archived contact matching those details already exists with id=${archived.id}`,
		});
	});

	it('names the oldest active match when several contacts share the email', async () => {
		fake().seed.archivedContact({ email: 'ann@example.org', created_at: 1_000 });
		const oldLead = fake().seed.lead({ email: 'ann@example.org', created_at: 2_000 });
		fake().seed.user({ email: 'ann@example.org', created_at: 3_000 });

		const error = await failureOf(clientFor().contacts.create({ email: 'ann@example.org' }));

		expect(firstError(error).message).toMatch(new RegExp(`^A contact .* id=${oldLead.id}$`));
	});

	it('hides archived contacts from reads and search until unarchived', async () => {
		const client = clientFor();
		const contact = await client.contacts.create({ email: 'ann@example.org' });
		await client.contacts.archive({ contact_id: contact.id });

		expect((await failureOf(client.contacts.find({ contact_id: contact.id }))).statusCode).toBe(404);
		expect((await failureOf(client.contacts.update({ contact_id: contact.id, name: 'Ann' }))).statusCode).toBe(404);
		const search = { query: { field: 'email', operator: '=' as const, value: 'ann@example.org' } };
		expect((await client.contacts.search(search)).data).toEqual([]);

		const unarchived = await client.contacts.unarchive({ contact_id: contact.id });
		expect(unarchived).toMatchObject({ id: contact.id, archived: false });
		expect((await client.contacts.update({ contact_id: contact.id, name: 'Ann' })).name).toBe('Ann');
		expect((await client.contacts.search(search)).data.map((found) => found.id)).toEqual([contact.id]);
	});

	it('turns a lead into a user by updating its role, but never back', async () => {
		const lead = fake().seed.lead({ email: 'ann@example.org' });
		const client = clientFor();

		expect((await client.contacts.update({ contact_id: lead.id, role: 'user' })).role).toBe('user');
		expect((await failureOf(client.contacts.update({ contact_id: lead.id, role: 'lead' }))).statusCode).toBe(400);
	});

	it('answers 409 when an update would give a second contact the same external id', async () => {
		const first = fake().seed.user({ external_id: 'm-1' });
		const second = fake().seed.user({ external_id: 'm-2' });

		const error = await failureOf(clientFor().contacts.update({ contact_id: second.id, external_id: 'm-1' }));

		expect(error.statusCode).toBe(409);
		expect(firstError(error).message).toContain(`id=${first.id}`);
		expect(second.external_id).toBe('m-2');
	});

	it('merges a lead into a user, after which the lead answers 404 and leaves search', async () => {
		const lead = fake().seed.lead({ email: 'ann@example.org', custom_attributes: { source: 'form', plan: 'basic' } });
		const user = fake().seed.user({ email: 'ann@example.org', external_id: 'm-1', custom_attributes: { plan: 'gold' } });
		const client = clientFor();

		const merged = await client.contacts.mergeLeadInUser({ from: lead.id, into: user.id });

		expect(merged).toMatchObject({ id: user.id, custom_attributes: { source: 'form', plan: 'gold' } });
		expect((await failureOf(client.contacts.find({ contact_id: lead.id }))).statusCode).toBe(404);
		expect((await failureOf(client.contacts.update({ contact_id: lead.id, name: 'x' }))).statusCode).toBe(404);
		const found = await client.contacts.search({ query: { field: 'email', operator: '=', value: 'ann@example.org' } });
		expect(found.data.map((contact) => contact.id)).toEqual([user.id]);
		// A create with that email now collides with the user, not the merged-away lead.
		const error = await failureOf(client.contacts.create({ email: 'ann@example.org' }));
		expect(firstError(error).message).toContain(`id=${user.id}`);
	});

	it.each([
		['from a user', 'user', 'user'],
		['into a lead', 'lead', 'lead'],
	] as const)('refuses a merge %s with 400', async (_case, fromRole, intoRole) => {
		const from = fake().seed.contact({ role: fromRole, email: 'a@example.org' });
		const into = fake().seed.contact({ role: intoRole, email: 'b@example.org' });

		const error = await failureOf(clientFor().contacts.mergeLeadInUser({ from: from.id, into: into.id }));

		expect(error.statusCode).toBe(400);
		expect(from.merged_into).toBeUndefined();
	});

	it('refuses custom attributes the workspace has not defined, when a list is configured', async () => {
		// A second fake with a fixed set of data attributes.
		const strict = await startIntercomFake({ customAttributes: ['member_number'] });
		try {
			const answer = await raw(strict, 'POST', '/contacts', { body: { email: 'a@example.org', custom_attributes: { shoe_size: 9 } } });
			const fine = await raw(strict, 'POST', '/contacts', { body: { email: 'a@example.org', custom_attributes: { member_number: '7' } } });

			expect(answer.status).toBe(400);
			expect(answer.body.errors[0]).toEqual({ code: 'parameter_not_found', message: "Custom attribute 'shoe_size' does not exist" });
			expect(fine.status).toBe(200);
			strict.expectNoInvalidRequests();
		} finally {
			await strict.close();
		}
	});

	it('answers with every defined custom attribute, those never set as null, when a list is configured', async () => {
		const strict = await startIntercomFake({ customAttributes: ['member_number', 'region'] });
		try {
			const created = await raw(strict, 'POST', '/contacts', { body: { email: 'a@example.org', custom_attributes: { region: 'GL' } } });
			const read = await raw(strict, 'GET', `/contacts/${created.body.id}`);
			const found = await raw(strict, 'POST', '/contacts/search', {
				body: { query: { field: 'email', operator: '=', value: 'a@example.org' } },
			});

			expect(created.body.custom_attributes).toEqual({ member_number: null, region: 'GL' });
			expect(read.body.custom_attributes).toEqual({ member_number: null, region: 'GL' });
			expect(found.body.data[0].custom_attributes).toEqual({ member_number: null, region: 'GL' });
			strict.expectNoInvalidRequests();
		} finally {
			await strict.close();
		}
	});
});

function firstError(error: IntercomError): { code: string; message: string } {
	return (error.body as { errors: Array<{ code: string; message: string }> }).errors[0];
}

function fake() {
	return intercom.fake;
}
