import { type Intercom, IntercomClient } from 'intercom-client';

import { useIntercomFake } from '../support/intercom-fake/jest';
import { raw } from './raw-request';

const intercom = useIntercomFake();
const fake = () => intercom.fake;
const client = () => new IntercomClient({ token: fake().token, baseUrl: fake().baseUrl, maxRetries: 0 });

// intercom-client 7.0.3's CreateTicketRequest type lacks ticket_attributes, though the contract has them
// and the SDK sends whatever it is given.
const createTicket = (request: Intercom.CreateTicketRequest & { ticket_attributes?: Record<string, unknown> }) =>
	client().tickets.create(request);

function escalationType() {
	return fake().seed.ticketType({
		name: 'Escalation',
		attributes: [
			{ name: 'todoist_task_id', data_type: 'string', description: 'Todoist task' },
			{ name: 'priority_score', data_type: 'integer' },
		],
	});
}

describe('Intercom fake: tickets', () => {
	afterEach(() => {
		expect(fake().invalidResponses).toEqual([]);
	});

	it('lists ticket types with their attributes, default title and description included', async () => {
		const type = escalationType();

		const types = await client().ticketTypes.list();

		expect(types.data?.map((one) => one?.id)).toEqual([type.id]);
		const names = types.data?.[0]?.ticket_type_attributes?.ticket_type_attributes?.map((attribute) => attribute?.name);
		expect(names).toEqual(['_default_title_', '_default_description_', 'todoist_task_id', 'priority_score']);
	});

	it('creates a ticket for a contact by email, creating a lead when nobody has that email', async () => {
		const type = escalationType();

		const ticket = await createTicket({
			ticket_type_id: type.id,
			contacts: [{ email: 'new@example.org' }],
			ticket_attributes: { _default_title_: 'Card declined', todoist_task_id: 'T-1' },
		});

		const [lead] = fake().store.contactsWithEmail('new@example.org');
		expect(lead).toMatchObject({ role: 'lead' });
		expect(ticket).toMatchObject({
			type: 'ticket',
			ticket_attributes: { _default_title_: 'Card declined', todoist_task_id: 'T-1' },
			contacts: { contacts: [{ id: lead.id }] },
		});
	});

	it('finds a ticket through search by an attribute id, then updates it', async () => {
		const type = escalationType();
		const user = fake().seed.user({ email: 'ann@example.org' });
		const created = await createTicket({
			ticket_type_id: type.id,
			contacts: [{ id: user.id }],
			ticket_attributes: { _default_title_: 'Card declined', todoist_task_id: 'T-1' },
		});
		const taskAttribute = type.attributes.find((attribute) => attribute.name === 'todoist_task_id')!;

		const found = await client().tickets.search({
			query: {
				operator: 'AND',
				value: [
					{ field: 'ticket_type_id', operator: '=', value: type.id },
					{ field: `ticket_attribute.${taskAttribute.id}`, operator: '=', value: 'T-1' },
				],
			},
		});
		expect(found.data.map((ticket) => ticket?.id)).toEqual([created!.id]);

		const resolved = type.states.find((state) => state.category === 'resolved')!;
		const updated = await client().tickets.update({
			ticket_id: created!.id,
			ticket_attributes: { _default_description_: 'Refunded' },
			ticket_state_id: resolved.id,
			open: false,
		});
		expect(updated).toMatchObject({
			open: false,
			ticket_state: { id: resolved.id, category: 'resolved' },
			ticket_attributes: { _default_title_: 'Card declined', _default_description_: 'Refunded' },
		});
		expect((await client().tickets.get({ ticket_id: created!.id }))?.ticket_attributes).toEqual(updated?.ticket_attributes);
	});

	it('hides a new ticket from search while the lag lasts', async () => {
		fake().setSearchLag(60_000);
		const type = escalationType();
		const user = fake().seed.user();
		await createTicket({ ticket_type_id: type.id, contacts: [{ id: user.id }] });

		const found = await client().tickets.search({ query: { field: 'contact_ids', operator: '=', value: user.id } });

		expect(found.data).toEqual([]);
	});

	it('refuses attributes the ticket type lacks, wrong value types, missing required ones and unknown states', async () => {
		const type = fake().seed.ticketType({ name: 'Strict', attributes: [{ name: 'member_number', required_to_create: true }] });
		const user = fake().seed.user();
		const create = (ticket_attributes: Record<string, unknown>) =>
			raw(fake(), 'POST', '/tickets', { body: { ticket_type_id: type.id, contacts: [{ id: user.id }], ticket_attributes } });

		expect((await create({ member_number: '1', shoe_size: '9' })).body.errors[0].message).toMatch(/shoe_size is not an attribute/);
		expect((await create({ member_number: 12 })).body.errors[0].message).toMatch(/takes a string/);
		expect((await create({ _default_title_: 'x' })).body.errors[0].message).toMatch(/Missing required ticket attributes: member_number/);
		const ok = await create({ member_number: '1' });
		expect(ok.status).toBe(200);

		const badState = await raw(fake(), 'PUT', `/tickets/${ok.body.id}`, { body: { ticket_state_id: '1' } });
		expect(badState.status).toBe(400);
		expect(badState.body.errors[0].code).toBe('ticket_state_id_invalid');
		expect(fake().store.tickets.size).toBe(1);
	});

	it('records a ticket with two contacts (the contract allows only one)', async () => {
		const type = escalationType();
		const [a, b] = [fake().seed.user(), fake().seed.user()];

		const answer = await raw(fake(), 'POST', '/tickets', { body: { ticket_type_id: type.id, contacts: [{ id: a.id }, { id: b.id }] } });

		expect(answer.status).toBe(400);
		expect(fake().takeInvalidRequests()[0].problems).toEqual(['A ticket takes exactly one contact']);
	});

	it('refuses open on create (the contract has no such field), keeps open/closed from updates', async () => {
		const type = escalationType();
		const user = fake().seed.user();

		const closedAtOnce = await raw(fake(), 'POST', '/tickets', { body: { ticket_type_id: type.id, contacts: [{ id: user.id }], open: false } });
		expect(closedAtOnce.status).toBe(400);
		expect(fake().takeInvalidRequests()[0].problems).toEqual(['The create ticket request has no field open']);
		expect(fake().store.tickets.size).toBe(0);

		const created = await createTicket({ ticket_type_id: type.id, contacts: [{ id: user.id }] });
		expect(created).toMatchObject({ open: true });
		const notBoolean = await raw(fake(), 'PUT', `/tickets/${created!.id}`, { body: { open: 'false' } });
		expect(notBoolean.status).toBe(400);
		expect(fake().takeInvalidRequests()[0].problems).toEqual(['body/open must be boolean']);
		await client().tickets.update({ ticket_id: created!.id, open: false });
		expect((await client().tickets.get({ ticket_id: created!.id }))?.open).toBe(false);
		await client().tickets.update({ ticket_id: created!.id, ticket_attributes: { _default_title_: 'Edited' } });
		expect((await client().tickets.get({ ticket_id: created!.id }))?.open).toBe(false);
		await client().tickets.update({ ticket_id: created!.id, open: true });
		expect((await client().tickets.get({ ticket_id: created!.id }))?.open).toBe(true);
	});

	it('answers 404 ticket_not_found for an unknown ticket', async () => {
		const answer = await raw(fake(), 'GET', '/tickets/123456');

		expect(answer.status).toBe(404);
		expect(answer.body.errors[0].code).toBe('ticket_not_found');
	});
});
