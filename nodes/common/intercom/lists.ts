import type { Intercom } from 'intercom-client';
import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { createIntercomTransport } from './transport';
import type { IntercomTransport } from './transport';

/** The remote lists the nodes offer (tags, admins, teams, ticket types), fetched through the one transport. */

export async function listTags(transport: IntercomTransport): Promise<Intercom.Tag[]> {
	const list = await transport.call('list tags', async (client, options) => await client.tags.list(options));
	return list.data ?? [];
}

async function listAdmins(transport: IntercomTransport): Promise<Intercom.Admin[]> {
	const list = await transport.call('list admins', async (client, options) => await client.admins.list(options));
	return (list.admins ?? []).filter((admin): admin is Intercom.Admin => admin !== undefined);
}

async function listTeams(transport: IntercomTransport): Promise<Intercom.Team[]> {
	const list = await transport.call('list teams', async (client, options) => await client.teams.list(options));
	return (list.teams ?? []).filter((team): team is Intercom.Team => team !== undefined);
}

/** The admin who owns the access token (GET /me). */
export async function identifyTokenOwner(transport: IntercomTransport): Promise<string | undefined> {
	const me = await transport.call('identify the token’s admin', async (client, options) =>
		await client.admins.identify(options),
	);
	return me?.id === undefined || me.id === null ? undefined : String(me.id);
}

export async function listTicketTypes(transport: IntercomTransport): Promise<Intercom.TicketType[]> {
	const list = await transport.call('list ticket types', async (client, options) =>
		await client.ticketTypes.list(options),
	);
	return (list.data ?? []).filter((type): type is Intercom.TicketType => type !== undefined);
}

export type TicketTypeAttribute = Intercom.TicketTypeAttribute;

/** Attributes of a ticket type; the API has shipped them as `data` and as `ticket_type_attributes`. */
export function ticketTypeAttributes(ticketType: Intercom.TicketType | undefined): TicketTypeAttribute[] {
	const holder = ticketType?.ticket_type_attributes as
		| { data?: Array<TicketTypeAttribute | undefined>; ticket_type_attributes?: Array<TicketTypeAttribute | undefined> }
		| undefined;
	const attributes = holder?.ticket_type_attributes ?? holder?.data ?? [];
	return attributes.filter((attribute): attribute is TicketTypeAttribute => attribute !== undefined && !attribute.archived);
}

const matches = (name: string | undefined, filter?: string) =>
	!filter || (name ?? '').toLowerCase().includes(filter.toLowerCase());

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

async function transportFor(context: ILoadOptionsFunctions) {
	return await createIntercomTransport(context);
}

/** List-search and load-options methods, shared by the nodes that need them. */
export async function searchTags(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const tags = await listTags(await transportFor(this));
	return {
		results: tags
			.filter((tag) => matches(tag.name, filter))
			.map((tag) => ({ name: tag.name, value: tag.id }))
			.sort(byName),
	};
}

export async function searchTicketTypes(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const types = await listTicketTypes(await transportFor(this));
	return {
		results: types
			.filter((type) => type.id !== undefined && !type.archived && matches(type.name, filter))
			.map((type) => ({ name: type.name ?? String(type.id), value: String(type.id) }))
			.sort(byName),
	};
}

export async function getAdmins(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const admins = await listAdmins(await transportFor(this));
	return admins
		.map((admin) => ({ name: admin.email ? `${admin.name} (${admin.email})` : admin.name, value: String(admin.id) }))
		.sort(byName);
}

export async function getTeams(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const teams = await listTeams(await transportFor(this));
	return teams
		.filter((team) => team.id !== undefined)
		.map((team) => ({ name: team.name ?? String(team.id), value: String(team.id) }))
		.sort(byName);
}

/** A resource locator's value; n8n hands over `{ __rl, mode, value }`, or a plain string from older JSON. */
export function readLocator(raw: unknown): { mode: string; value: string } {
	if (raw && typeof raw === 'object') {
		const locator = raw as { mode?: unknown; value?: unknown };
		return { mode: String(locator.mode ?? 'id'), value: String(locator.value ?? '').trim() };
	}
	return { mode: 'id', value: String(raw ?? '').trim() };
}
