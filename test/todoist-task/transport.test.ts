/**
 * The Todoist Task node's transport against the stand-in's faults: 429s paced on Retry-After (header or body) and
 * retried, 5xx and lost answers retried with backoff without doing anything twice, and bounded retries that end
 * in a message saying what happened.
 */
import type { IDataObject } from 'n8n-workflow';

import { TodoistTask } from '../../nodes/TodoistTask/TodoistTask.node';
import { createTodoistTransport, DEFAULT_TODOIST_SETTINGS } from '../../nodes/TodoistTask/transport/client';
import { closedLoopbackPort, startSilentServer } from '../support/loopbackStandIn';
import { useTodoistFake } from '../support/todoist-fake/jest';
import { runTodoistNode, todoistExecuteContext, type RunOptions } from '../support/todoistNodeRunner';

const node = new TodoistTask();
const todoist = useTodoistFake();

type Parameters = IDataObject;
const run = async (parameters: Parameters | ((itemIndex: number) => Parameters), options: Partial<RunOptions> = {}) =>
	await runTodoistNode(node, todoist.fake, { parameters, continueOnFail: true, ...options });

/** Polls until `done` holds, for at most two seconds. */
async function waitFor(done: () => boolean): Promise<void> {
	for (const deadline = Date.now() + 2000; !done(); ) {
		if (Date.now() > deadline) throw new Error('Timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const arrivals = (route: string) => todoist.fake.requests.filter((request) => request.route === route);

describe('rate limits (429)', () => {
	it('waits for the Retry-After header, then succeeds', async () => {
		const task = todoist.fake.seedTask();
		todoist.fake.fail({ route: 'closeTask', status: 429, times: 1, retryAfterHeader: '1', retryAfterInBody: 1 });
		const { items } = await run({ operation: 'close', taskId: task.id });
		expect(items.map((item) => item.json)).toEqual([{ taskId: task.id, action: 'closed' }]);
		const [refused, accepted] = arrivals('closeTask');
		expect([refused.status, accepted.status]).toEqual([429, 204]);
		expect(accepted.atMs - refused.atMs).toBeGreaterThanOrEqual(1000);
		expect(accepted.requestId).toBe(refused.requestId);
	});

	it('reads the wait from error_extra.retry_after when there is no header', async () => {
		const task = todoist.fake.seedTask();
		todoist.fake.fail({ route: 'addComment', status: 429, times: 1, retryAfterInBody: 1 });
		const { successes } = await run({ operation: 'addComment', taskId: task.id, content: 'Resolved' });
		expect(successes).toHaveLength(1);
		const [refused, accepted] = arrivals('addComment');
		expect([refused.status, accepted.status]).toEqual([429, 200]);
		expect(accepted.atMs - refused.atMs).toBeGreaterThanOrEqual(1000);
		expect(todoist.fake.comments).toHaveLength(1);
	});

	it('holds the other requests of the execution until the time Todoist named, not only the refused one', async () => {
		const [first, second] = [todoist.fake.seedTask(), todoist.fake.seedTask()];
		todoist.fake.fail({ route: 'closeTask', status: 429, times: 1, retryAfterHeader: '1' });
		const transport = await createTodoistTransport(todoistExecuteContext(todoist.fake, { parameters: {} }), DEFAULT_TODOIST_SETTINGS);
		const close = async (taskId: string) => await transport.call({ action: `close task ${taskId}`, method: 'POST', path: `/tasks/${taskId}/close` });

		const refusedFirst = close(first.id);
		await waitFor(() => todoist.fake.requests.length === 1);
		await new Promise((resolve) => setTimeout(resolve, 100)); // the node has read the 429 by now
		await Promise.all([refusedFirst, close(second.id)]);

		const [refused, ...accepted] = arrivals('closeTask');
		expect([refused.status, ...accepted.map((request) => request.status)]).toEqual([429, 204, 204]);
		// The second task was not refused, yet its request waited for the end of the pause too.
		expect(Math.min(...accepted.map((request) => request.atMs)) - refused.atMs).toBeGreaterThanOrEqual(1000);
	});

	it('gives up at once when Todoist asks for a wait longer than a minute, saying how long', async () => {
		const task = todoist.fake.seedTask();
		todoist.fake.fail({ route: 'reopenTask', status: 429, retryAfterHeader: '900', retryAfterInBody: 900 });
		const { items } = await run({ operation: 'reopen', taskId: task.id });
		expect(items[0].json.error).toBe(`Todoist's rate limit: it asked to wait 900 seconds before trying to reopen task ${task.id} again`);
		expect(items[0].json.details).toMatchObject({ httpCode: '429' });
		expect(todoist.fake.statuses('reopenTask')).toEqual([429]);
	});

	it('stops after the configured retries when the limit does not lift', async () => {
		const task = todoist.fake.seedTask();
		todoist.fake.fail({ route: 'closeTask', status: 429, retryAfterHeader: '0', retryAfterInBody: 0 });
		const { items } = await run({ operation: 'close', taskId: task.id, options: { maxRetries: 2 } });
		expect(items[0].json.error).toBe(`Todoist's rate limit was still exceeded after trying to close task ${task.id} 3 times`);
		expect(todoist.fake.statuses('closeTask')).toEqual([429, 429, 429]);
	});
});

describe('server errors and lost answers', () => {
	it('retries 5xx answers with backoff and succeeds', async () => {
		const task = todoist.fake.seedTask({ checked: true });
		todoist.fake.fail({ route: 'reopenTask', status: 502, times: 2 });
		const { items } = await run({ operation: 'reopen', taskId: task.id });
		expect(items[0].json).toEqual({ taskId: task.id, action: 'reopened' });
		expect(todoist.fake.statuses('reopenTask')).toEqual([502, 502, 204]);
	});

	it('a comment whose answer was lost is sent again with the same X-Request-Id, so Todoist keeps one comment', async () => {
		const task = todoist.fake.seedTask();
		todoist.fake.fail({ route: 'addComment', status: 503, times: 1, afterApplying: true });
		const { items } = await run({ operation: 'addComment', taskId: task.id, content: 'Resolved in Intercom' });
		expect(todoist.fake.comments).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: todoist.fake.comments[0].id, action: 'commented' });
		const [lost, replayed] = arrivals('addComment');
		expect([lost.status, replayed.status, replayed.replayed]).toEqual([503, 200, true]);
		expect(replayed.requestId).toBe(lost.requestId);
	});

	it('two items never share an X-Request-Id (Todoist would drop the second comment)', async () => {
		const task = todoist.fake.seedTask();
		await run({ operation: 'addComment', taskId: task.id, content: 'Same text' }, { items: 2 });
		expect(todoist.fake.comments).toHaveLength(2);
		expect(new Set(arrivals('addComment').map((request) => request.requestId)).size).toBe(2);
	});

	it('says how often it tried when the server errors do not stop', async () => {
		const task = todoist.fake.seedTask();
		todoist.fake.fail({ route: 'closeTask', status: 503 });
		const { items } = await run({ operation: 'close', taskId: task.id, options: { maxRetries: 2 } });
		expect(items[0].json.error).toBe(`Todoist had a server error (HTTP 503) after trying to close task ${task.id} 3 times`);
		expect(items[0].json.details).toMatchObject({ httpCode: '503' });
		expect(todoist.fake.statuses('closeTask')).toEqual([503, 503, 503]);
	});
});

describe('no answer at all', () => {
	it('a server that never answers is a timeout, retried within the Retries option', async () => {
		const silent = await startSilentServer();
		try {
			const { items } = await run(
				{ operation: 'close', taskId: 'AnyTask00000001', options: { timeoutSeconds: 1, maxRetries: 1 } },
				{ credentials: { baseUrl: silent.baseUrl } },
			);
			expect(items[0].json.error).toBe('Todoist did not answer in time: timed out trying to close task AnyTask00000001 2 times');
		} finally {
			await silent.close();
		}
	});

	it('a refused connection says to check Base URL', async () => {
		const baseUrl = `http://127.0.0.1:${await closedLoopbackPort()}`;
		const { items } = await run({ operation: 'reopen', taskId: 'AnyTask00000001', options: { maxRetries: 1 } }, { credentials: { baseUrl } });
		expect(items[0].json.error).toBe('Could not reach Todoist to reopen task AnyTask00000001 (the connection was refused)');
		expect(items[0].json.details).toEqual({
			description: 'Tried 2 times: check Base URL in the Todoist credential (normally https://api.todoist.com), and the network of this n8n.',
		});
	});
});
