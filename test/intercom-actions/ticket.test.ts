import { IntercomTicket } from '../../nodes/IntercomTicket/IntercomTicket.node';
import type { StoredTicketType } from '../support/intercom-fake';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters } from '../support/intercomNodeRunner';
import { loadOptionsContext, pairedIndexes, runNode } from '../support/intercomNodeRunner';

const node = new IntercomTicket();
const intercom = useIntercomFake();
let bugType: StoredTicketType;

beforeEach(() => {
	bugType = intercom.fake.seed.ticketType({
		name: 'Bug escalation',
		attributes: [
			{ name: 'todoist_task_id', data_type: 'string', description: 'Todoist task' },
			{ name: 'priority_level', data_type: 'integer' },
			{ name: 'customer_visible', data_type: 'boolean' },
		],
	});
	intercom.fake.seed.user({ email: 'member@example.org' });
});

const ticketParameters = (overrides: Parameters = {}): Parameters => ({
	operation: 'createOrUpdate',
	ticketType: { __rl: true, mode: 'list', value: bugType.id },
	referenceAttribute: 'todoist_task_id',
	referenceValue: 'T-100',
	title: 'Login button broken',
	description: 'Member cannot log in',
	contactBy: 'email',
	contactValue: 'member@example.org',
	...overrides,
});

async function run(overrides: Parameters | ((itemIndex: number) => Parameters) = {}, items = 1) {
	return await runNode(node, intercom.fake, {
		parameters: (itemIndex) => ticketParameters(typeof overrides === 'function' ? overrides(itemIndex) : overrides),
		items,
		continueOnFail: true,
	});
}

const ticketsWithReference = (reference: string) =>
	[...intercom.fake.store.tickets.values()].filter((ticket) => ticket.ticket_attributes.todoist_task_id === reference);

describe('Intercom Ticket › Create or Update by Reference', () => {
	it('creates the ticket with title, description, reference and contact when none carries the reference', async () => {
		const { successes } = await run();
		expect(successes[0].json).toMatchObject({ action: 'created', ticket_attributes: { todoist_task_id: 'T-100' } });
		const [stored] = ticketsWithReference('T-100');
		expect(stored.ticket_attributes).toMatchObject({
			_default_title_: 'Login button broken',
			_default_description_: 'Member cannot log in',
		});
		expect(stored.contact_ids).toEqual([intercom.fake.store.contactsWithEmail('member@example.org')[0].id]);
	});

	it('the same input again updates that ticket instead of making a second one', async () => {
		await run();
		const { successes } = await run({ title: 'Login button broken (again)' });
		expect(successes[0].json.action).toBe('updated');
		const tickets = ticketsWithReference('T-100');
		expect(tickets).toHaveLength(1);
		expect(tickets[0].ticket_attributes._default_title_).toBe('Login button broken (again)');
	});

	it('two items with one reference in one execution make one ticket, even before search shows it', async () => {
		intercom.fake.setSearchLag(60_000);
		const { successes } = await run({ options: { concurrency: 5 } }, 3);
		expect(successes.map((item) => item.json.action)).toEqual(['created', 'updated', 'updated']);
		expect(ticketsWithReference('T-100')).toHaveLength(1);
		expect(intercom.fake.count('POST', '/tickets')).toBe(1);
	});

	it('different references in one execution make one ticket each', async () => {
		const { successes } = await run((itemIndex) => ({ referenceValue: `T-${itemIndex}` }), 3);
		expect(successes.map((item) => item.json.action)).toEqual(['created', 'created', 'created']);
		expect(intercom.fake.store.tickets.size).toBe(3);
	});

	it('sends list and JSON attributes as the ticket type’s types, and a contact by ID', async () => {
		const contact = intercom.fake.seed.user({ email: 'other@example.org' });
		const { successes, errors } = await run({
			contactBy: 'id',
			contactValue: contact.id,
			extraAttributes: { attribute: [{ name: 'priority_level', value: '2' }, { name: 'customer_visible', value: 'true' }] },
		});
		expect(errors).toEqual([]);
		expect(successes[0].json.action).toBe('created');
		const [stored] = ticketsWithReference('T-100');
		expect(stored.ticket_attributes).toMatchObject({ priority_level: 2, customer_visible: true });
		expect(stored.contact_ids).toEqual([contact.id]);
	});

	it('a reference attribute the ticket type lacks is a clear error', async () => {
		const { errors } = await run({ referenceAttribute: 'jira_key' });
		expect(errors[0].json.error).toBe('Ticket type "Bug escalation" has no attribute "jira_key"');
		expect(intercom.fake.count('POST', '/tickets')).toBe(0);
	});

	it("an attribute Intercom does not know comes back with Intercom's message", async () => {
		const { errors } = await run({ options: { extraAttributesJson: '{"severity": "high"}' } });
		expect(errors[0].json.error).toMatch(/^Intercom rejected the request to create the ticket — .*severity is not an attribute/);
	});

	it('a server error after Intercom made the ticket: found again, not made twice', async () => {
		intercom.fake.faults.fail({ status: 500, method: 'POST', path: '/tickets', count: 1, afterWrite: true });
		const { successes } = await run();
		expect(successes[0].json).toMatchObject({
			action: 'created',
			notes: ['Intercom reported an error while creating the ticket, but had created it.'],
		});
		expect(ticketsWithReference('T-100')).toHaveLength(1);
		expect(intercom.fake.count('POST', '/tickets')).toBe(1);
	});

	it('a server error before Intercom made the ticket: looked for, then created once', async () => {
		intercom.fake.faults.fail({ status: 503, method: 'POST', path: '/tickets', count: 1 });
		const { successes } = await run();
		expect(successes[0].json).toMatchObject({ action: 'created', notes: [] });
		expect(ticketsWithReference('T-100')).toHaveLength(1);
		expect(intercom.fake.count('POST', '/tickets')).toBe(2);
	});

	it('offers ticket types and their reference attributes as lists', async () => {
		const context = loadOptionsContext(intercom.fake, { ticketType: { __rl: true, mode: 'list', value: bugType.id } });
		const types = await node.methods.listSearch.searchTicketTypes.call(context, 'bug');
		expect(types.results).toEqual([{ name: 'Bug escalation', value: bugType.id }]);
		const attributes = await node.methods.listSearch.searchReferenceAttributes.call(context);
		expect(attributes.results.map((attribute) => attribute.value)).toEqual(['priority_level', 'todoist_task_id']);
		const searched = await node.methods.listSearch.searchReferenceAttributes.call(context, 'TODOIST');
		expect(searched.results).toEqual([{ name: 'todoist_task_id', value: 'todoist_task_id', description: 'Todoist task' }]);
	});

	it('reads the reference attribute chosen from the list, typed by name, or saved as plain text by an earlier version', async () => {
		const chosen = [
			{ __rl: true, mode: 'list', value: 'todoist_task_id' },
			{ __rl: true, mode: 'name', value: ' todoist_task_id ' },
			'todoist_task_id',
		];
		const { successes } = await run((itemIndex) => ({ referenceAttribute: chosen[itemIndex] }), 3);
		expect(successes.map((item) => item.json.action)).toEqual(['created', 'updated', 'updated']);
		expect(ticketsWithReference('T-100')).toHaveLength(1);
	});

	it('an empty reference attribute fails its item before any request', async () => {
		const { errors } = await run({ referenceAttribute: { __rl: true, mode: 'name', value: '' } });
		expect(errors[0].json.error).toBe('Choose the reference attribute and enter the reference value');
		expect(intercom.fake.requests).toEqual([]);
	});
});

describe('Intercom Ticket › Ticket State', () => {
	const ticketWrites = () =>
		intercom.fake.requests.filter((request) => ['POST /tickets', 'PUT /tickets/{ticket_id}'].includes(`${request.method} ${request.template}`));
	const seedTicket = (open: boolean) => {
		const contact = intercom.fake.store.contactsWithEmail('member@example.org')[0];
		const seeded = intercom.fake.seed.ticket({
			ticket_type_id: bugType.id,
			contact_ids: [contact.id],
			ticket_attributes: { _default_title_: 'Login button broken', todoist_task_id: 'T-100' },
		});
		seeded.open = open;
		return seeded;
	};

	it('Leave As Is (the default) updates a closed ticket without reopening it, and sends no open flag', async () => {
		const closed = seedTicket(false);
		const { successes } = await run({ title: 'Edited in Todoist' });
		expect(successes[0].json).toMatchObject({ action: 'updated', id: closed.id, open: false });
		expect(closed.ticket_attributes._default_title_).toBe('Edited in Todoist');
		const [update] = ticketWrites();
		expect(update.method).toBe('PUT');
		expect(update.body).not.toHaveProperty('open');
	});

	it('Closed closes an open ticket in the same request that updates it', async () => {
		const open = seedTicket(true);
		const { successes } = await run({ ticketState: 'closed', description: 'Status in Todoist: completed' });
		expect(successes[0].json).toMatchObject({ action: 'updated', id: open.id, open: false });
		expect(open).toMatchObject({ open: false, ticket_attributes: { _default_description_: 'Status in Todoist: completed' } });
		expect(ticketWrites().map((request) => request.method)).toEqual(['PUT']);
	});

	it('Open reopens a closed ticket', async () => {
		const closed = seedTicket(false);
		const { successes } = await run({ ticketState: 'open' });
		expect(successes[0].json).toMatchObject({ action: 'updated', open: true });
		expect(closed.open).toBe(true);
	});

	it('Closed for a reference seen for the first time: creates the ticket, then closes it', async () => {
		const { successes } = await run({ ticketState: 'closed' });
		expect(successes[0].json).toMatchObject({ action: 'created', open: false, ticket_attributes: { todoist_task_id: 'T-100' } });
		const [stored] = ticketsWithReference('T-100');
		expect(stored.open).toBe(false);
		expect(ticketWrites().map((request) => `${request.method} ${request.template}`)).toEqual([
			'POST /tickets',
			'PUT /tickets/{ticket_id}',
		]);
	});

	it('Open or Leave As Is for a new reference creates an open ticket with one request', async () => {
		const { successes } = await run((itemIndex) => ({ referenceValue: `T-${itemIndex}`, ticketState: ['open', 'leaveAsIs'][itemIndex] }), 2);
		expect(successes.map((item) => item.json.open)).toEqual([true, true]);
		expect(intercom.fake.count('PUT', '/tickets/{ticket_id}')).toBe(0);
	});

	it('takes the state per item from an expression, and an unknown state fails only its item, before any write', async () => {
		seedTicket(true);
		const states = ['Closed', 'shut', ''];
		const { items } = await run((itemIndex) => ({ referenceValue: `T-${100 + itemIndex}`, ticketState: states[itemIndex] }), 3);
		expect(pairedIndexes(items)).toEqual([0, 1, 2]);
		expect(items[1].json.error).toBe('Ticket State "shut" is not one of open, closed or leaveAsIs');
		expect(ticketsWithReference('T-100')[0].open).toBe(false);
		expect(ticketsWithReference('T-101')).toEqual([]);
		expect(ticketsWithReference('T-102')[0].open).toBe(true);
	});

	it('a new ticket Intercom will not close is an error naming it; the next run finds and closes it', async () => {
		intercom.fake.faults.fail({ status: 500, method: 'PUT', path: '/tickets/{ticket_id}' });
		const { errors } = await run({ ticketState: 'closed', options: { maxRetries: 0 } });
		const [stored] = ticketsWithReference('T-100');
		expect(errors[0].json.error).toBe(`Intercom had a server error (HTTP 500) after trying to close the new ticket ${stored.id} once`);
		expect(stored.open).toBe(true);

		intercom.fake.faults.clear();
		const { successes } = await run({ ticketState: 'closed' });
		expect(successes[0].json).toMatchObject({ action: 'updated', id: stored.id, open: false });
		expect(ticketsWithReference('T-100')).toHaveLength(1);
	});
});
