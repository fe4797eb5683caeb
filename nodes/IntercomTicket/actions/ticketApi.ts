import type { Intercom } from 'intercom-client';
import type { IDataObject } from 'n8n-workflow';
import { ApplicationError } from 'n8n-workflow';

import { sleep } from '../../common/concurrency';
import { RecentReads } from '../../common/recentReads';

import type { TicketTypeAttribute } from '../../common/intercom/lists';
import { listTicketTypes, ticketTypeAttributes } from '../../common/intercom/lists';
import type { IntercomSession } from '../../common/intercom/session';
import type { CallResult, IntercomTransport } from '../../common/intercom/transport';
import { unwrap } from '../../common/intercom/transport';

export type Ticket = Intercom.Ticket;

export type TicketContact = { id: string } | { email: string } | { external_id: string };

/**
 * Ticket types change rarely; a busy escalation flow reuses the list for a minute instead of reading it on every
 * execution. A type or attribute it does not find is looked up afresh before the node gives up.
 */
const TICKET_TYPES_REUSE_MS = 60_000;
const recentTicketTypes = new RecentReads<Intercom.TicketType[]>(TICKET_TYPES_REUSE_MS);

/** The ticket type's attribute with this name (case-insensitive). */
export async function findTicketAttribute(
	session: IntercomSession,
	ticketTypeId: string,
	attributeName: string,
): Promise<{ ticketType?: Intercom.TicketType; attribute?: TicketTypeAttribute }> {
	const wanted = attributeName.toLowerCase();
	const pick = (types: Intercom.TicketType[]) => {
		const ticketType = types.find((type) => String(type.id) === ticketTypeId);
		const attribute = ticketTypeAttributes(ticketType).find((candidate) => candidate.name?.toLowerCase() === wanted);
		return { ticketType, attribute };
	};
	const listed = async () => await listTicketTypes(session.transport);
	const found = pick(await session.once('ticketTypes', async () => await recentTicketTypes.get(session.workspace, listed)));
	if (found.attribute) return found;
	const fresh = await session.once('ticketTypes, read again', async () => {
		const types = await listed();
		recentTicketTypes.set(session.workspace, types);
		return types;
	});
	return pick(fresh);
}


/** Tickets of one type whose reference attribute holds `value`, oldest first. */
export async function searchTicketsByReference(
	transport: IntercomTransport,
	ticketTypeId: string,
	attribute: TicketTypeAttribute,
	value: string | number,
): Promise<Ticket[]> {
	const response = await transport.call(`search tickets by ${attribute.name} ${value}`, async (client, options) => {
		const page = await client.tickets.search(
			{
				query: {
					operator: 'AND',
					value: [
						{ field: 'ticket_type_id', operator: '=', value: ticketTypeId },
						{ field: `ticket_attribute.${attribute.id}`, operator: '=', value: String(value) },
					],
				},
				pagination: { per_page: 20 },
			},
			options,
		);
		return page.response;
	});
	const tickets = (response.tickets ?? []).filter((ticket): ticket is Ticket => ticket !== undefined);
	// Re-check the value ourselves: a search is a filter we do not control.
	return tickets
		.filter((ticket) => String((ticket.ticket_attributes as IDataObject)?.[attribute.name ?? ''] ?? '') === String(value))
		.sort((a, b) => (a.created_at ?? 0) - (b.created_at ?? 0));
}

/** Creates a ticket; not retried after a 5xx or timeout (it may exist already), see `createOrUpdate`. */
async function createTicket(
	transport: IntercomTransport,
	ticketTypeId: string,
	contact: TicketContact,
	attributes: IDataObject,
): Promise<CallResult<Ticket | undefined>> {
	return await transport.attempt(
		'create the ticket',
		async (client, options) =>
			await client.tickets.create(
				{ ticket_type_id: ticketTypeId, contacts: [contact], ticket_attributes: attributes } as Intercom.CreateTicketRequest,
				options,
			),
		{ repeatable: false },
	);
}

/** Looks for the ticket again after a failed create: 5xx or timeout may come after Intercom made it. */
const LOOK_AGAIN_AFTER_MS = [0, 1_000, 3_000];

/**
 * Creates the ticket that carries the reference. When the create fails in a way that may have left a
 * ticket behind (server error, timeout, lost connection), searches for it before creating once more,
 * so a retry does not make a second ticket.
 */
export async function createTicketOnce(
	transport: IntercomTransport,
	request: { ticketTypeId: string; contact: TicketContact; attributes: IDataObject },
	reference: { attribute: TicketTypeAttribute; value: string | number },
	signal?: AbortSignal,
): Promise<{ ticket: Ticket; foundAfterFailure: boolean }> {
	const create = async () => await createTicket(transport, request.ticketTypeId, request.contact, request.attributes);
	let created = await create();
	if ('failure' in created && ['server', 'timeout', 'network'].includes(created.failure.kind)) {
		for (const waitMs of LOOK_AGAIN_AFTER_MS) {
			await sleep(waitMs, signal);
			const [existing] = await searchTicketsByReference(transport, request.ticketTypeId, reference.attribute, reference.value);
			if (existing) return { ticket: existing, foundAfterFailure: true };
		}
		created = await create();
	}
	const ticket = unwrap(created);
	if (!ticket) throw new ApplicationError('Intercom answered the ticket creation without a ticket');
	return { ticket, foundAfterFailure: false };
}

/**
 * Updates the ticket's attributes and, when `open` is given, opens or closes it in the same request.
 * `action` names the call in error messages when it is not a plain update.
 */
export async function updateTicket(
	transport: IntercomTransport,
	ticketId: string,
	change: { attributes?: IDataObject; open?: boolean },
	action = `update ticket ${ticketId}`,
) {
	const request: Intercom.UpdateTicketRequest = { ticket_id: ticketId };
	if (change.attributes) request.ticket_attributes = change.attributes;
	if (change.open !== undefined) request.open = change.open;
	const ticket = await transport.call(action, async (client, options) => await client.tickets.update(request, options));
	if (!ticket) throw new ApplicationError(`Intercom answered the update of ticket ${ticketId} without a ticket`);
	return ticket;
}

/** One ticket by its id, for its current state. */
export async function getTicket(transport: IntercomTransport, ticketId: string): Promise<Ticket> {
	const ticket = await transport.call(`get ticket ${ticketId}`, async (client, options) => await client.tickets.get({ ticket_id: ticketId }, options));
	if (!ticket) throw new ApplicationError(`Intercom answered the request for ticket ${ticketId} without a ticket`);
	return ticket;
}
