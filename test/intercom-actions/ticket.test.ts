import { IntercomTicket } from '../../nodes/IntercomTicket/IntercomTicket.node';
import type { StoredTicketType } from '../support/intercom-fake';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters } from '../support/intercomNodeRunner';
import { loadOptionsContext, runNode } from '../support/intercomNodeRunner';

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
		const { errors } = await run({ extraAttributesJson: '{"severity": "high"}' });
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
		const attributes = await node.methods.loadOptions.getTicketTypeAttributes.call(context);
		expect(attributes.map((attribute) => attribute.value)).toEqual(['priority_level', 'todoist_task_id']);
	});
});
