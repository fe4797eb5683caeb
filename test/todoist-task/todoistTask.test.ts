/**
 * The Todoist Task node against the loopback Todoist stand-in (test/support/todoist-fake), which refuses any request
 * Todoist's SDK would not send: what each operation sends, what it outputs, and how items end.
 */
import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { TodoistTask } from '../../nodes/TodoistTask/TodoistTask.node';
import { type RepeatedChange, startTodoistFake, type TodoistFake } from '../support/todoist-fake';
import { useTodoistFake } from '../support/todoist-fake/jest';
import { pairedIndexes, runTodoistNode, type RunOptions } from '../support/todoistNodeRunner';

const node = new TodoistTask();
const todoist = useTodoistFake();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Parameters = IDataObject;
const run = async (parameters: Parameters | ((itemIndex: number) => Parameters), options: Partial<RunOptions> = {}, fake: TodoistFake = todoist.fake) =>
	await runTodoistNode(node, fake, { parameters, continueOnFail: true, ...options });

describe('Add Comment', () => {
	it('posts {task_id, content} to /api/v1/comments with the Bearer token and outputs the comment Todoist made', async () => {
		const task = todoist.fake.seedTask();
		const content = 'Intercom ticket 42 was resolved.\n\n**Thanks!**';
		const { items } = await run({ operation: 'addComment', taskId: task.id, content });

		expect(todoist.fake.requests).toEqual([
			expect.objectContaining({
				route: 'addComment',
				method: 'POST',
				path: '/api/v1/comments',
				status: 200,
				authorization: `Bearer ${todoist.fake.token}`,
				contentType: expect.stringMatching(/^application\/json/),
				body: { task_id: task.id, content },
				requestId: expect.stringMatching(UUID),
			}),
		]);
		const [comment] = todoist.fake.comments;
		expect(comment).toMatchObject({ item_id: task.id, content });
		expect(items).toEqual([{ json: { ...comment, taskId: task.id, action: 'commented' }, pairedItem: { item: 0 } }]);
	});

	it('an empty comment is an error on that item, and nothing is sent', async () => {
		const task = todoist.fake.seedTask();
		const { items } = await run({ operation: 'addComment', taskId: task.id, content: '  \n ' });
		expect(items[0].json.error).toBe('Enter the comment text');
		expect(todoist.fake.requests).toEqual([]);
	});
});

describe.each([
	{ operation: 'close', checkedBefore: false, checkedAfter: true, action: 'closed' },
	{ operation: 'reopen', checkedBefore: true, checkedAfter: false, action: 'reopened' },
])('$operation', ({ operation, checkedBefore, checkedAfter, action }) => {
	it(`posts to /api/v1/tasks/{id}/${operation} without a body and outputs { taskId, action: ${action} }`, async () => {
		const task = todoist.fake.seedTask({ checked: checkedBefore });
		const { items } = await run({ operation, taskId: task.id });

		expect(todoist.fake.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: `/api/v1/tasks/${task.id}/${operation}`,
				status: 204,
				authorization: `Bearer ${todoist.fake.token}`,
				body: '',
				requestId: expect.stringMatching(UUID),
			}),
		]);
		expect(todoist.fake.tasks.get(task.id)?.checked).toBe(checkedAfter);
		expect(items).toEqual([{ json: { taskId: task.id, action }, pairedItem: { item: 0 } }]);
	});
});

// Todoist does not document its answer to closing a completed task (or reopening an open one); the node must
// end the item well whichever it is.
describe.each<RepeatedChange>(['noContent', 'notFound', 'badRequest'])('idempotent when Todoist answers a repeat with %s', (repeatedChange) => {
	let fake: TodoistFake;
	beforeEach(async () => {
		fake = await startTodoistFake({ repeatedChange });
	});
	afterEach(async () => {
		await fake.close();
		expect(fake.rejected).toEqual([]);
	});

	it.each([
		{ operation: 'close', checked: true, done: 'closed', already: 'alreadyClosed' },
		{ operation: 'reopen', checked: false, done: 'reopened', already: 'alreadyOpen' },
	])('$operation twice in a row, and on a task already so, succeeds every time', async ({ operation, checked, done, already }) => {
		const task = fake.seedTask({ checked: !checked });
		const other = fake.seedTask({ checked });
		const first = await run({ operation, taskId: task.id }, {}, fake);
		const again = await run((itemIndex) => ({ operation, taskId: [task.id, other.id][itemIndex] }), { items: 2 }, fake);

		const expected = repeatedChange === 'noContent' ? done : already;
		expect(first.items.map((item) => item.json)).toEqual([{ taskId: task.id, action: done }]);
		expect(again.errors).toEqual([]);
		expect(again.items.map((item) => item.json)).toEqual([
			{ taskId: task.id, action: expected },
			{ taskId: other.id, action: expected },
		]);
		expect([fake.tasks.get(task.id)?.checked, fake.tasks.get(other.id)?.checked]).toEqual([checked, checked]);
		// A refusal is checked by reading the task: GET /api/v1/tasks/{id}.
		expect(fake.statuses('getTask')).toEqual(repeatedChange === 'noContent' ? [] : [200, 200]);
	});

	it('an unknown task is still an error, not "already done"', async () => {
		const { items } = await run({ operation: 'close', taskId: 'NoSuchTask123' }, {}, fake);
		expect(items[0].json.error).toBe('Todoist has no task with ID "NoSuchTask123" — it was deleted, or the Task ID is wrong');
	});
});

describe('items and errors', () => {
	it('every item ends in the output, paired with its input, in input order', async () => {
		const open = todoist.fake.seedTask();
		const done = todoist.fake.seedTask({ checked: true });
		const { items } = await run(
			(itemIndex) => [
				{ operation: 'close', taskId: open.id },
				{ operation: 'close', taskId: 'MissingTask0001' },
				{ operation: 'close', taskId: done.id },
				{ operation: 'close', taskId: '' },
			][itemIndex],
			{ items: 4 },
		);
		expect(pairedIndexes(items)).toEqual([0, 1, 2, 3]);
		expect(items.map((item) => item.json.action ?? item.json.error)).toEqual([
			'closed',
			'Todoist has no task with ID "MissingTask0001" — it was deleted, or the Task ID is wrong',
			'closed',
			'Enter the Task ID',
		]);
	});

	it('an unknown task is an error item that says what to check, with Todoist’s HTTP status', async () => {
		const { items, errors } = await run({ operation: 'addComment', taskId: 'NoSuchTask123', content: 'Hello' });
		expect(errors).toHaveLength(1);
		expect(items[0].json).toEqual({
			error: 'Todoist has no task with ID "NoSuchTask123" — it was deleted, or the Task ID is wrong',
			details: {
				httpCode: '404',
				description: expect.stringContaining('Could not add a comment to task NoSuchTask123. Check the Task ID'),
			},
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('a task deleted in Todoist is reported as missing, not as already reopened', async () => {
		const task = todoist.fake.seedTask({ checked: false, is_deleted: true });
		const { items } = await run({ operation: 'reopen', taskId: task.id });
		expect(items[0].json.error).toBe(`Todoist has no task with ID "${task.id}" — it was deleted, or the Task ID is wrong`);
		expect(items[0].json.details).toMatchObject({ description: expect.stringContaining(`Could not reopen task ${task.id}.`) });
	});

	it('a link or a title in Task ID is refused before anything is sent', async () => {
		const { items } = await run({ operation: 'close', taskId: 'https://app.todoist.com/app/task/fix-6X7rM8997g3RQmvh' });
		expect(items[0].json.error).toBe('"https://app.todoist.com/app/task/fix-6X7rM8997g3RQmvh" is not a Todoist task ID');
		expect(todoist.fake.requests).toEqual([]);
	});

	it('without continue-on-fail the first failing item stops the node with a NodeApiError for that item', async () => {
		const task = todoist.fake.seedTask();
		const failure = await run(
			(itemIndex) => ({ operation: 'reopen', taskId: itemIndex === 1 ? 'GoneTask0000001' : task.id }),
			{ items: 2, continueOnFail: false },
		).then(
			() => undefined,
			(error: unknown) => error as NodeApiError,
		);
		expect(failure?.constructor.name).toBe('NodeApiError');
		expect(failure?.message).toBe('Todoist has no task with ID "GoneTask0000001" — it was deleted, or the Task ID is wrong');
		expect(failure?.httpCode).toBe('404');
		expect(failure?.context.itemIndex).toBe(1);
	});

	it('a wrong API Token says to check the credential, and is not retried (Todoist puts retry_after on every error)', async () => {
		const task = todoist.fake.seedTask();
		const { items } = await run({ operation: 'close', taskId: task.id }, { credentials: { apiToken: 'not-the-token' } });
		expect(items[0].json.error).toBe('Todoist rejected the API Token — check the Todoist credential');
		expect(items[0].json.details).toMatchObject({ httpCode: '401', description: expect.stringContaining('Settings → Integrations → Developer') });
		expect(todoist.fake.statuses('closeTask')).toEqual([401]);
	});

	it('a credential without a valid Base URL stops the node with what to enter', async () => {
		const error = await run({ operation: 'close', taskId: 'X' }, { credentials: { baseUrl: 'api.todoist.com' } }).catch((caught: Error) => caught);
		expect((error as Error).message).toBe('The Todoist credential has no valid Base URL');
	});
});
