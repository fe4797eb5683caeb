/** The Todoist Task node's two-way sync options: Don't Echo Back on close/reopen, Once Per Key on comments. */
import { randomUUID } from 'node:crypto';

import { coordinator } from '../../nodes/common/coordination';
import { TodoistTask } from '../../nodes/TodoistTask/TodoistTask.node';
import { useTodoistFake } from '../support/todoist-fake/jest';
import { runTodoistNode } from '../support/todoistNodeRunner';

const node = new TodoistTask();
const todoist = useTodoistFake();
const mark = async (id: string, change: string) => await coordinator().recall(`echo:todoist:task:${id}:${change}`);

describe("Todoist Task › Don't Echo Back", () => {
	it('reads the task, marks the completion before closing it, and closes it', async () => {
		const task = todoist.fake.seedTask({ checked: false });
		const { items } = await runTodoistNode(node, todoist.fake, { parameters: { operation: 'close', taskId: task.id, options: { dontEchoBack: true } } });
		expect(items[0].json).toEqual({ taskId: task.id, action: 'closed' });
		expect(todoist.fake.requests.map((request) => request.route)).toEqual(['getTask', 'closeTask']);
		expect(await mark(task.id, 'completed')).toBe('expected');
	});

	it('sends nothing and marks nothing when the task already is completed', async () => {
		const task = todoist.fake.seedTask({ checked: true });
		const { items } = await runTodoistNode(node, todoist.fake, { parameters: { operation: 'close', taskId: task.id, options: { dontEchoBack: true } } });
		expect(items[0].json).toEqual({ taskId: task.id, action: 'alreadyClosed' });
		expect(todoist.fake.requests.map((request) => request.route)).toEqual(['getTask']);
		expect(await mark(task.id, 'completed')).toBeUndefined();
	});

	it('marks a reopening as uncompleted, and marks nothing without the option', async () => {
		const task = todoist.fake.seedTask({ checked: true });
		await runTodoistNode(node, todoist.fake, { parameters: { operation: 'reopen', taskId: task.id, options: { dontEchoBack: true } } });
		expect(await mark(task.id, 'uncompleted')).toBe('expected');
		const other = todoist.fake.seedTask({ checked: false });
		await runTodoistNode(node, todoist.fake, { parameters: { operation: 'close', taskId: other.id } });
		expect(await mark(other.id, 'completed')).toBeUndefined();
	});
});

describe('Todoist Task › Once Per Key', () => {
	it('comments once for two items and two executions with one key, at the same time', async () => {
		const task = todoist.fake.seedTask();
		const onceKey = `ticket-${randomUUID()}-resolved`;
		const parameters = { operation: 'addComment', taskId: task.id, content: 'Resolved in Intercom', options: { onceKey } };
		const runs = await Promise.all([
			runTodoistNode(node, todoist.fake, { parameters, items: 2, continueOnFail: true }),
			runTodoistNode(node, todoist.fake, { parameters, continueOnFail: true }),
		]);
		const actions = runs.flatMap((run) => run.items.map((item) => item.json.action)).sort();
		expect(actions).toEqual(['commented', 'skippedRepeat', 'skippedRepeat']);
		expect(todoist.fake.comments).toHaveLength(1);
	});

	it('comments again for another key, and after a failed comment', async () => {
		const task = todoist.fake.seedTask();
		const onceKey = `ticket-${randomUUID()}`;
		const comment = async (key: string, taskId = task.id) =>
			(await runTodoistNode(node, todoist.fake, { parameters: { operation: 'addComment', taskId, content: 'x', options: { onceKey: key } }, continueOnFail: true })).items[0].json;
		expect((await comment(onceKey, 'missingTask1')).error).toBeDefined();
		expect(await comment(onceKey)).toMatchObject({ action: 'commented' });
		expect(await comment(`${onceKey}-other`)).toMatchObject({ action: 'commented' });
		expect(todoist.fake.comments).toHaveLength(2);
	});
});
