/** Creating and updating tickets against their ticket type's attributes and states. */
import { badRequest, contractViolation, FakeHttpError, notFound } from '../errors';
import type { Store, StoredContact, StoredTicket, StoredTicketType, TicketTypeAttribute } from '../store';
import { createContact } from './contact-writes';
import type { BehaviourConfig } from './types';

type ContactPointer = { id?: string; external_id?: string; email?: string };

const VALUE_CHECKS: Partial<Record<TicketTypeAttribute['data_type'], (value: unknown) => boolean>> = {
	string: (value) => typeof value === 'string',
	list: (value) => typeof value === 'string',
	integer: (value) => Number.isInteger(value),
	decimal: (value) => typeof value === 'number',
	boolean: (value) => typeof value === 'boolean',
};

export function ticketType(store: Store, id: string): StoredTicketType {
	const found = store.ticketTypes.get(id);
	if (!found) throw notFound('Ticket type not found');
	return found;
}

export function ticket(store: Store, id: string): StoredTicket {
	const found = store.tickets.get(id);
	if (!found) throw notFound('Ticket not found', 'ticket_not_found');
	return found;
}

function checkAttributes(type: StoredTicketType, values: Record<string, unknown>): void {
	for (const [name, value] of Object.entries(values)) {
		const attribute = type.attributes.find((candidate) => candidate.name === name);
		if (!attribute) throw badRequest(`${name} is not an attribute of the ticket type ${type.name}`);
		const fits = VALUE_CHECKS[attribute.data_type];
		if (value !== null && fits && !fits(value)) {
			throw badRequest(`${name} takes a ${attribute.data_type} value`);
		}
	}
}

/** A ticket's contact: by id or external id it must exist; by email it is created as a lead when missing. */
function resolveContact(store: Store, config: BehaviourConfig, pointer: ContactPointer): StoredContact {
	if (pointer.id) return store.liveContact(pointer.id);
	if (pointer.external_id) {
		const found = store.contactWithExternalId(pointer.external_id);
		if (!found || found.archived) throw notFound('User Not Found');
		return found;
	}
	const matches = store.contactsWithEmail(pointer.email ?? '').filter((contact) => !contact.archived);
	const existing = matches.find((contact) => contact.role === 'user') ?? matches[0];
	if (existing) return existing;
	const lead = createContact(store, config, { role: 'lead', email: pointer.email });
	store.indexContact(lead);
	return lead;
}

export interface TicketInput {
	ticket_type_id: string;
	contacts: ContactPointer[];
	ticket_attributes?: Record<string, unknown>;
	created_at?: number;
	assignment?: { admin_assignee_id?: string };
}

/** The fields `create_ticket_request` defines; the contract has no way to create a closed ticket. */
const CREATE_FIELDS = new Set([
	'ticket_type_id',
	'contacts',
	'conversation_to_link_id',
	'company_id',
	'created_at',
	'ticket_attributes',
	'assignment',
]);

export function createTicket(store: Store, config: BehaviourConfig, input: TicketInput): StoredTicket {
	// ajv lets unknown fields through (the schema does not close them); a client relying on one, such as
	// `open: false`, would believe it had made a closed ticket.
	const unknown = Object.keys(input).filter((field) => !CREATE_FIELDS.has(field));
	if (unknown.length > 0) {
		throw contractViolation(`The create ticket request has no field ${unknown.join(', ')}`);
	}
	const type = ticketType(store, input.ticket_type_id);
	if (input.contacts.length !== 1) throw contractViolation('A ticket takes exactly one contact');
	const attributes = input.ticket_attributes ?? {};
	checkAttributes(type, attributes);
	const missing = type.attributes.filter(
		(attribute) => attribute.required_to_create && (attributes[attribute.name] ?? '') === '',
	);
	if (missing.length > 0) {
		throw badRequest(`Missing required ticket attributes: ${missing.map((attribute) => attribute.name).join(', ')}`);
	}
	if (input.assignment?.admin_assignee_id) store.admin(input.assignment.admin_assignee_id);
	const contact = resolveContact(store, config, input.contacts[0]);
	const now = store.nowSeconds();
	const created: StoredTicket = {
		id: store.nextId('ticket'),
		ticket_id: store.nextId('ticket_public'),
		ticket_type_id: type.id,
		contact_ids: [contact.id],
		ticket_attributes: { ...attributes },
		ticket_state_id: type.states[0].id,
		open: true,
		is_shared: false,
		admin_assignee_id: input.assignment?.admin_assignee_id ?? null,
		created_at: input.created_at ?? now,
		updated_at: now,
	};
	store.tickets.set(created.id, created);
	return created;
}

export interface TicketUpdate {
	ticket_attributes?: Record<string, unknown>;
	ticket_state_id?: string;
	open?: boolean;
	is_shared?: boolean;
	admin_id?: number;
	assignee_id?: string;
}

export function updateTicket(store: Store, found: StoredTicket, input: TicketUpdate): StoredTicket {
	const type = ticketType(store, found.ticket_type_id);
	checkAttributes(type, input.ticket_attributes ?? {});
	if (input.admin_id !== undefined) store.admin(String(input.admin_id));
	if (input.ticket_state_id !== undefined && !type.states.some((state) => state.id === input.ticket_state_id)) {
		throw new FakeHttpError(
			400,
			'ticket_state_id_invalid',
			'Ticket state id is not valid or is not associated with the ticket type.',
		);
	}
	if (input.assignee_id !== undefined && input.assignee_id !== '0') store.admin(input.assignee_id);
	Object.assign(found.ticket_attributes, input.ticket_attributes ?? {});
	if (input.ticket_state_id !== undefined) found.ticket_state_id = input.ticket_state_id;
	if (input.open !== undefined) found.open = input.open;
	if (input.is_shared !== undefined) found.is_shared = input.is_shared;
	if (input.assignee_id !== undefined) found.admin_assignee_id = input.assignee_id === '0' ? null : input.assignee_id;
	found.updated_at = store.nowSeconds();
	return found;
}
