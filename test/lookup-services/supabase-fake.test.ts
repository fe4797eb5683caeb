import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { startSupabaseFake, type SupabaseFake } from '../support/supabase-fake';

jest.setTimeout(60_000);

const client = (fake: SupabaseFake, key = fake.serviceRoleKey, headers: Record<string, string> = {}): SupabaseClient =>
	createClient(fake.url, key, { auth: { persistSession: false, autoRefreshToken: false }, global: { headers } });

const byPosition = (rows: Array<{ position: string }> | null) => [...(rows ?? [])].sort((a, b) => a.position.localeCompare(b.position));

describe('Supabase REST test server: what supabase-js sends for our reads', () => {
	let fake: SupabaseFake;
	let supabase: SupabaseClient;
	beforeAll(async () => {
		fake = await startSupabaseFake();
		supabase = client(fake);
	});
	afterAll(async () => {
		await fake?.close();
	});
	beforeEach(() => {
		fake.requests.length = 0;
	});
	afterEach(() => {
		// Nothing these tests send may fall outside the grammar the server implements.
		expect(fake.rejected).toEqual([]);
	});

	it('answers the positions query byte for byte as supabase-js 2.119 sends it', async () => {
		const { data, error, status } = await supabase
			.from('member_positions')
			.select('membernumber,position')
			.in('membernumber', ['12345', '22222'])
			.eq('active', true);
		expect(error).toBeNull();
		expect(status).toBe(200);
		expect(byPosition(data)).toEqual([
			{ membernumber: '12345', position: 'Area Representative' },
			{ membernumber: '12345', position: 'Facility President' },
			{ membernumber: '22222', position: 'Retiree Liaison' },
		]);
		expect(fake.requests).toHaveLength(1);
		expect(fake.requests[0]).toMatchObject({
			method: 'GET',
			url: '/rest/v1/member_positions?select=membernumber%2Cposition&membernumber=in.%2812345%2C22222%29&active=eq.true',
			headers: { apikey: fake.serviceRoleKey, authorization: `Bearer ${fake.serviceRoleKey}` },
			status: 200,
		});
	});

	it('returns inactive positions only when asked, and every column for select *', async () => {
		const { data } = await supabase.from('member_positions').select('*').eq('membernumber', '12345').eq('active', false);
		expect(data).toEqual([{ id: 3, membernumber: '12345', position: 'Former Treasurer', active: false }]);
		const none = await supabase.from('member_positions').select('position').in('membernumber', ['33333']);
		expect(none).toMatchObject({ data: [], error: null, status: 200 });
	});

	it('matches in-list values literally, quoted or not, so SQL in a key finds nothing and harms nothing', async () => {
		await fake.query("INSERT INTO member_positions (membernumber, position) VALUES ('A,B(1)', 'Odd Key'), ('x\"y', 'Quote Key')");
		const hostile = [
			"12345') OR true --",
			"'; DROP TABLE member_positions; --",
			'12345" OR "1"="1',
			'12345)',
			'(12345',
			'A,B(1)',
			'x"y',
		];
		const { data, error } = await supabase.from('member_positions').select('membernumber,position').in('membernumber', hostile);
		expect(error).toBeNull();
		expect(byPosition(data)).toEqual([
			{ membernumber: 'A,B(1)', position: 'Odd Key' },
			{ membernumber: 'x"y', position: 'Quote Key' },
		]);
		const eq = await supabase.from('member_positions').select('position').eq('membernumber', "12345' OR '1'='1");
		expect(eq.data).toEqual([]);
		expect(await fake.query('SELECT count(*)::int AS n FROM member_positions')).toEqual([{ n: 6 }]);
		await fake.query("DELETE FROM member_positions WHERE position IN ('Odd Key', 'Quote Key')");
	});

	it('orders, pages and counts like PostgREST', async () => {
		const page = await supabase
			.from('member_positions')
			.select('position', { count: 'exact' })
			.eq('membernumber', '12345')
			.order('position', { ascending: false })
			.range(1, 2);
		expect(page).toMatchObject({
			data: [{ position: 'Facility President' }, { position: 'Area Representative' }],
			count: 3,
			error: null,
		});
		const limited = await supabase.from('member_positions').select('id').order('id').limit(2);
		expect(limited.data).toEqual([{ id: 1 }, { id: 2 }]);
	});

	it('answers the REST root (the credential test) with an OpenAPI description', async () => {
		const headers = { apikey: fake.serviceRoleKey, Authorization: `Bearer ${fake.serviceRoleKey}` };
		const response = await fetch(`${fake.url}/rest/v1/`, { headers });
		expect(response.status).toBe(200);
		const document = (await response.json()) as { swagger: string; paths: Record<string, unknown>; definitions: Record<string, unknown> };
		expect(document.swagger).toBe('2.0');
		expect(Object.keys(document.paths)).toContain('/member_positions');
		expect(document.definitions.member_positions).toEqual({
			type: 'object',
			properties: { id: { format: 'bigint' }, membernumber: { format: 'text' }, position: { format: 'text' }, active: { format: 'boolean' } },
		});
	});

	it('answers PostgREST errors for an unknown table, an unknown column and a bad value', async () => {
		const table = await supabase.from('member_roles').select('membernumber');
		expect(table).toMatchObject({ status: 404, error: { code: 'PGRST205', message: "Could not find the table 'public.member_roles' in the schema cache" } });
		const column = await supabase.from('member_positions').select('membernumber,title');
		expect(column).toMatchObject({ status: 400, error: { code: '42703', message: 'column member_positions.title does not exist' } });
		const filter = await supabase.from('member_positions').select('position').eq('is_active', true);
		expect(filter).toMatchObject({ status: 400, error: { code: '42703', message: 'column member_positions.is_active does not exist' } });
		const value = await supabase.from('member_positions').select('position').eq('active', 'maybe');
		expect(value).toMatchObject({ status: 400, error: { code: '22P02', message: 'invalid input syntax for type boolean: "maybe"' } });
		expect(fake.requests.map((request) => request.status)).toEqual([404, 400, 400, 400]);
	});
});

describe('Supabase REST test server: keys', () => {
	let fake: SupabaseFake;
	beforeAll(async () => {
		fake = await startSupabaseFake({ serviceRoleKey: 'sb_secret_test_key' });
	});
	afterAll(async () => {
		await fake?.close();
	});

	it('refuses a wrong key the way the Supabase gateway does', async () => {
		expect(fake.credentials).toEqual({ url: fake.url, serviceRoleKey: 'sb_secret_test_key' });
		const { status, error, data } = await client(fake, 'sb_secret_wrong').from('member_positions').select('position');
		expect({ status, data }).toEqual({ status: 401, data: null });
		expect(error).toMatchObject({ message: 'Invalid API key' });
	});

	it('refuses a request without an apikey header, on the REST root too', async () => {
		const response = await fetch(`${fake.url}/rest/v1/`, { headers: { Authorization: 'Bearer sb_secret_test_key' } });
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' });
	});

	it('refuses a bearer token that is not the service role key', async () => {
		const supabase = client(fake, fake.serviceRoleKey, { Authorization: 'Bearer someone-else' });
		const { status, error } = await supabase.from('member_positions').select('position');
		expect(status).toBe(401);
		expect(error).toMatchObject({ code: 'PGRST301' });
		expect(fake.rejected).toEqual([]);
	});
});
