import type { IDataObject } from 'n8n-workflow';

import { IntercomContact } from '../../nodes/IntercomContact/IntercomContact.node';
import type { StoredContact } from '../support/intercom-fake';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters, RunOptions } from '../support/intercomNodeRunner';
import { executeContext, pairedIndexes } from '../support/intercomNodeRunner';
import { executeNode } from '../support/intercomNodeParameters';

const node = new IntercomContact();
const intercom = useIntercomFake({ customAttributes: ['member_number', 'region'] });

async function run(parameters: Parameters | ((itemIndex: number) => Parameters), options: Partial<RunOptions> = {}) {
	const withOperation = (itemIndex: number) => ({
		operation: 'getMany',
		...(typeof parameters === 'function' ? parameters(itemIndex) : parameters),
	});
	const context = executeContext(intercom.fake, { parameters: withOperation, continueOnFail: true, ...options });
	return { ...(await executeNode(node, context)), logger: context.logger };
}

const ids = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.id);
const searches = () => intercom.fake.requests.filter((request) => request.path === '/contacts/search');
const searchBody = (index = 0) => searches()[index].body as { query: unknown; pagination: { per_page: number; starting_after?: string } };

function seedUsers(count: number): StoredContact[] {
	return Array.from({ length: count }, (_, index) => intercom.fake.seed.user({ email: `member${index}@example.org` }));
}

describe('Intercom Contact › Get Many › pages', () => {
	it('Return All follows the cursor to the last page: 400 contacts in 3 requests of 150', async () => {
		const seeded = seedUsers(400);
		const { successes, logger } = await run({ returnAll: true });

		expect(ids(successes)).toEqual(seeded.map((contact) => contact.id));
		expect(searches()).toHaveLength(3);
		expect(searches().map((request) => (request.body as { pagination: { per_page: number } }).pagination.per_page)).toEqual([150, 150, 150]);
		expect(searchBody(0).pagination.starting_after).toBeUndefined();
		expect(searchBody(1).pagination.starting_after).toEqual(expect.any(String));
		expect(searchBody(2).pagination.starting_after).not.toBe(searchBody(1).pagination.starting_after);
		const pageLines = (logger.debug as jest.Mock).mock.calls.filter(([line]) => / page \d+, /.test(String(line)));
		expect(pageLines).toHaveLength(3);
		expect(logger.info).toHaveBeenCalledWith('Intercom Contact "Intercom", item 0: listed 400 contacts in 3 page(s)');
	});

	it('Limit 170 gives the first 170 contacts from 2 requests', async () => {
		const seeded = seedUsers(400);
		const { successes } = await run({ returnAll: false, limit: 170 });

		expect(ids(successes)).toEqual(seeded.slice(0, 170).map((contact) => contact.id));
		expect(searches()).toHaveLength(2);
		expect(searchBody(1).pagination.per_page).toBe(150);
	});

	it('without a Limit set, returns 50 (one request of 50)', async () => {
		seedUsers(60);
		const { successes } = await run({});

		expect(successes).toHaveLength(50);
		expect(searches()).toHaveLength(1);
		expect(searchBody().pagination.per_page).toBe(50);
	});

	it('stops when the contacts run out before the Limit', async () => {
		seedUsers(3);
		const { successes } = await run({ limit: 10 });

		expect(successes).toHaveLength(3);
		expect(searches()).toHaveLength(1);
	});

	it('One Item per Page with Start After Cursor works through 320 contacts a page per run, ending on a null cursor', async () => {
		const seeded = seedUsers(320);
		const pages: IDataObject[] = [];
		let cursor = '';
		for (let run_ = 0; run_ < 5; run_++) {
			const before = searches().length;
			const { successes } = await run({ limit: 150, options: { outputPages: true, startAfter: cursor } });
			expect(successes).toHaveLength(1);
			expect(searches().length - before).toBe(1);
			pages.push(successes[0].json);
			cursor = (successes[0].json.nextPageCursor as string | null) ?? '';
			if (!cursor) break;
		}

		expect(pages.map((page) => page.count)).toEqual([150, 150, 20]);
		expect(pages.flatMap((page) => (page.contacts as IDataObject[]).map((contact) => contact.id))).toEqual(seeded.map((contact) => contact.id));
		expect(pages.map((page) => page.totalCount)).toEqual([320, 320, 320]);
		expect(pages.at(-1)!.nextPageCursor).toBeNull();
	});

	it('no contact found: no output for that item, no error', async () => {
		const { items } = await run({ filters: { role: 'lead' } });
		expect(items).toEqual([]);
	});
});

describe('Intercom Contact › Get Many › filters', () => {
	const day = (iso: string) => Date.parse(iso) / 1000;
	let contacts: Record<string, StoredContact>;

	beforeEach(() => {
		const seed = intercom.fake.seed;
		contacts = {
			member: seed.user({ email: 'ann@example.org', custom_attributes: { member_number: '100' }, created_at: day('2026-11-29T23:59:59Z') }),
			memberAtOther: seed.user({ email: 'bob@other.net', custom_attributes: { member_number: 200 }, created_at: day('2026-11-30T00:00:00Z') }),
			userWithout: seed.user({ email: 'cy@EXAMPLE.org', custom_attributes: { region: 'GL' }, created_at: day('2026-12-02T10:00:00Z') }),
			lead: seed.lead({ email: 'dee@example.org', custom_attributes: { member_number: null }, created_at: day('2026-11-01T00:00:00Z') }),
			noEmail: seed.lead({ name: 'No Email', created_at: day('2026-11-01T00:00:00Z') }),
		};
	});

	const empty = null;
	it.each([
		['role', { role: 'user' }, { field: 'role', operator: '=', value: 'user' }, ['member', 'memberAtOther', 'userWithout']],
		['any role', { role: 'any' }, { field: 'role', operator: 'IN', value: ['user', 'lead'] }, ['member', 'memberAtOther', 'userWithout', 'lead', 'noEmail']],
		[
			'has a custom attribute',
			{ hasAttributes: 'member_number' },
			{ field: 'custom_attributes.member_number', operator: '!=', value: empty },
			['member', 'memberAtOther'],
		],
		[
			'has not a custom attribute',
			{ missingAttributes: ' member_number ' },
			{ field: 'custom_attributes.member_number', operator: '=', value: empty },
			['userWithout', 'lead', 'noEmail'],
		],
		['with an email', { withEmail: true }, { field: 'email', operator: '~', value: '@' }, ['member', 'memberAtOther', 'userWithout', 'lead']],
		['email domain', { emailDomain: '@Example.ORG' }, { field: 'email_domain', operator: '=', value: 'example.org' }, ['member', 'userWithout', 'lead']],
		[
			'updated since a day (from its midnight)',
			{ updatedSince: '2026-11-30T15:00:00' },
			{ field: 'updated_at', operator: '>', value: day('2026-11-29T12:00:00Z') },
			['memberAtOther', 'userWithout'],
		],
	])('%s', async (_case, filters, query, expected) => {
		const { successes } = await run({ returnAll: true, filters });

		expect(searchBody().query).toEqual(query);
		expect(ids(successes)).toEqual(expected.map((name) => contacts[name].id));
	});

	it('several filters go in one AND group', async () => {
		const { successes } = await run({
			returnAll: true,
			filters: { role: 'user', hasAttributes: 'member_number, region', emailDomain: 'example.org', withEmail: false },
		});

		expect(searchBody().query).toEqual({
			operator: 'AND',
			value: [
				{ field: 'role', operator: '=', value: 'user' },
				{ field: 'custom_attributes.member_number', operator: '!=', value: null },
				{ field: 'custom_attributes.region', operator: '!=', value: null },
				{ field: 'email_domain', operator: '=', value: 'example.org' },
			],
		});
		expect(successes).toEqual([]);
	});

	it('an Updated Since that is not a date is an error on the item, before any request', async () => {
		const { errors } = await run({ filters: { updatedSince: 'last week' } });
		expect(errors[0].json.error).toBe('"last week" is not a date');
		expect(intercom.fake.requests).toHaveLength(0);
	});

	it('more filters than Intercom allows are refused before any request', async () => {
		const names = Array.from({ length: 16 }, (_, index) => `attribute_${index}`).join(',');
		const { errors } = await run({ filters: { hasAttributes: names } });
		expect(errors[0].json.error).toBe('Intercom allows at most 15 filters in one search; these are 16');
		expect(intercom.fake.requests).toHaveLength(0);
	});
});

describe('Intercom Contact › Get Many › items and errors', () => {
	it('pairs every contact with the input item that asked for it', async () => {
		const user = intercom.fake.seed.user({ email: 'u@example.org' });
		const leads = [intercom.fake.seed.lead({ email: 'l1@example.org' }), intercom.fake.seed.lead({ email: 'l2@example.org' })];
		const { successes } = await run((itemIndex) => ({ returnAll: true, filters: { role: itemIndex === 0 ? 'lead' : 'user' } }), { items: 2 });

		expect(ids(successes)).toEqual([leads[0].id, leads[1].id, user.id]);
		expect(pairedIndexes(successes)).toEqual([0, 0, 1]);
	});

	it('with Continue On Fail, a failing item becomes an error item paired with it; the others still list', async () => {
		const contact = intercom.fake.seed.user({ email: 'ok@example.org' });
		const { items } = await run((itemIndex) => ({ filters: { emailDomain: itemIndex === 0 ? 'not a domain' : 'example.org' } }), { items: 2 });

		expect(items.map((item) => [item.json.error ?? item.json.id, pairedIndexes([item])[0]])).toEqual([
			['"not a domain" is not an email domain', 0],
			[contact.id, 1],
		]);
	});

	it('a page that fails is retried like every Intercom call', async () => {
		seedUsers(200);
		intercom.fake.faults.fail({ status: 503, path: '/contacts/search', count: 1 });
		const { successes } = await run({ returnAll: true });

		expect(successes).toHaveLength(200);
		expect(searches().map((request) => request.status)).toEqual([503, 200, 200]);
	});

	it('a page that keeps failing makes the item an error saying what was listed', async () => {
		seedUsers(200);
		intercom.fake.faults.fail({ status: 500, path: '/contacts/search' });
		const { errors } = await run({ returnAll: true, filters: { role: 'user', hasAttributes: 'member_number' }, options: { maxRetries: 0 } });

		expect(errors).toHaveLength(1);
		expect(errors[0].json.error).toBe("Intercom had a server error (HTTP 500) after trying to list users with member_number once");
		expect(pairedIndexes(errors)).toEqual([0]);
	});

	it('without Continue On Fail, the error stops the node', async () => {
		await expect(run({ filters: { emailDomain: 'a@b' } }, { continueOnFail: false })).rejects.toThrow('"a@b" is not an email domain');
	});
});
