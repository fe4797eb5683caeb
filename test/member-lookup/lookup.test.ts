/** Matching against the real reference directory (MariaDB), positions turned off. */
import { jsonOf, runLookup, type RunOptions, usePrivateMariaDb } from './harness';

jest.setTimeout(60_000);

const db = usePrivateMariaDb();

function lookup(items: RunOptions['items'], parameters: RunOptions['parameters'] = {}) {
	return runLookup({
		items,
		parameters: { includePositions: false, ...parameters },
		memberDatabase: db().credentials,
	});
}

describe('matching by email', () => {
	it('ignores case and surrounding spaces on both sides', async () => {
		const result = await lookup([{ email: '  JOHN.DOE@example.COM ' }, { email: 'jane.roe@example.com' }]);
		const [john, jane] = jsonOf(result);
		expect(john).toMatchObject({ found: true, matchCount: 1, membernumber: '12345', firstname: 'John' });
		// Stored as Jane.Roe@Example.com.
		expect(jane).toMatchObject({ found: true, membernumber: '12346', email: 'Jane.Roe@Example.com' });
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('finds an email typed as stored in a case-sensitive column; other spellings need lower-casing in SQL', async () => {
		await db().query(
			'CREATE TABLE members_cs (membernumber VARCHAR(20) PRIMARY KEY, email VARCHAR(255) COLLATE utf8mb4_bin, status VARCHAR(20)); ' +
				"INSERT INTO members_cs VALUES ('12346', 'Jane.Roe@Example.com', 'Active'), ('12347', ' Pat.Space@Example.com', 'Active')",
		);
		try {
			const items = [{ email: ' Jane.Roe@Example.com ' }, { email: 'JANE.ROE@EXAMPLE.COM' }, { email: 'pat.space@example.com' }];
			const byCollation = await lookup(items, { table: 'members_cs' });
			expect(jsonOf(byCollation).map((json) => json.membernumber ?? json.found)).toEqual(['12346', '12346', false]);
			const lowerCased = await lookup(items, { table: 'members_cs', options: { emailComparison: 'lowerCase' } });
			expect(jsonOf(lowerCased).map((json) => json.membernumber ?? json.found)).toEqual(['12346', '12346', '12347']);
		} finally {
			await db().query('DROP TABLE members_cs');
		}
	});

	it('sends the typed spelling of a later item too when items share an email', async () => {
		await db().query(
			'CREATE TABLE members_cs2 (membernumber VARCHAR(20) PRIMARY KEY, email VARCHAR(255) COLLATE utf8mb4_bin, status VARCHAR(20)); ' +
				"INSERT INTO members_cs2 VALUES ('12346', 'Jane.Roe@Example.com', 'Active')",
		);
		try {
			const items = [{ email: 'JANE.ROE@example.com' }, { email: 'Jane.Roe@Example.com' }];
			const result = await lookup(items, { table: 'members_cs2' });
			expect(jsonOf(result).map((json) => json.membernumber)).toEqual(['12346', '12346']);
		} finally {
			await db().query('DROP TABLE members_cs2');
		}
	});

	it('reads the key from another field through the expression', async () => {
		const result = await lookup([{ contact: { x: 1 }, address: 'ray.old@example.com' }], {
			email: '={{ $json.address }}',
		});
		expect(jsonOf(result)[0]).toMatchObject({ found: true, membernumber: '22222' });
	});
});

describe('matching by member number', () => {
	it('finds members by number given as text or as a number', async () => {
		const result = await lookup([{ member_number: '12345' }, { member_number: 22222 }, { member_number: ' 12346 ' }], {
			matchBy: 'memberNumber',
		});
		expect(jsonOf(result).map((json) => json.membernumber)).toEqual(['12345', '22222', '12346']);
	});

	it('pairs a numeric member-number column as numbers, as MySQL compares it (00123 finds 123)', async () => {
		await db().query(
			'CREATE TABLE members_num (membernumber INT PRIMARY KEY, email VARCHAR(255), status VARCHAR(20)); ' +
				"INSERT INTO members_num VALUES (123, 'num@example.com', 'Active'), (4560, 'other@example.com', 'Active')",
		);
		try {
			const items = [{ member_number: '00123' }, { member_number: 123 }, { member_number: '456' }, { member_number: '4560.0' }];
			const result = await lookup(items, { matchBy: 'memberNumber', table: 'members_num' });
			expect(jsonOf(result).map((json) => [json.found, json.membernumber, json.matchCount])).toEqual([
				[true, 123, 1],
				[true, 123, 1],
				[false, undefined, 0],
				[true, 4560, 1],
			]);
			expect((jsonOf(result)[0].intercom as { member_number: unknown }).member_number).toBe('123');
		} finally {
			await db().query('DROP TABLE members_num');
		}
	});
});

describe('status filter', () => {
	it('leaves out statuses outside the filter (Inactive by default)', async () => {
		const result = await lookup([{ email: 'ina.gone@example.com' }]);
		expect(jsonOf(result)).toEqual([{ found: false, matchCount: 0 }]);
	});

	it('finds them when their status is listed', async () => {
		const result = await lookup([{ email: 'ina.gone@example.com' }], { statuses: 'Inactive' });
		expect(jsonOf(result)[0]).toMatchObject({ found: true, status: 'Inactive', membernumber: '33333' });
	});

	it('accepts any status when the filter is empty', async () => {
		const result = await lookup([{ email: 'ina.gone@example.com' }, { email: 'john.doe@example.com' }], { statuses: '' });
		expect(jsonOf(result).map((json) => json.found)).toEqual([true, true]);
	});

	it('takes a comma-separated list, ignoring spaces and empty entries', async () => {
		const result = await lookup([{ email: 'ina.gone@example.com' }, { email: 'ray.old@example.com' }], {
			statuses: ' Inactive ,Retired, ',
		});
		expect(jsonOf(result).map((json) => json.status)).toEqual(['Inactive', 'Retired']);
	});

	it('still reads the list that workflows saved with the earlier multi-select hold', async () => {
		const result = await lookup([{ email: 'ina.gone@example.com' }, { email: 'john.doe@example.com' }], {
			statuses: ['Inactive'],
		});
		expect(jsonOf(result).map((json) => json.found)).toEqual([true, false]);
	});

	it('only Retired: an Active member is not found', async () => {
		const result = await lookup([{ email: 'john.doe@example.com' }, { email: 'ray.old@example.com' }], {
			statuses: 'Retired',
		});
		expect(jsonOf(result).map((json) => json.found)).toEqual([false, true]);
	});
});

describe('several members with one email', () => {
	it('picks Active before Retired and reports how many matched', async () => {
		const result = await lookup([{ email: 'dup@example.com' }]);
		expect(jsonOf(result)[0]).toMatchObject({ found: true, matchCount: 2, membernumber: '44444', status: 'Active' });
	});

	it('follows a changed preference order', async () => {
		const result = await lookup([{ email: 'dup@example.com' }], { options: { statusOrder: 'Retired, Active' } });
		expect(jsonOf(result)[0]).toMatchObject({ matchCount: 2, membernumber: '44445', status: 'Retired' });
	});

	it('counts only members that pass the status filter', async () => {
		const result = await lookup([{ email: 'dup@example.com' }], { statuses: 'Retired' });
		expect(jsonOf(result)[0]).toMatchObject({ matchCount: 1, membernumber: '44445' });
	});
});

describe('not found', () => {
	const items = [{ email: 'nobody@example.com' }, { email: 'john.doe@example.com' }, { email: 'nobody.else@example.com' }];

	it('outputs found: false by default, paired with its input', async () => {
		const result = await lookup(items);
		expect(jsonOf(result).map((json) => json.found)).toEqual([false, true, false]);
		expect(result.output[2]).toEqual({ json: { found: false, matchCount: 0 }, pairedItem: { item: 2 } });
	});

	it('leaves not-found items out when asked, keeping the pairing of the rest', async () => {
		const result = await lookup(items, { whenNotFound: 'drop' });
		expect(result.output).toHaveLength(1);
		expect(result.output[0]).toMatchObject({ json: { membernumber: '12345' }, pairedItem: { item: 1 } });
	});

	it('sends not-found items unchanged to the Not Found output when asked, members to Found', async () => {
		const result = await lookup(items, { whenNotFound: 'notFoundOutput' });
		expect(result.outputs).toHaveLength(2);
		const [found, notFound] = result.outputs;
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ json: { found: true, membernumber: '12345' }, pairedItem: { item: 1 } });
		expect(notFound).toEqual([
			{ json: { email: 'nobody@example.com' }, pairedItem: { item: 0 } },
			{ json: { email: 'nobody.else@example.com' }, pairedItem: { item: 2 } },
		]);
	});

	it('with Continue On Fail, puts an item that failed on the first output, where n8n finds errors', async () => {
		const result = await runLookup({
			items: [{ email: '' }, ...items],
			parameters: { includePositions: false, whenNotFound: 'notFoundOutput' },
			memberDatabase: db().credentials,
			continueOnFail: true,
		});
		const [found, notFound] = result.outputs;
		expect(found.map((item) => [item.pairedItem, item.json.error ?? item.json.membernumber])).toEqual([
			[{ item: 0 }, 'Item 1 has no email address to look up'],
			[{ item: 2 }, '12345'],
		]);
		expect(notFound.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
	});

	it('answers an AI agent found = false on its one output, instead of a Not Found output it cannot read', async () => {
		const result = await runLookup({
			items,
			parameters: { includePositions: false, whenNotFound: 'notFoundOutput' },
			memberDatabase: db().credentials,
			nodeType: 'n8n-nodes-intercom-sync.memberLookupTool',
		});
		expect(result.outputs).toHaveLength(1);
		expect(jsonOf(result).map((json) => json.found)).toEqual([false, true, false]);
	});

	it('keeps one output, and so the saved connections, for the other choices', async () => {
		for (const whenNotFound of ['outputNotFound', 'drop']) {
			expect((await lookup(items, { whenNotFound })).outputs).toHaveLength(1);
		}
	});
});

describe('output shape', () => {
	it('is found and matchCount, then every column of the member, then positions and intercom', async () => {
		const [john] = jsonOf(await lookup([{ email: 'john.doe@example.com' }]));
		expect(john).toEqual({
			found: true,
			matchCount: 1,
			membernumber: '12345',
			firstname: 'John',
			lastname: 'Doe',
			email: 'john.doe@example.com',
			phone: '(765) 465-7031',
			region: 'GL',
			facility: 'ZAU',
			status: 'Active',
			membertypeid: 1,
			positions: [],
			intercom: expect.any(Object),
		});
		expect(Object.keys(john).slice(0, 2)).toEqual(['found', 'matchCount']);
	});
});

describe('intercom attributes', () => {
	it('builds the Contact attributes of an active member', async () => {
		const result = await lookup([{ email: 'john.doe@example.com' }]);
		expect(jsonOf(result)[0].intercom).toEqual({
			member_number: '12345',
			member_type: 'Active',
			region: 'GL',
			facility: 'ZAU',
			phone: '+17654657031',
			positions: '',
		});
	});

	it('files retired members under RNAV (seed 003), or a configured value, or not at all', async () => {
		const items = [{ email: 'ray.old@example.com' }];
		const [byDefault] = jsonOf(await lookup(items));
		expect(byDefault.intercom).toMatchObject({ region: 'RNAV', facility: 'RNAV', member_type: 'Retired' });
		expect(byDefault).toMatchObject({ region: 'GL', facility: 'ORD' }); // the member's own fields stay as stored

		const [custom] = jsonOf(await lookup(items, { intercomAttributes: { retiredValue: 'RETIRED' } }));
		expect(custom.intercom).toMatchObject({ region: 'RETIRED', facility: 'RETIRED' });

		const [off] = jsonOf(await lookup(items, { intercomAttributes: { retiredOverride: false } }));
		expect(off.intercom).toMatchObject({ region: 'GL', facility: 'ORD' });
	});

	it('writes phones in E.164, using the default country for national numbers', async () => {
		const result = await lookup([
			{ email: 'john.doe@example.com' }, // (765) 465-7031
			{ email: 'jane.roe@example.com' }, // 765.465.7032
			{ email: 'ray.old@example.com' }, // +1 312 555 0100
			{ email: 'ina.gone@example.com' }, // no phone
		], { statuses: [] });
		expect(jsonOf(result).map((json) => (json.intercom as { phone: unknown }).phone)).toEqual([
			'+17654657031',
			'+17654657032',
			'+13125550100',
			null,
		]);
	});

	it('reads national numbers in another default country', async () => {
		await db().query("INSERT INTO members VALUES ('77001','Ann','Brit','ann@example.co.uk','020 7946 0958','EU','LON','Active',1)");
		try {
			const items = [{ email: 'ann@example.co.uk' }];
			const [us] = jsonOf(await lookup(items));
			expect((us.intercom as { phone: unknown }).phone).toBeNull(); // not a valid US number
			const [gb] = jsonOf(await lookup(items, { intercomAttributes: { defaultCountry: 'GB' } }));
			expect((gb.intercom as { phone: unknown }).phone).toBe('+442079460958');
		} finally {
			await db().query("DELETE FROM members WHERE membernumber = '77001'");
		}
	});

	it('maps status and member type ID through rules, first match wins', async () => {
		const parameters = {
			intercomAttributes: {
				memberTypeRules: {
					rule: [
						{ status: 'Retired', memberTypeId: '', memberType: 'Retired Member' },
						{ status: 'active', memberTypeId: '2', memberType: 'Associate' },
						{ status: '', memberTypeId: '1', memberType: 'Full Member' },
					],
				},
				memberTypeFallback: 'memberTypeId',
			},
		};
		await db().query("INSERT INTO members VALUES ('77002','Tom','Three','tom@example.org',NULL,'NE','ZBW','Active',3)");
		try {
			const result = await lookup(
				[{ email: 'ray.old@example.com' }, { email: 'jane.roe@example.com' }, { email: 'john.doe@example.com' }, { email: 'tom@example.org' }],
				parameters,
			);
			expect(jsonOf(result).map((json) => (json.intercom as { member_type: unknown }).member_type)).toEqual([
				'Retired Member',
				'Associate',
				'Full Member',
				'3',
			]);
		} finally {
			await db().query("DELETE FROM members WHERE membernumber = '77002'");
		}
	});
});
