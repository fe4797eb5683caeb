import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionalText, readAttributeMap } from '../../common/attributes';
import { readContactReference } from '../../common/intercom/contactReference';
import { readLocator, ticketTypeAttributes } from '../../common/intercom/lists';
import type { TicketTypeAttribute } from '../../common/intercom/lists';
import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { withEchoMarked, type SyncChange } from '../../common/syncEchoes';
import type { Ticket, TicketContact } from './ticketApi';
import { createTicketOnce, findTicketAttribute, getTicket, searchTicketsByReference, updateTicket } from './ticketApi';
import { EXTRA_ATTRIBUTE_FIELDS, ticketOptions, ticketProperties } from './ticketProperties';
import { openFlag, readTicketState } from './ticketState';

export const description = updateDisplayOptions({ show: { operation: ['createOrUpdate'] } }, [
	...ticketProperties,
	optionsCollection(ticketOptions),
] as INodeProperties[]);

interface TicketInput {
	ticketTypeId: string;
	referenceName: string;
	referenceValue: string;
	contact: TicketContact;
	/** Title, description and extra attributes, keyed as Intercom expects. */
	attributes: IDataObject;
	/** true to open, false to close, undefined to leave the ticket's state alone. */
	open?: boolean;
	/** Mark a state change so the Intercom Trigger ignores its webhook (the change comes from Todoist). */
	dontEchoBack: boolean;
}

function readInput(context: IExecuteFunctions, itemIndex: number): TicketInput {
	const ticketTypeId = readLocator(context.getNodeParameter('ticketType', itemIndex)).value;
	if (!ticketTypeId) throw new NodeOperationError(context.getNode(), 'Choose the ticket type', { itemIndex });
	const referenceName = readLocator(context.getNodeParameter('referenceAttribute', itemIndex)).value;
	const referenceValue = optionalText(context, 'referenceValue', itemIndex);
	if (!referenceName || !referenceValue) {
		throw new NodeOperationError(context.getNode(), 'Choose the reference attribute and enter the reference value', {
			itemIndex,
			description: 'The reference (for example the Todoist task ID) is how the node finds the ticket it made before.',
		});
	}
	const contact = readContactReference(context, itemIndex) as TicketContact;
	const attributes = readAttributeMap(context, itemIndex, EXTRA_ATTRIBUTE_FIELDS);
	const title = optionalText(context, 'title', itemIndex);
	const ticketDescription = optionalText(context, 'description', itemIndex);
	if (title) attributes._default_title_ = title;
	if (ticketDescription) attributes._default_description_ = ticketDescription;
	const open = openFlag(readTicketState(context, itemIndex));
	const dontEchoBack = context.getNodeParameter('options.dontEchoBack', itemIndex, false) === true;
	return { ticketTypeId, referenceName, referenceValue, contact, attributes, open, dontEchoBack };
}

/** The state change a write makes, as the echo mark names it; none when the ticket already is so. */
function stateChange(ticketId: string, wasOpen: boolean | undefined, open: boolean | undefined): SyncChange | undefined {
	if (open === undefined || wasOpen === open) return undefined;
	return { service: 'intercom', object: 'ticket', id: ticketId, change: open ? 'opened' : 'closed' };
}

/**
 * Text typed into n8n for a number or true/false attribute, as the attribute's own type. Values that do
 * not fit are left alone for Intercom to reject with its own message.
 */
function asAttributeType(attribute: TicketTypeAttribute | undefined, value: unknown): unknown {
	if (typeof value !== 'string' || !attribute) return value;
	const text = value.trim();
	if (attribute.data_type === 'integer' && /^-?\d+$/.test(text)) return Number(text);
	if (attribute.data_type === 'decimal' && text !== '' && Number.isFinite(Number(text))) return Number(text);
	if (attribute.data_type === 'boolean' && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
	return value;
}

function typedAttributes(attributes: IDataObject, known: TicketTypeAttribute[]): IDataObject {
	const byName = new Map(known.map((attribute) => [attribute.name, attribute]));
	return Object.fromEntries(
		Object.entries(attributes).map(([name, value]) => [name, asAttributeType(byName.get(name), value) as IDataObject[string]]),
	);
}

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const input = readInput(this, itemIndex);
	const { attribute, ticketType } = await findTicketAttribute(session, input.ticketTypeId, input.referenceName);
	if (!attribute?.id || !attribute.name) {
		const typeName = ticketType?.name ? `"${ticketType.name}"` : input.ticketTypeId;
		throw new NodeOperationError(this.getNode(), `Ticket type ${typeName} has no attribute "${input.referenceName}"`, {
			itemIndex,
			description: 'Add a text attribute for the reference to the ticket type in Intercom (Settings → Tickets), then pick it here.',
		});
	}
	const reference = asAttributeType(attribute, input.referenceValue) as string | number;
	const attributes = typedAttributes(input.attributes, ticketTypeAttributes(ticketType));
	const memoryKey = `ticket:${input.ticketTypeId}:${attribute.name}:${input.referenceValue}`;

	// One reference at a time, across items, executions and n8n processes, so nobody else can create a ticket for
	// it between our search and our create; the id is remembered because Intercom's search lags its writes.
	return await session.withRecord(memoryKey, async (lease) => {
		const rememberedId = await session.recallId(memoryKey);
		const found = rememberedId
			? [{ id: rememberedId }]
			: await searchTicketsByReference(session.transport, input.ticketTypeId, attribute, reference);
		const notes: string[] = [];
		if (found.length > 1) {
			notes.push(`${found.length} tickets carry ${attribute.name} ${input.referenceValue}; updated the oldest.`);
		}
		if (found.length > 0) {
			// The state before the write says whether this run changes it (remembered ids come without one).
			const before: Partial<Ticket> =
				input.open !== undefined && typeof (found[0] as Partial<Ticket>).open !== 'boolean' ? await getTicket(session.transport, found[0].id) : found[0];
			const change = stateChange(found[0].id, before.open, input.open);
			const ticket = await withEchoMarked(input.dontEchoBack ? change : undefined, async () =>
				await updateTicket(session.transport, found[0].id, { attributes, open: input.open }),
			);
			await session.rememberId(memoryKey, ticket.id);
			return { ...(ticket as unknown as IDataObject), action: 'updated', stateChanged: change?.change ?? null, notes };
		}
		// Only under the lock may a ticket be created: one that lapsed would let a second execution create too.
		lease.assertHeld();
		const { ticket, foundAfterFailure } = await createTicketOnce(
			session.transport,
			{ ticketTypeId: input.ticketTypeId, contact: input.contact, attributes: { ...attributes, [attribute.name as string]: reference } },
			{ attribute, value: reference },
			this.getExecutionCancelSignal(),
		);
		if (foundAfterFailure) notes.push('Intercom reported an error while creating the ticket, but had created it.');
		await session.rememberId(memoryKey, ticket.id);
		// Intercom's create request has no open/closed field and every new ticket starts open, so
		// closing one takes a second request. If it fails, the next run finds the ticket and closes it.
		const closing = input.open === false && ticket.open !== false ? stateChange(ticket.id, true, false) : undefined;
		const final = closing
			? await withEchoMarked(input.dontEchoBack ? closing : undefined, async () =>
					await updateTicket(session.transport, ticket.id, { open: false }, `close the new ticket ${ticket.id}`),
				)
			: ticket;
		return { ...(final as unknown as IDataObject), action: 'created', stateChanged: closing?.change ?? null, notes };
	});
}
