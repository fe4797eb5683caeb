/** What users see when the member database cannot answer, and the credential's Test button. */
import type { ICredentialTestFunctions, IDataObject } from 'n8n-workflow';
import { mock } from 'jest-mock-extended';

import { MemberLookup } from '../../nodes/MemberLookup/MemberLookup.node';
import { freeLoopbackPort } from '../../scripts/n8n/ports';
import { runLookup, type RunOptions, usePrivateMariaDb } from './harness';

jest.setTimeout(60_000);

const db = usePrivateMariaDb();

const items = [{ email: 'john.doe@example.com' }, { email: 'nobody@example.com' }, { email: 'ray.old@example.com' }];

function lookup(memberDatabase: object, parameters: RunOptions['parameters'] = {}, continueOnFail = false) {
	return runLookup({ items, parameters: { includePositions: false, ...parameters }, memberDatabase, continueOnFail });
}

async function closedPort(): Promise<number> {
	return await freeLoopbackPort(); // free a moment ago, and nothing listens there
}

const failures: Array<[string, () => Promise<[object, IDataObject?]>, RegExp, RegExp]> = [
	[
		'the database is unreachable',
		async () => [{ ...db().credentials, port: await closedPort() }],
		/Could not connect to the member database at 127\.0\.0\.1:\d+/,
		/Check Host and Port in the Member Database credential/,
	],
	[
		'the password is wrong',
		async () => [{ ...db().credentials, password: 'not-the-password' }],
		/refused the user name or password/,
		/Check User and Password in the Member Database credential/,
	],
	[
		'the database does not exist',
		async () => [{ ...db().credentials, database: 'no_such_database' }],
		/“no_such_database” does not exist or this user may not open it/,
		/Check Database in the Member Database credential/,
	],
	[
		'the table does not exist',
		async () => [db().credentials, { table: 'no_such_table' }],
		/The members table was not found/,
		/Check Table in the node/,
	],
	[
		'a column does not exist',
		async () => [db().credentials, { columns: { statusColumn: 'member_status' } }],
		/A column the lookup needs was not found/,
		/Check Column Names in the node/,
	],
	[
		'the custom query has a syntax error',
		async () => [db().credentials, { source: 'customQuery', customQuery: 'SELECT * FROM members WHERE email IN (?) ORDER' }],
		/could not understand the query/,
		/Check Custom Query/,
	],
];

describe.each(failures)('when %s', (_, setup, message, advice) => {
	it('stops with an error that says what failed and what to check, pointing at the first item', async () => {
		const [credentials, parameters] = await setup();
		const run = lookup(credentials, parameters);
		await expect(run).rejects.toThrow(message);
		await expect(run).rejects.toMatchObject({ name: 'NodeApiError', description: expect.stringMatching(advice), context: { itemIndex: 0 } });
	});

	it('with continue-on-fail, sends every item to the error output, paired and in order', async () => {
		const [credentials, parameters] = await setup();
		const { output } = await lookup(credentials, parameters, true);
		expect(output).toHaveLength(items.length);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toEqual({ error: expect.stringMatching(message), details: { description: expect.stringMatching(advice) } });
			expect(item.error).toMatchObject({ name: 'NodeApiError', context: { itemIndex: index } });
		});
	});
});

describe('items without a key', () => {
	const withBlank = [{ email: 'john.doe@example.com' }, { email: '   ' }, {}];

	it('stop the run with the item named', async () => {
		const run = runLookup({ items: withBlank, parameters: { includePositions: false }, memberDatabase: db().credentials });
		await expect(run).rejects.toThrow('Item 2 has no email address to look up');
		await expect(run).rejects.toMatchObject({ name: 'NodeOperationError', context: { itemIndex: 1 } });
	});

	it('go to the error output with continue-on-fail while the others are looked up', async () => {
		const { output } = await runLookup({
			items: withBlank,
			parameters: { includePositions: false },
			memberDatabase: db().credentials,
			continueOnFail: true,
		});
		expect(output.map((item) => [item.pairedItem, item.json.found ?? item.json.error])).toEqual([
			[{ item: 0 }, true],
			[{ item: 1 }, 'Item 2 has no email address to look up'],
			[{ item: 2 }, 'Item 3 has no email address to look up'],
		]);
	});
});

describe('credential test (connect, then SELECT 1)', () => {
	const node = new MemberLookup();
	const test = (data: object) =>
		node.methods.credentialTest.memberDatabaseCredentialTest.call(mock<ICredentialTestFunctions>(), {
			id: '1',
			name: 'Member Database',
			type: 'memberDatabase',
			data: data as Record<string, string>,
		});

	it('is wired to the memberDatabase credential', () => {
		expect(node.description.credentials).toContainEqual(
			expect.objectContaining({ name: 'memberDatabase', testedBy: 'memberDatabaseCredentialTest' }),
		);
	});

	it('passes with the right password', async () => {
		await expect(test(db().credentials)).resolves.toEqual({ status: 'OK', message: 'Connection successful' });
	});

	it('fails with a wrong password, saying what to check', async () => {
		await expect(test({ ...db().credentials, password: 'wrong' })).resolves.toEqual({
			status: 'Error',
			message: expect.stringMatching(/refused the user name or password.*Check User and Password/),
		});
	});

	it('fails when nothing listens at the address', async () => {
		const result = await test({ ...db().credentials, port: await closedPort() });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/Could not connect.*Check Host and Port/) });
	});

	it('honours SSL: a server without SSL fails when SSL is required', async () => {
		const result = await test({ ...db().credentials, ssl: 'required' });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/does not offer SSL.*Set SSL to Off/) });
	});

	it('honours SSL: verifying without a CA certificate is refused before connecting', async () => {
		const result = await test({ ...db().credentials, ssl: 'verifyCa', caCertificate: '' });
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/no certificate was given.*Paste the CA/) });
	});
});
