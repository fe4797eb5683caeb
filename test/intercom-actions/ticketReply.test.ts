import { IntercomTicket } from '../../nodes/IntercomTicket/IntercomTicket.node';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters } from '../support/intercomNodeRunner';
import { pairedIndexes, runNode } from '../support/intercomNodeRunner';

const node = new IntercomTicket();
const intercom = useIntercomFake();

function seedTicket() {
	const type = intercom.fake.seed.ticketType({ name: 'Bug', attributes: [{ name: 'todoist_task_id', data_type: 'string' }] });
	const member = intercom.fake.seed.user({ email: 'member@example.org' });
	return intercom.fake.seed.ticket({ ticket_type_id: type.id, contact_ids: [member.id], ticket_attributes: { _default_title_: 'Checkout broken' } });
}

const run = async (parameters: (itemIndex: number) => Parameters, items = 1) =>
	await runNode(node, intercom.fake, { parameters: (itemIndex) => ({ operation: 'reply', ...parameters(itemIndex) }), items, continueOnFail: true });

describe('Intercom Ticket › Reply', () => {
	it('replies to the customer as the token’s admin, or adds a note as the admin chosen', async () => {
		const ticket = seedTicket();
		const other = intercom.fake.seed.admin({ name: 'Second Admin', email: 'second@example.org' });
		const { successes } = await run((itemIndex) =>
			itemIndex === 0
				? { ticketId: ticket.id, messageType: 'comment', body: '<p>It is fixed.</p>' }
				: { ticketId: ticket.id, messageType: 'note', body: 'Fixed in release 2', options: { adminId: other.id } },
		2);
		expect(successes.map((item) => item.json.action)).toEqual(['replied', 'noted']);
		// Items run concurrently: the first waits for GET /me, so the note may land first.
		expect(intercom.fake.store.ticketReplies).toHaveLength(2);
		expect(intercom.fake.store.ticketReplies).toEqual(expect.arrayContaining([
			expect.objectContaining({ ticket_id: ticket.id, part_type: 'comment', body: '<p>It is fixed.</p>', admin_id: intercom.fake.me.id }),
			expect.objectContaining({ ticket_id: ticket.id, part_type: 'note', body: 'Fixed in release 2', admin_id: other.id }),
		]));
		expect(successes[0].json).toMatchObject({ type: 'ticket_part', part_type: 'comment', ticketId: ticket.id });
	});

	it('an unknown ticket and an empty message end as error items, paired, the rest goes on', async () => {
		const ticket = seedTicket();
		const { items, errors } = await run((itemIndex) => [
			{ ticketId: '999999', body: 'Hello' },
			{ ticketId: ticket.id, body: '   ' },
			{ ticketId: ticket.id, body: 'Hello' },
		][itemIndex], 3);
		expect(pairedIndexes(items)).toEqual([0, 1, 2]);
		expect(errors).toHaveLength(2);
		expect(String(items[0].json.error)).toMatch(/not found/i);
		expect(items[1].json.error).toBe('Enter the message to send');
		expect(items[2].json.action).toBe('replied');
		expect(intercom.fake.store.ticketReplies).toHaveLength(1);
	});

	it('does not send a reply again after a server error Intercom may have applied', async () => {
		const ticket = seedTicket();
		intercom.fake.faults.fail({ status: 500, method: 'POST', path: `/tickets/${ticket.id}/reply`, count: 1, afterWrite: true });
		const { items } = await run(() => ({ ticketId: ticket.id, body: 'It is fixed.' }));
		expect(String(items[0].json.error ?? '')).not.toBe('');
		expect(intercom.fake.store.ticketReplies).toHaveLength(1);
	});
});
