import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { SEARCH_PAGE_SIZE, searchContactPage } from './contactApi';
import type { ContactSearchFilters } from './contactSearchQuery';
import { contactSearchQuery, describeFilters, MAX_FILTERS, searchFilters } from './contactSearchQuery';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only contacts that match every filter added here. Without filters, every contact.',
		options: [
			{
				displayName: 'Email Domain',
				name: 'emailDomain',
				type: 'string',
				default: '',
				placeholder: 'example.org',
				description: 'Only contacts whose email address ends in @ this domain',
			},
			{
				displayName: 'Has Custom Attributes',
				name: 'hasAttributes',
				type: 'string',
				default: '',
				placeholder: 'member_number',
				description: 'Only contacts where each of these custom attributes has a value. Separate several names with commas.',
			},
			{
				displayName: 'Missing Custom Attributes',
				name: 'missingAttributes',
				type: 'string',
				default: '',
				placeholder: 'member_number',
				description: 'Only contacts where each of these custom attributes is empty. Separate several names with commas.',
			},
			{
				displayName: 'Only With Email',
				name: 'withEmail',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out contacts that have no email address',
			},
			{
				displayName: 'Role',
				name: 'role',
				type: 'options',
				default: 'any',
				options: [
					{ name: 'Any', value: 'any', description: 'Users and leads' },
					{ name: 'Lead', value: 'lead' },
					{ name: 'User', value: 'user' },
				],
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description:
					'Only contacts changed on this day or later. Intercom compares whole days in your workspace’s time zone, so the time of day is ignored.',
			},
		],
	},
	optionsCollection([
		{
			displayName: 'One Item per Page',
			name: 'outputPages',
			type: 'boolean',
			default: false,
			description:
				'Whether to output one item per page of contacts (its contacts, their count and the Next Page Cursor) instead of one item per contact. For working through many contacts a page at a time.',
		},
		{
			displayName: 'Start After Cursor',
			name: 'startAfter',
			type: 'string',
			default: '',
			description:
				'The Next Page Cursor an earlier Get Many gave (with One Item per Page), to go on where it stopped. Keep Limit the same as then. Leave empty to start at the first contact.',
		},
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['getMany'] } }, properties);

/**
 * Every contact the filters find, or the first `limit`; one output item each (or one per page), paired with
 * this input item.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const filters = readFilters(this, itemIndex);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : Math.max(1, Math.floor(Number(this.getNodeParameter('limit', itemIndex, 50))));
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const query = contactSearchQuery(filters);
	const what = describeFilters(filters);
	const logPrefix = `Intercom Contact "${this.getNode().name}", item ${itemIndex}`;
	// One page size throughout: Intercom hands each cursor out with the page size it belongs to (pages.next.per_page).
	const perPage = Math.min(SEARCH_PAGE_SIZE, limit);

	const pages: ContactPage[] = [];
	let listed = 0;
	let cursor = String(options.startAfter ?? '').trim() || undefined;
	do {
		const page = await searchContactPage(session.transport, query, { perPage, startingAfter: cursor }, `list ${what}`);
		const contacts = page.contacts.slice(0, limit - listed) as unknown as IDataObject[];
		listed += contacts.length;
		this.logger.debug(`${logPrefix}: page ${pages.length + 1}, ${listed} of ${page.totalCount ?? '?'} ${what}`);
		if (page.next !== undefined && page.next === cursor) {
			throw new NodeOperationError(this.getNode(), `Intercom answered the same page twice while listing ${what}`, {
				itemIndex,
				description: 'Stopped so as not to loop forever. Try again; if it repeats, narrow the filters.',
			});
		}
		cursor = page.next;
		pages.push({ contacts, count: contacts.length, totalCount: page.totalCount ?? null, nextPageCursor: cursor ?? null });
	} while (cursor && listed < limit);
	this.logger.info(`${logPrefix}: listed ${listed} ${what} in ${pages.length} page(s)${cursor ? ', more to come' : ''}`);
	return options.outputPages === true ? (pages as unknown as IDataObject[]) : pages.flatMap((page) => page.contacts);
}

interface ContactPage {
	contacts: IDataObject[];
	count: number;
	/** How many contacts the search finds in all, as Intercom counts them. */
	totalCount: number | null;
	/** Where the next page starts (Start After Cursor), or null after the last page. */
	nextPageCursor: string | null;
}

function readFilters(context: IExecuteFunctions, itemIndex: number): ContactSearchFilters {
	const raw = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const fail = (message: string, description?: string) =>
		new NodeOperationError(context.getNode(), message, { itemIndex, description });
	const names = (value: unknown) =>
		String(value ?? '')
			.split(',')
			.map((name) => name.trim())
			.filter(Boolean);
	const domain = String(raw.emailDomain ?? '').trim().replace(/^@/, '').toLowerCase();
	if (/[@\s]/.test(domain)) throw fail(`"${raw.emailDomain}" is not an email domain`, 'Enter only the part after the @, such as example.org.');
	const filters: ContactSearchFilters = {
		...(raw.role === 'user' || raw.role === 'lead' ? { role: raw.role } : {}),
		hasAttributes: names(raw.hasAttributes),
		missingAttributes: names(raw.missingAttributes),
		withEmail: raw.withEmail === true,
		...(domain ? { emailDomain: domain } : {}),
		...(raw.updatedSince ? { updatedSince: calendarDay(raw.updatedSince, fail) } : {}),
	};
	const count = searchFilters(filters).length;
	if (count > MAX_FILTERS) throw fail(`Intercom allows at most ${MAX_FILTERS} filters in one search; these are ${count}`);
	return filters;
}

/**
 * The calendar day a date parameter names, as `YYYY-MM-DD`. A text that starts with a date keeps that date
 * (n8n's date picker sends local times without a zone); anything else is read as a moment, in UTC.
 */
function calendarDay(value: unknown, fail: (message: string, description?: string) => Error): string {
	// An expression may hand over a Luxon DateTime or a Date instead of text.
	let text = String(value).trim();
	if (value instanceof Date) text = value.toISOString();
	else if (typeof value === 'object' && value !== null && 'toISO' in value) text = String((value as { toISO(): unknown }).toISO());
	const written = /^(\d{4}-\d{2}-\d{2})/.exec(text);
	if (written && !Number.isNaN(Date.parse(written[1]))) return written[1];
	const moment = Date.parse(text);
	if (Number.isNaN(moment)) throw fail(`"${text}" is not a date`, 'Enter a date such as 2026-12-01 in Updated Since.');
	return new Date(moment).toISOString().slice(0, 10);
}
