import { useIntercomFake } from '../support/intercom-fake/jest';
import { DEFAULT_SPEC_PATH, loadSpec, matchRoute } from '../support/intercom-fake/spec';
import { raw } from './raw-request';

const intercom = useIntercomFake();
const fake = () => intercom.fake;

/** One request per implemented operation (and its main error answers), each answer checked against the contract. */
describe('Intercom fake: every answer has the shape the contract documents', () => {
	it('for contacts, tags, conversations, tickets, admins, teams, events and notes', async () => {
		const f = fake();
		const user = f.seed.user({ email: 'ann@example.org', external_id: 'm-1', custom_attributes: { member_number: '1' } });
		const lead = f.seed.lead({ email: 'lead@example.org' });
		const doomed = f.seed.user({ email: 'gone@example.org' });
		const tag = f.seed.tag('VIP');
		const spare = f.seed.tag('Spare');
		const conversation = f.seed.conversation({ contact_ids: [user.id], tags: ['VIP'] });
		const team = f.seed.team({ name: 'Billing', admin_ids: [f.me.id] });
		const type = f.seed.ticketType({ name: 'Escalation', attributes: [{ name: 'todoist_task_id' }] });
		const ticket = f.seed.ticket({ ticket_type_id: type.id, contact_ids: [user.id], ticket_attributes: { _default_title_: 'Hi' } });
		const search = { query: { field: 'email', operator: '=', value: 'ann@example.org' } };
		const calls: Array<[string, string, unknown?]> = [
			['GET', '/me'],
			['GET', '/admins'],
			['GET', `/admins/${f.me.id}`],
			['POST', '/contacts', { email: 'new@example.org', role: 'user' }],
			['POST', '/contacts', { email: 'ann@example.org' }],
			['GET', `/contacts/${user.id}`],
			['GET', '/contacts/find_by_external_id/m-1'],
			['PUT', `/contacts/${user.id}`, { name: 'Ann', custom_attributes: { member_number: '2' } }],
			['POST', '/contacts/search', search],
			['POST', '/contacts/merge', { from: lead.id, into: user.id }],
			['POST', `/contacts/${doomed.id}/archive`],
			['POST', `/contacts/${doomed.id}/unarchive`],
			['DELETE', `/contacts/${doomed.id}`],
			['GET', `/contacts/${doomed.id}`],
			['POST', `/contacts/${user.id}/notes`, { body: 'Hello' }],
			['POST', '/events', { event_name: 'x', created_at: 1, id: user.id }],
			['GET', '/tags'],
			['POST', '/tags', { name: 'New' }],
			['GET', `/tags/${tag.id}`],
			['DELETE', `/tags/${spare.id}`],
			['DELETE', `/tags/${tag.id}`],
			['GET', `/conversations/${conversation.id}`],
			['PUT', `/conversations/${conversation.id}`, { custom_attributes: { escalated: 'yes' } }],
			['POST', `/conversations/${conversation.id}/tags`, { id: tag.id, admin_id: f.me.id }],
			['DELETE', `/conversations/${conversation.id}/tags/${tag.id}`, { admin_id: f.me.id }],
			['DELETE', `/conversations/${conversation.id}/tags/${tag.id}`, { admin_id: f.me.id }],
			['DELETE', `/conversations/64619799999999/tags/${tag.id}`, { admin_id: f.me.id }],
			['POST', `/conversations/${conversation.id}/reply`, { message_type: 'note', type: 'admin', admin_id: f.me.id, body: 'Hi' }],
			['POST', `/conversations/${conversation.id}/parts`, { message_type: 'assignment', type: 'team', admin_id: f.me.id, assignee_id: team.id }],
			['POST', `/conversations/${conversation.id}/parts`, { message_type: 'snoozed', admin_id: f.me.id, snoozed_until: 1_900_000_000 }],
			['POST', '/conversations/64619799999999/parts', { message_type: 'open', admin_id: f.me.id }],
			['POST', `/contacts/${user.id}/tags`, { id: tag.id }],
			['GET', `/contacts/${user.id}/tags`],
			['GET', '/teams'],
			['GET', '/ticket_types'],
			['GET', `/ticket_types/${type.id}`],
			['POST', '/tickets', { ticket_type_id: type.id, contacts: [{ email: 'ann@example.org' }], ticket_attributes: { todoist_task_id: 'T-1' } }],
			['GET', `/tickets/${ticket.id}`],
			['PUT', `/tickets/${ticket.id}`, { open: false, ticket_attributes: { todoist_task_id: 'T-2' } }],
			['POST', '/tickets/search', { query: { field: 'contact_ids', operator: '=', value: user.id } }],
		];

		const statuses: number[] = [];
		for (const [method, path, body] of calls) statuses.push((await raw(f, method, path, { body })).status);

		expect(statuses).toEqual([
			200, 200, 200, 200, 409, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 202, 200, 200, 200, 200, 400,
			200, 200, 200, 200, 404, 404, 200, 200, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200, 200,
		]);
		expect(f.invalidResponses).toEqual([]);
		// Not vacuous: only answers whose status the contract gives no schema for went unchecked.
		const spec = loadSpec(DEFAULT_SPEC_PATH);
		const unchecked = calls.flatMap(([method, path], index) => {
			const route = matchRoute(spec, method, path);
			const documented = 'operation' in route && route.operation.responseSchemaRefs[String(statuses[index])];
			return documented ? [] : [`${method} ${path} → ${statuses[index]}`];
		});
		expect(unchecked).toEqual([
			'POST /contacts → 409',
			`GET /contacts/${doomed.id} → 404`,
			'POST /events → 202',
			`DELETE /tags/${spare.id} → 200`,
		]);
	});
});
