/** Many items per execution, custom queries and hostile input, against the real MariaDB. */
import { loadSyntheticMembers } from '../support/mariadb-members';
import { syntheticEmail, syntheticMember } from '../support/synthetic-members';
import { jsonOf, runLookup, type RunOptions, usePrivateMariaDb } from './harness';
import { countQueries } from './statements';

jest.setTimeout(60_000);

const db = usePrivateMariaDb(async (database) => {
	await loadSyntheticMembers(database, 3_000);
});

function lookup(items: RunOptions['items'], parameters: RunOptions['parameters'] = {}, continueOnFail = false) {
	return runLookup({
		items,
		parameters: { includePositions: false, ...parameters },
		memberDatabase: db().credentials,
		continueOnFail,
	});
}

describe('2,500 items across chunk boundaries', () => {
	// Shuffled members, some asked twice, some unknown, emails in changing case: the output must follow the input.
	const indexes = Array.from({ length: 2_500 }, (_, i) => (i * 7919) % 2_600);
	const items = indexes.map((index, i) => ({
		email: index >= 2_400 ? `unknown.${index}@example.org` : i % 3 ? syntheticEmail(index).toUpperCase() : syntheticEmail(index),
	}));

	it('answers every item in input order with at most three queries', async () => {
		const { result, queries } = await countQueries(db(), () => lookup(items, { statuses: [] }));
		expect(queries).toBe(3); // 2,500 distinct keys: ⌈2,500 / 1,000⌉
		expect(result.output).toHaveLength(items.length);
		result.output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			const index = indexes[i];
			if (index >= 2_400) expect(item.json).toEqual({ found: false, matchCount: 0 });
			else expect(item.json).toMatchObject({ found: true, membernumber: syntheticMember(index).membernumber });
		});
	});

	it('logs progress for each query of a long batch', async () => {
		const result = await lookup(items, { statuses: [] });
		expect(result.logs).toEqual([
			expect.stringMatching(/1000 of 2\d{3} keys looked up \(query 1 of 3\)/),
			expect.stringMatching(/2000 of 2\d{3} keys looked up \(query 2 of 3\)/),
			expect.stringMatching(/(2\d{3}) of \1 keys looked up \(query 3 of 3\)/),
		]);
	});

	it('sends one query for 1,000 distinct keys, however often each is asked', async () => {
		const repeated = Array.from({ length: 3_000 }, (_, i) => ({ member_number: syntheticMember(i % 1_000).membernumber }));
		const { result, queries } = await countQueries(db(), () =>
			lookup(repeated, { matchBy: 'memberNumber', statuses: [] }),
		);
		expect(queries).toBe(1);
		expect(jsonOf(result).every((json) => json.found === true)).toBe(true);
	});
});

describe('custom query', () => {
	const customQuery = `
		-- members joined with their region's name
		SELECT m.*, r.name AS region_name
		FROM members m JOIN regions r ON r.code = m.region
		WHERE m.email IN (?)`;

	beforeAll(async () => {
		await db().query(
			"CREATE TABLE regions (code VARCHAR(10) PRIMARY KEY, name VARCHAR(50)); INSERT INTO regions VALUES ('GL','Great Lakes'),('NE','New England'),('WP','Western Pacific')",
		);
	});

	it('runs the SELECT with the list of keys in its one placeholder and filters statuses afterwards', async () => {
		const result = await lookup(
			[{ email: 'John.Doe@example.com' }, { email: 'ina.gone@example.com' }, { email: 'dup@example.com' }],
			{ source: 'customQuery', customQuery },
		);
		const [john, ina, dup] = jsonOf(result);
		expect(john).toMatchObject({ found: true, membernumber: '12345', region_name: 'Great Lakes' });
		expect(ina).toEqual({ found: false, matchCount: 0 }); // Inactive: outside the default filter
		expect(dup).toMatchObject({ found: true, matchCount: 2, membernumber: '44444' });
	});

	it('works with renamed columns when the query returns them under the configured names', async () => {
		const result = await lookup([{ member_number: '22222' }], {
			matchBy: 'memberNumber',
			source: 'customQuery',
			customQuery: 'SELECT membernumber AS num, email, status AS state, region, facility, phone, membertypeid FROM members WHERE membernumber IN (?)',
			columns: { memberNumberColumn: 'num', statusColumn: 'state' },
		});
		expect(jsonOf(result)[0]).toMatchObject({
			found: true,
			num: '22222',
			intercom: { member_number: '22222', region: 'RNAV', member_type: 'Retired' },
		});
	});

	it.each([
		[
			'the key column',
			'SELECT membernumber AS num, email AS mail, status FROM members WHERE email IN (?)',
			/no “email” column to match the keys against/,
			/Make Custom Query return it .* set Email Column under Column Names.*columns: num, mail, status/,
		],
		[
			'the status column while a status filter is set',
			'SELECT membernumber, email, status AS state FROM members WHERE email IN (?)',
			/no “status” column for the status filter/,
			/Status Column under Column Names.*or empty Member Statuses/,
		],
	])('names %s when the query does not return it, instead of finding no one', async (_, customQuery, message, advice) => {
		const items = [{ email: 'john.doe@example.com' }, { email: 'ray.old@example.com' }];
		const parameters = { source: 'customQuery', customQuery };
		const run = lookup(items, parameters);
		await expect(run).rejects.toThrow(message);
		await expect(run).rejects.toMatchObject({ name: 'NodeOperationError', description: expect.stringMatching(advice), context: { itemIndex: 0 } });

		const { output } = await lookup(items, parameters, true);
		expect(output.map((item) => [item.pairedItem, item.error?.name, item.json.error])).toEqual([
			[{ item: 0 }, 'NodeOperationError', expect.stringMatching(message)],
			[{ item: 1 }, 'NodeOperationError', expect.stringMatching(message)],
		]);
	});

	it('names a column set in another letter case than the table uses (MySQL finds it, the rows do not)', async () => {
		const run = lookup([{ email: 'john.doe@example.com' }], { columns: { emailColumn: 'EMAIL' } });
		await expect(run).rejects.toThrow(/no “EMAIL” column/);
		await expect(run).rejects.toMatchObject({ description: expect.stringMatching(/^Set Email Column under Column Names/) });
	});

	it('needs no status column when the status filter is empty', async () => {
		const result = await lookup([{ email: 'john.doe@example.com' }], {
			source: 'customQuery',
			customQuery: 'SELECT membernumber, email FROM members WHERE email IN (?)',
			statuses: [],
		});
		expect(jsonOf(result)[0]).toMatchObject({ found: true, membernumber: '12345' });
	});

	it.each([
		['not a SELECT', 'DELETE FROM members WHERE email IN (?)', /must be a SELECT/],
		['no placeholder', 'SELECT * FROM members', /exactly one \?.*it has 0/],
		['two placeholders', 'SELECT * FROM members WHERE email IN (?) OR membernumber IN (?)', /it has 2/],
		['two statements', 'SELECT * FROM members WHERE email IN (?); DROP TABLE members', /single statement/],
	])('refuses a query with %s before connecting', async (_, customQuery, message) => {
		await expect(lookup([{ email: 'john.doe@example.com' }], { source: 'customQuery', customQuery })).rejects.toThrow(message);
	});

	it('ignores question marks inside strings and comments', async () => {
		const result = await lookup([{ email: 'john.doe@example.com' }], {
			source: 'customQuery',
			customQuery: "SELECT m.*, 'why?' AS note /* what? */ FROM members m WHERE m.email IN (?) -- who?\n",
		});
		expect(jsonOf(result)[0]).toMatchObject({ found: true, note: 'why?' });
	});
});

describe('SQL injection', () => {
	it.each([
		"' OR '1'='1",
		"john.doe@example.com' OR 1=1 -- ",
		"x'); DROP TABLE members; --",
		'\\\' OR 1=1 #',
		'john.doe@example.com\u0000',
	])('treats the key %j as a plain value', async (email) => {
		const result = await lookup([{ email }, { email: 'john.doe@example.com' }], { statuses: [] });
		expect(jsonOf(result)[0]).toEqual({ found: false, matchCount: 0 });
		expect(jsonOf(result)[1]).toMatchObject({ found: true, membernumber: '12345' });
		const [{ count }] = await db().query<Array<{ count: number }>>('SELECT COUNT(*) AS count FROM members');
		expect(Number(count)).toBe(3_006);
	});

	it.each([
		['table', { table: 'members WHERE 1=1 --' }, /table name .* is not allowed/],
		['table', { table: 'members`; DROP TABLE members; --' }, /table name .* is not allowed/],
		['column', { columns: { emailColumn: 'email) OR (1=1' } }, /column name .* is not allowed/],
		['column', { columns: { statusColumn: 'status`--' } }, /column name .* is not allowed/],
		['positions column', { includePositions: true, positions: { positionColumn: 'position,secret' } }, /Supabase name .* is not allowed/],
	])('refuses a hostile %s name without querying', async (_, parameters, message) => {
		const items = [{ email: 'john.doe@example.com' }, { email: 'jane.roe@example.com' }];
		const { queries } = await countQueries(db(), async () => {
			const run = lookup(items, parameters);
			await expect(run).rejects.toThrow(message);
			await expect(run).rejects.toMatchObject({ name: 'NodeOperationError', context: { itemIndex: 0 } });
		});
		expect(queries).toBe(0);

		// With continue-on-fail every item goes to the error output with the same explanation.
		const result = await lookup(items, parameters, true);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of result.output) {
			expect(item.json.error).toMatch(message);
			expect(item.error).toMatchObject({ name: 'NodeOperationError' });
		}
	});

	it('accepts a database-qualified table name', async () => {
		const result = await lookup([{ email: 'john.doe@example.com' }], { table: `${db().database}.members` });
		expect(jsonOf(result)[0]).toMatchObject({ found: true, membernumber: '12345' });
	});
});
