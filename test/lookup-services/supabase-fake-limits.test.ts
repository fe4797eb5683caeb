import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { startSupabaseFake, type SupabaseFake } from '../support/supabase-fake';
import { loadSyntheticPositions } from '../support/supabase-fake/positions';
import { syntheticMemberNumber, syntheticPositions } from '../support/synthetic-members';

jest.setTimeout(60_000);

let fake: SupabaseFake;
let supabase: SupabaseClient;
const MEMBERS = 4_000;
const activePositions = Array.from({ length: MEMBERS }, (_, index) => syntheticPositions(index).filter((p) => p.active)).flat();

beforeAll(async () => {
	fake = await startSupabaseFake();
	expect(await loadSyntheticPositions(fake, MEMBERS)).toBe(Array.from({ length: MEMBERS }, (_, i) => syntheticPositions(i)).flat().length);
	supabase = createClient(fake.url, fake.serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
});
afterAll(async () => {
	await fake?.close();
});
beforeEach(() => {
	fake.requests.length = 0;
	fake.rejected.length = 0;
});

describe("Supabase's limits", () => {
	it('returns at most 1,000 rows per request, like a new Supabase project, and pages past them', async () => {
		expect(activePositions.length).toBeGreaterThan(1_000);
		const first = await supabase.from('member_positions').select('membernumber,position', { count: 'exact' }).eq('active', true).order('id');
		expect(first.data).toHaveLength(1_000);
		expect(first).toMatchObject({ status: 206, count: activePositions.length + 3 }); // + the 3 reference rows
		const rest = await supabase.from('member_positions').select('id').eq('active', true).order('id').range(1_000, 2_999);
		expect(rest.data).toHaveLength(activePositions.length + 3 - 1_000);
		expect(fake.rejected).toEqual([]);
	});

	it('answers 414 when the request line is over 8 KB, as the gateway does for a long in-list', async () => {
		const keys = (count: number) => Array.from({ length: count }, (_, index) => syntheticMemberNumber(index));
		const fits = await supabase.from('member_positions').select('membernumber,position').in('membernumber', keys(700)).eq('active', true);
		expect(fits.status).toBe(200);
		expect(fits.data).toHaveLength(activePositions.filter((p) => keys(700).includes(p.membernumber)).length);
		expect(fake.rejected).toEqual([]);

		const tooLong = await supabase.from('member_positions').select('membernumber,position').in('membernumber', keys(1_000)).eq('active', true);
		expect(tooLong).toMatchObject({ status: 414, data: null, error: { message: 'URI too long\n' } });
		expect(fake.rejected).toEqual([expect.objectContaining({ status: 414, reason: expect.stringContaining('over the gateway') })]);
	});
});

describe('requests outside the implemented grammar', () => {
	it('refuses and records each with 400, and changes nothing', async () => {
		const table = () => supabase.from('member_positions');
		const attempts = [
			table().select('id').like('position', '%Rep%'),
			table().select('id').or('active.eq.true,membernumber.eq.12345'),
			table().select('id').not('active', 'eq', true),
			table().select('membernumber,members(firstname)'),
			table().select('number:membernumber'),
			table().select('membernumber::int'),
			table().select('id').eq('membernumber', '12345').single(),
			table().select('id').csv(),
			table().select('*', { count: 'exact', head: true }),
			table().insert({ membernumber: '99999', position: 'Intruder' }),
			supabase.rpc('positions_for', { numbers: ['12345'] }),
			table().select('id').is('active', 'maybe' as unknown as boolean),
		];
		const statuses = [];
		for (const attempt of attempts) statuses.push((await attempt).status);
		expect(statuses).toEqual(attempts.map(() => 400));
		expect(fake.rejected).toHaveLength(attempts.length);
		expect(fake.rejected.map((request) => request.reason)).toEqual([
			expect.stringContaining('operator "like"'),
			expect.stringContaining('"or"'),
			expect.stringContaining('operator "not"'),
			expect.stringContaining('plain column names'),
			expect.stringContaining('plain column names'),
			expect.stringContaining('plain column names'),
			expect.stringContaining('Accept: application/vnd.pgrst.object+json'),
			expect.stringContaining('Accept: text/csv'),
			expect.stringContaining('HEAD'),
			expect.stringContaining('POST'),
			expect.stringContaining('POST'),
			'failed to parse filter (is.maybe)',
		]);
		expect(await fake.query("SELECT count(*)::int AS n FROM member_positions WHERE membernumber = '99999'")).toEqual([{ n: 0 }]);
	});

	it('answers paths outside the REST API like the gateway, and records them', async () => {
		const response = await fetch(`${fake.url}/auth/v1/user`, { headers: { apikey: fake.serviceRoleKey } });
		expect(response.status).toBe(404);
		expect(await response.json()).toEqual({ message: 'no Route matched with those values' });
		expect(fake.rejected).toHaveLength(1);
	});
});

describe('the down switch', () => {
	const read = () => supabase.from('member_positions').select('position').eq('membernumber', '22222').retry(false);

	it('refuses connections while down and serves again afterwards', async () => {
		await fake.setDown(true);
		const down = await read();
		expect(down).toMatchObject({ status: 0, data: null });
		expect(down.error?.details).toContain('ECONNREFUSED');
		await expect(fetch(`${fake.url}/rest/v1/`)).rejects.toThrow();
		await fake.setDown(false);
		expect(await read()).toMatchObject({ status: 200, data: [{ position: 'Retiree Liaison' }] });
	});

	it("answers PostgREST's 503 in 'unavailable' mode", async () => {
		await fake.setDown(true, 'unavailable');
		expect(await read()).toMatchObject({ status: 503, error: { code: 'PGRST002' } });
		await fake.setDown(false);
		expect(await read()).toMatchObject({ status: 200 });
		expect(fake.requests.map((request) => request.status)).toEqual([503, 200]);
		expect(fake.rejected).toEqual([]);
	});
});
