import { IntercomTicket } from '../../nodes/IntercomTicket/IntercomTicket.node';
import type { StoredTicketType } from '../support/intercom-fake';
import { useIntercomFake } from '../support/intercom-fake/jest';
import { runNode } from '../support/intercomNodeRunner';

const node = new IntercomTicket();
const intercom = useIntercomFake();

const bugType = (name: string, reference = 'todoist_task_id'): StoredTicketType =>
	intercom.fake.seed.ticketType({ name, attributes: [{ name: reference, data_type: 'string' }] });

/** One execution of Create or Update by Reference for ticket type `type`. */
async function execute(type: StoredTicketType, reference: string, referenceAttribute = 'todoist_task_id') {
	return await runNode(node, intercom.fake, {
		parameters: () => ({
			operation: 'createOrUpdate',
			ticketType: { __rl: true, mode: 'list', value: type.id },
			referenceAttribute,
			referenceValue: reference,
			title: `Bug ${reference}`,
			description: 'Found by a member',
			contactBy: 'email',
			contactValue: 'member@example.org',
		}),
		items: 1,
		continueOnFail: true,
	});
}

const ticketTypeReads = () => intercom.fake.requests.filter((request) => request.method === 'GET' && request.path === '/ticket_types').length;

// Ticket types are kept per workspace (credential and address): every test's fake listens on a port of its own.
beforeEach(() => {
	intercom.fake.seed.user({ email: 'member@example.org' });
});

afterEach(() => jest.restoreAllMocks());

describe('Intercom Ticket › ticket types reused across executions', () => {
	it('reads the ticket types once for the executions of the same minute', async () => {
		const type = bugType('Bug report');
		for (const reference of ['T-1', 'T-2', 'T-3']) {
			const { successes } = await execute(type, reference);
			expect(successes[0].json).toMatchObject({ action: 'created' });
		}
		expect(ticketTypeReads()).toBe(1);
	});

	it('a ticket type or attribute added since the list was read is found at once', async () => {
		await execute(bugType('Bug report'), 'T-1');
		const newer = bugType('Outage report', 'incident_id');
		const { successes, errors } = await execute(newer, 'I-1', 'incident_id');
		expect(errors).toEqual([]);
		expect(successes[0].json).toMatchObject({ action: 'created', ticket_attributes: { incident_id: 'I-1' } });
		expect(ticketTypeReads()).toBe(2);
	});

	it('reads the list again once the minute has passed', async () => {
		const type = bugType('Bug report');
		const start = Date.now();
		await execute(type, 'T-1');
		jest.spyOn(Date, 'now').mockReturnValue(start + 61_000);
		await execute(type, 'T-2');
		expect(ticketTypeReads()).toBe(2);
	});

	it('a reference attribute the type lacks is still an error after reading the list afresh', async () => {
		const type = bugType('Bug report');
		await execute(type, 'T-1');
		const { errors } = await execute(type, 'T-2', 'no_such_attribute');
		expect(errors).toHaveLength(1);
		expect(ticketTypeReads()).toBe(2);
	});
});
