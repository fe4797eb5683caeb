import { coordinator } from '../../nodes/common/coordination';
import { withdrawEcho } from '../../nodes/common/syncEchoes';
import { IntercomTicket } from '../../nodes/IntercomTicket/IntercomTicket.node';
import type { StoredTicketType } from '../support/intercom-fake';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters } from '../support/intercomNodeRunner';
import { runNode } from '../support/intercomNodeRunner';

const node = new IntercomTicket();
const intercom = useIntercomFake();
let bugType: StoredTicketType;
let reference = 0;
/** The fake numbers tickets afresh for every test: marks left on those ids must not reach the next test. */
const ticketIds: string[] = [];
afterEach(async () => {
	await Promise.all(ticketIds.splice(0).map(async (id) => await withdrawEcho({ service: 'intercom', object: 'ticket', id, change: 'closed' })));
});

beforeEach(() => {
	bugType = intercom.fake.seed.ticketType({ name: 'Bug', attributes: [{ name: 'todoist_task_id', data_type: 'string' }] });
	intercom.fake.seed.user({ email: 'member@example.org' });
	reference += 1;
});

const parameters = (overrides: Parameters): Parameters => ({
	operation: 'createOrUpdate',
	ticketType: { __rl: true, mode: 'list', value: bugType.id },
	referenceAttribute: 'todoist_task_id',
	referenceValue: `T-echo-${reference}`,
	title: 'Checkout broken',
	contactBy: 'email',
	contactValue: 'member@example.org',
	...overrides,
});

async function run(overrides: Parameters) {
	const result = await runNode(node, intercom.fake, { parameters: () => parameters(overrides), items: 1, continueOnFail: true });
	ticketIds.push(...result.successes.map((item) => String(item.json.id)));
	return result;
}

const closedMark = async (id: string) => await coordinator().recall(`echo:intercom:ticket:${id}:closed`);

describe("Intercom Ticket › Don't Echo Back", () => {
	it('marks the close of an open ticket before making it, and says the state changed', async () => {
		const created = await run({ ticketState: 'open' });
		const id = String(created.successes[0].json.id);
		const closed = await run({ ticketState: 'closed', options: { dontEchoBack: true } });
		expect(closed.successes[0].json).toMatchObject({ id, action: 'updated', open: false, stateChanged: 'closed' });
		expect(await closedMark(id)).toBe('expected');
	});

	it('marks nothing when the ticket already has the state asked for, or when the option is off', async () => {
		const created = await run({ ticketState: 'closed' });
		const id = String(created.successes[0].json.id);
		expect(created.successes[0].json).toMatchObject({ action: 'created', stateChanged: 'closed' });
		expect(await closedMark(id)).toBeUndefined();
		const again = await run({ ticketState: 'closed', options: { dontEchoBack: true } });
		expect(again.successes[0].json).toMatchObject({ action: 'updated', stateChanged: null });
		expect(await closedMark(id)).toBeUndefined();
	});

	it('withdraws the mark when Intercom refuses the close', async () => {
		const id = String((await run({ ticketState: 'open' })).successes[0].json.id);
		intercom.fake.faults.fail({ status: 422, method: 'PUT', path: `/tickets/${id}`, count: 5 });
		const failed = await run({ ticketState: 'closed', options: { dontEchoBack: true } });
		expect(failed.errors).toHaveLength(1);
		expect(await closedMark(id)).not.toBe('expected');
	});
});
