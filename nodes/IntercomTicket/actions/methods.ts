import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listTicketTypes, readLocator, ticketTypeAttributes } from '../../common/intercom/lists';
import { createIntercomTransport } from '../../common/intercom/transport';

/** Attributes of the chosen ticket type that can hold a reference (text or number, not title or description). */
export async function searchReferenceAttributes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const ticketTypeId = readLocator(this.getCurrentNodeParameter('ticketType')).value;
	if (!ticketTypeId) return { results: [] };
	const types = await listTicketTypes(await createIntercomTransport(this));
	const ticketType = types.find((type) => String(type.id) === ticketTypeId);
	const wanted = filter?.toLowerCase() ?? '';
	const results = ticketTypeAttributes(ticketType)
		.filter((attribute) => ['string', 'integer', 'decimal'].includes(String(attribute.data_type)))
		.filter((attribute) => attribute.name && !attribute.name.startsWith('_default_'))
		.filter((attribute) => (attribute.name as string).toLowerCase().includes(wanted))
		.map((attribute) => ({
			name: attribute.name as string,
			value: attribute.name as string,
			description: attribute.description || undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
