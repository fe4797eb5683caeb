/**
 * The router's own guarantees, without a database: credentials it cannot read, and no item lost even
 * if the batch layer ever leaves one unanswered.
 */
import * as batch from '../../nodes/MemberLookup/actions/batch';
import { runLookup, type RunOptions } from './harness';

// Never connected to: these tests stop before any query, or replace the batch layer.
const memberDatabase = { host: '127.0.0.1', port: 1, database: 'members', user: 'n8n', password: 'x', ssl: 'off' };
const supabaseSyncApi = { url: 'http://127.0.0.1:1', serviceRoleKey: 'sb_secret_test' };
const items = [{ email: 'a@example.org' }, { email: 'b@example.org' }, { email: 'c@example.org' }];

afterEach(() => {
	jest.restoreAllMocks();
});

describe('a credential the node cannot read', () => {
	it.each<[string, Partial<RunOptions>, RegExp]>([
		[
			'Supabase, with positions on',
			{ memberDatabase, supabaseSyncApi: undefined },
			/^Select a Supabase credential or turn off Add Positions From Supabase$/,
		],
		['Member Database', { memberDatabase: undefined, supabaseSyncApi }, /^Select a Member Database credential$/],
		['both (read side by side; the Member Database is named first)', { memberDatabase: undefined, supabaseSyncApi: undefined }, /^Select a Member Database credential$/],
	])('%s: stops at item 1 saying what to select', async (_, credentials, message) => {
		const lookUpKeys = jest.spyOn(batch, 'lookUpKeys');
		const run = runLookup({ items, ...credentials } as RunOptions);
		await expect(run).rejects.toThrow(message);
		await expect(run).rejects.toMatchObject({
			name: 'NodeOperationError',
			description: expect.stringMatching(/choose a .* credential in the node/i),
			context: { itemIndex: 0 },
		});
		expect(lookUpKeys).not.toHaveBeenCalled();
	});

	it('with continue-on-fail sends every item to the error output', async () => {
		const { output } = await runLookup({ items, memberDatabase, continueOnFail: true });
		expect(output.map((item) => [item.pairedItem, item.json.error, item.error?.name])).toEqual(
			items.map((_, item) => [
				{ item },
				'Select a Supabase credential or turn off Add Positions From Supabase',
				'NodeOperationError',
			]),
		);
		expect(output.map((item) => item.error?.context.itemIndex)).toEqual([0, 1, 2]);
	});

	it('does not ask for Supabase when positions are off', async () => {
		jest.spyOn(batch, 'lookUpKeys').mockResolvedValue(
			new Map(items.map(({ email }) => [email, { kind: 'notFound' as const }])),
		);
		const { output } = await runLookup({ items, parameters: { includePositions: false }, memberDatabase });
		expect(output.map((item) => item.json.found)).toEqual([false, false, false]);
	});
});

describe('an item the batch layer left without an answer', () => {
	beforeEach(() => {
		// Stands in for a future path that forgets a key: b@example.org gets no outcome.
		jest.spyOn(batch, 'lookUpKeys').mockResolvedValue(
			new Map([
				['a@example.org', { kind: 'notFound' as const }],
				['c@example.org', { kind: 'notFound' as const }],
			]),
		);
	});

	it('is reported as that item’s error, not dropped', async () => {
		const { output } = await runLookup({ items, memberDatabase, supabaseSyncApi, continueOnFail: true });
		expect(output.map((item) => [item.pairedItem, item.json.found ?? item.json.error])).toEqual([
			[{ item: 0 }, false],
			[{ item: 1 }, 'Item 2 got no answer from the lookup'],
			[{ item: 2 }, false],
		]);
		expect(output[1].error).toMatchObject({ name: 'NodeOperationError', context: { itemIndex: 1 } });
	});

	it('stops the run at that item without continue-on-fail', async () => {
		const run = runLookup({ items, memberDatabase, supabaseSyncApi });
		await expect(run).rejects.toThrow('Item 2 got no answer from the lookup');
		await expect(run).rejects.toMatchObject({ name: 'NodeOperationError', context: { itemIndex: 1 } });
	});
});
