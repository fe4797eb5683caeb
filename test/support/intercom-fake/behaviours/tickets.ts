/** Ticket types and tickets: list, create, update, get, search. */
import { type FieldResolver, runSearch, type SearchField } from '../search';
import { ticketJson, ticketTypeJson } from '../serialize';
import type { Store, StoredTicket } from '../store';
import { badRequest, contractViolation } from '../errors';
import { createTicket, ticket, ticketType, updateTicket } from './ticket-writes';
import { type Behaviours, ok } from './types';

const TICKETS_PER_PAGE = 20;

function ticketFields(store: Store): Record<string, SearchField<StoredTicket>> {
	const field = (kind: SearchField<StoredTicket>['kind'], get: (t: StoredTicket) => unknown) => ({ kind, get });
	const stateOf = (t: StoredTicket) =>
		store.ticketTypes.get(t.ticket_type_id)?.states.find((state) => state.id === t.ticket_state_id)?.category;
	return {
		id: field('string', (t) => t.id),
		created_at: field('date', (t) => t.created_at),
		updated_at: field('date', (t) => t.updated_at),
		title: field('string', (t) => t.ticket_attributes._default_title_),
		description: field('string', (t) => t.ticket_attributes._default_description_),
		ticket_type_id: field('string', (t) => t.ticket_type_id),
		contact_ids: field('string', (t) => t.contact_ids),
		admin_assignee_id: field('string', (t) => t.admin_assignee_id),
		open: field('boolean', (t) => t.open),
		state: field('string', stateOf),
	};
}

/** `ticket_attribute.{id}` names an attribute by its id, as the contract's field table says. */
function ticketFieldResolver(store: Store): FieldResolver<StoredTicket> {
	const fixed = ticketFields(store);
	return (name) => {
		const byAttribute = /^ticket_attribute\.(.+)$/.exec(name);
		if (!byAttribute) return fixed[name];
		const attribute = [...store.ticketTypes.values()]
			.flatMap((type) => type.attributes)
			.find((candidate) => candidate.id === byAttribute[1]);
		return attribute && { kind: 'any', get: (t) => t.ticket_attributes[attribute.name] };
	};
}

export const ticketBehaviours: Behaviours = {
	// An admin's reply (seen by the ticket's contacts) or note; contact replies and quick replies are not modelled.
	'POST /tickets/{ticket_id}/reply': ({ store, params, body }) => {
		if (body.type !== 'admin') throw badRequest('The Intercom fake only takes ticket replies from admins');
		if (body.message_type !== 'comment' && body.message_type !== 'note') throw badRequest('The Intercom fake does not send quick replies');
		if (typeof body.body !== 'string' || body.body.trim() === '') throw contractViolation('body must be present for comment and note message types');
		const found = ticket(store, params.ticket_id);
		const admin = store.admin(body.admin_id);
		const now = store.nowSeconds();
		const reply = { id: store.nextId('part'), ticket_id: found.id, part_type: body.message_type, body: body.body, admin_id: admin.id, created_at: now } as const;
		store.ticketReplies.push(reply);
		found.updated_at = now;
		return ok({
			type: 'ticket_part',
			id: reply.id,
			part_type: reply.part_type,
			body: reply.body,
			created_at: now,
			updated_at: now,
			author: { type: 'admin', id: admin.id, name: admin.name, email: admin.email },
			attachments: [],
			redacted: false,
		});
	},

	'GET /ticket_types': ({ store }) =>
		ok({ type: 'list', data: [...store.ticketTypes.values()].filter((type) => !type.archived).map(ticketTypeJson) }),

	'GET /ticket_types/{ticket_type_id}': ({ store, params }) =>
		ok(ticketTypeJson(ticketType(store, params.ticket_type_id))),

	'POST /tickets': ({ store, config, body }) => {
		const created = createTicket(store, config, body);
		store.indexTicket(created);
		return ok(ticketJson(store, created));
	},

	'GET /tickets/{ticket_id}': ({ store, params }) => ok(ticketJson(store, ticket(store, params.ticket_id))),

	'PUT /tickets/{ticket_id}': ({ store, params, body }) => {
		const updated = updateTicket(store, ticket(store, params.ticket_id), body);
		store.indexTicket(updated);
		return ok(ticketJson(store, updated));
	},

	'POST /tickets/search': ({ store, body }) => {
		const visible = store.ticketIndex.visible(store.clock(), store.searchLagMs);
		const page = runSearch(visible, body, ticketFieldResolver(store), TICKETS_PER_PAGE);
		return ok({
			type: 'ticket.list',
			tickets: page.records.map((one) => ticketJson(store, one)),
			total_count: page.total_count,
			pages: page.pages,
		});
	},
};
