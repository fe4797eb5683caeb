/** Positions from Supabase (the PostgREST-compatible fake over Postgres), next to the real MariaDB. */
import { createClient } from '@supabase/supabase-js';

import { loadSyntheticMembers } from '../support/mariadb-members';
import { startSupabaseFake, type SupabaseFake } from '../support/supabase-fake';
import { loadSyntheticPositions } from '../support/supabase-fake/positions';
import { syntheticMember, syntheticPositions } from '../support/synthetic-members';
import { jsonOf, runLookup, usePrivateMariaDb, type RunOptions } from './harness';

jest.setTimeout(90_000);

const SYNTHETIC = 3_000;

const db = usePrivateMariaDb(async (database) => {
	await loadSyntheticMembers(database, SYNTHETIC);
});
let fake: SupabaseFake;

beforeAll(async () => {
	fake = await startSupabaseFake();
	await loadSyntheticPositions(fake, SYNTHETIC);
});

afterAll(async () => {
	await fake?.close();
});

beforeEach(() => {
	fake.requests.length = 0;
});

afterEach(() => {
	// Whatever the node sent must be something real PostgREST serves.
	expect(fake.rejected).toEqual([]);
});

function lookup(items: RunOptions['items'], parameters: RunOptions['parameters'] = {}, options: Partial<RunOptions> = {}) {
	return runLookup({
		items,
		parameters,
		memberDatabase: db().credentials,
		supabaseSyncApi: fake.credentials,
		...options,
	});
}

const reference = [{ email: 'john.doe@example.com' }, { email: 'jane.roe@example.com' }, { email: 'ray.old@example.com' }];

describe('positions', () => {
	it('adds active positions, leaves out former ones, and joins them for Intercom', async () => {
		const [john, jane, ray] = jsonOf(await lookup(reference));
		expect(john.positions).toEqual(['Area Representative', 'Facility President']);
		expect((john.intercom as { positions: string }).positions).toBe('Area Representative, Facility President');
		expect(jane.positions).toEqual([]); // holds none
		expect((jane.intercom as { positions: string }).positions).toBe('');
		expect(ray.positions).toEqual(['Retiree Liaison']);
		expect(fake.requests).toHaveLength(1);
	});

	it('sends one GET with both keys, the member list, the active filter, a stable order and a counted page', async () => {
		await lookup(reference);
		const [request] = fake.requests;
		const url = new URL(request.url, fake.url);
		expect(url.pathname).toBe('/rest/v1/member_positions');
		expect(Object.fromEntries(url.searchParams)).toEqual({
			select: 'membernumber,position',
			membernumber: expect.stringMatching(/^in\.\(\d+,\d+,\d+\)$/),
			active: 'eq.true',
			order: 'membernumber.asc,position.asc',
			offset: '0',
			limit: '1000',
		});
		expect(url.searchParams.get('membernumber')!.slice(4, -1).split(',').sort()).toEqual(['12345', '12346', '22222']);
		expect(request.headers).toMatchObject({
			apikey: fake.serviceRoleKey,
			authorization: `Bearer ${fake.serviceRoleKey}`,
			prefer: 'count=exact',
		});
	});

	it('includes former positions when Only Active Positions is off', async () => {
		const [john] = jsonOf(await lookup([reference[0]], { positions: { activeOnly: false } }));
		expect(john.positions).toEqual(['Area Representative', 'Facility President', 'Former Treasurer']);
	});

	it('asks Supabase nothing when positions are off, nor for members not found', async () => {
		const [john] = jsonOf(await lookup([reference[0]], { includePositions: false }));
		expect(john).toMatchObject({ found: true, positions: [] });
		await lookup([{ email: 'nobody@example.com' }]);
		expect(fake.requests).toEqual([]);
	});

	it('reads a table with other names', async () => {
		await fake.query(
			'CREATE TABLE roles (member_no TEXT NOT NULL, title TEXT NOT NULL, current BOOLEAN NOT NULL);' +
				"INSERT INTO roles VALUES ('12345', 'Treasurer', TRUE), ('12345', 'Old Role', FALSE);",
		);
		const parameters = { positions: { table: 'roles', memberNumberColumn: 'member_no', positionColumn: 'title', activeColumn: 'current' } };
		const [john] = jsonOf(await lookup([reference[0]], parameters));
		expect(john.positions).toEqual(['Treasurer']);
	});

	it('pairs the positions of 2,500 members across chunks, within the gateway limit on URL length', async () => {
		const indexes = Array.from({ length: 2_500 }, (_, i) => (i * 7_919) % SYNTHETIC);
		const items = indexes.map((index) => ({ member_number: syntheticMember(index).membernumber }));
		const result = await lookup(items, { matchBy: 'memberNumber', statuses: [] });
		jsonOf(result).forEach((json, i) => {
			const expected = syntheticPositions(indexes[i])
				.filter((position) => position.active)
				.map((position) => position.position)
				.sort();
			expect(json.positions).toEqual(expected);
		});
		// 2,500 six-digit numbers fill about 22,500 URL characters: a handful of requests, not one per member,
		// each as long as the gateway allows (8 KB request line) and no longer.
		expect(fake.requests.length).toBeGreaterThanOrEqual(3);
		expect(fake.requests.length).toBeLessThanOrEqual(6);
		const lineLengths = fake.requests.map((request) => `GET ${request.url} HTTP/1.1\r\n`.length);
		expect(Math.max(...lineLengths)).toBeGreaterThan(7_500);
		expect(Math.max(...lineLengths)).toBeLessThanOrEqual(8_192);
	});
});

describe('on Node versions without a native WebSocket (Node 20, which n8n 1.x supports)', () => {
	const withoutWebSocket = async <T>(work: () => Promise<T>): Promise<T> => {
		const saved = Object.getOwnPropertyDescriptor(globalThis, 'WebSocket');
		Reflect.deleteProperty(globalThis, 'WebSocket');
		try {
			return await work();
		} finally {
			if (saved) Object.defineProperty(globalThis, 'WebSocket', saved);
		}
	};

	it('is simulated faithfully: a plain supabase-js client cannot be created there', async () => {
		await withoutWebSocket(async () => {
			expect(() => createClient(fake.url, fake.serviceRoleKey)).toThrow(/WebSocket/);
		});
	});

	it('still reads positions, because the node gives supabase-js a realtime transport it never opens', async () => {
		const [john] = await withoutWebSocket(async () => jsonOf(await lookup([reference[0]])));
		expect(john.positions).toEqual(['Area Representative', 'Facility President']);
	});
});

describe('more positions than Supabase returns at once', () => {
	let small: SupabaseFake;

	beforeAll(async () => {
		small = await startSupabaseFake({ maxRows: 2 });
	});

	afterAll(async () => {
		await small?.close();
	});

	it('pages through them instead of silently dropping some', async () => {
		const result = await lookup(reference, {}, { supabaseSyncApi: small.credentials });
		expect(jsonOf(result).map((json) => json.positions)).toEqual([
			['Area Representative', 'Facility President'],
			[],
			['Retiree Liaison'],
		]);
		expect(small.requests).toHaveLength(2);
		expect(small.rejected).toEqual([]);
	});
});

describe('when Supabase fails', () => {
	const items = [...reference, { email: 'nobody@example.com' }];

	async function expectFailure(message: RegExp, advice: RegExp, options: Partial<RunOptions> = {}, parameters = {}) {
		const run = lookup(items, parameters, options);
		await expect(run).rejects.toThrow(message);
		await expect(run).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringMatching(advice), context: { itemIndex: 0 } });

		// Continue-on-fail: the found members go to the error output, the not-found item still comes out.
		const { output } = await lookup(items, parameters, { ...options, continueOnFail: true });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		output.slice(0, 3).forEach((item) => {
			expect(item.json).toEqual({ error: expect.stringMatching(message), details: { description: expect.stringMatching(advice) } });
		});
		expect(output[3].json).toEqual({ found: false, matchCount: 0 });
	}

	it('names the wrong service role key', async () => {
		await expectFailure(/Supabase refused the service role key/, /Check Service Role Key in the Supabase credential/, {
			supabaseSyncApi: { ...fake.credentials, serviceRoleKey: 'sb_secret_wrong' },
		});
	});

	it('names an unusable Supabase credential before sending anything', async () => {
		const supabaseSyncApi = { url: 'abcdefghijklmnop.supabase.co', serviceRoleKey: fake.serviceRoleKey };
		const run = lookup(items, {}, { supabaseSyncApi });
		await expect(run).rejects.toThrow('The Supabase credential cannot be used');
		await expect(run).rejects.toMatchObject({ name: 'NodeOperationError', description: expect.stringMatching(/Check Project URL/) });
		const { output } = await lookup(items, {}, { supabaseSyncApi, continueOnFail: true });
		expect(output.map((item) => [item.pairedItem, item.json.error])).toEqual(
			items.map((_, item) => [{ item }, 'The Supabase credential cannot be used']),
		);
		expect(fake.requests).toEqual([]);
	});

	it('names a missing positions table', async () => {
		await expectFailure(/positions table “no_such_table” was not found/, /Check Table under Positions Table/, {}, {
			positions: { table: 'no_such_table' },
		});
	});

	it('names a missing positions column', async () => {
		await expectFailure(/A positions column was not found/, /Check the column names under Positions Table/, {}, {
			positions: { positionColumn: 'title' },
		});
	});

	it('says Supabase is unreachable when nothing answers (after supabase-js retries)', async () => {
		await fake.setDown(true);
		try {
			await expectFailure(/Could not reach Supabase at http:\/\/127\.0\.0\.1:\d+/, /Check Project URL in the Supabase credential/);
		} finally {
			await fake.setDown(false);
		}
	});

	it('reports an unavailable project with its status after retries, trying only once per run', async () => {
		await fake.setDown(true, 'unavailable');
		try {
			await expectFailure(/Supabase answered the positions request with status 503/, /retry/);
		} finally {
			await fake.setDown(false);
		}
		expect(fake.requests).toHaveLength(2 * 4); // two runs, each one request plus supabase-js's three retries
	});
});
