/**
 * The Todoist stand-in itself: it must refuse what Todoist's SDK never sends (so the node tests can fail), and answer
 * in the shapes the SDK parses (its TaskSchema and RawCommentSchema, snake_case on the wire).
 */
import { z } from 'zod';

import { startTodoistFake, type TodoistFake } from '../support/todoist-fake';
import { todoistTaskShape } from '../support/todoistWebhookShape';

let fake: TodoistFake;
beforeEach(async () => {
	fake = await startTodoistFake();
});
afterEach(async () => {
	await fake.close();
});

const send = async (method: string, path: string, { body, headers = {} }: { body?: string; headers?: Record<string, string> } = {}) => {
	const response = await fetch(`${fake.baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${fake.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
		body,
	});
	const text = await response.text();
	return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
};

/** The SDK's RawCommentSchema (src/types/comments/types.ts) as the wire spells it. */
const CommentSchema = z
	.object({
		id: z.string(),
		item_id: z.string().optional(),
		project_id: z.string().optional(),
		content: z.string(),
		posted_at: z.coerce.date(),
		file_attachment: z.object({ resource_type: z.string() }).passthrough().nullable(),
		posted_uid: z.string(),
		uids_to_notify: z.array(z.string()).nullable(),
		reactions: z.record(z.string(), z.array(z.string())).nullable(),
		is_deleted: z.boolean(),
	})
	.refine((comment) => (comment.item_id === undefined) !== (comment.project_id === undefined));

it('answers a task and a comment in the shapes the SDK parses, and closes with 204', async () => {
	const task = fake.seedTask();
	expect(todoistTaskShape.strict().safeParse((await send('GET', `/api/v1/tasks/${task.id}`)).json).success).toBe(true);
	const comment = await send('POST', '/api/v1/comments', { body: JSON.stringify({ task_id: task.id, content: 'Hi', uids_to_notify: ['1'] }) });
	expect(comment.status).toBe(200);
	expect(CommentSchema.safeParse(comment.json).success).toBe(true);
	expect(await send('POST', `/api/v1/tasks/${task.id}/close`)).toEqual({ status: 204, json: undefined });
	expect(fake.rejected).toEqual([]);
});

it('answers a wrong token with 401 (Todoist’s answer, not a broken contract)', async () => {
	const answer = await send('POST', `/api/v1/tasks/${fake.seedTask().id}/close`, { headers: { authorization: 'Bearer wrong' } });
	expect(answer).toMatchObject({ status: 401, json: { error_tag: 'AUTH_INVALID_TOKEN', http_code: 401 } });
	expect(fake.rejected).toEqual([]);
});

it.each([
	['an unknown route', 'GET', '/rest/v2/tasks/6X7rM8997g3RQmvh', {}, 'no route GET /rest/v2/tasks/6X7rM8997g3RQmvh'],
	['closing with GET', 'GET', '/api/v1/tasks/6X7rM8997g3RQmvh/close', {}, 'no route GET /api/v1/tasks/6X7rM8997g3RQmvh/close'],
	['no Bearer token', 'POST', '/api/v1/tasks/6X7rM8997g3RQmvh/close', { headers: { authorization: 'Token abc' } }, 'no Authorization: Bearer <token> header'],
	['a body on close', 'POST', '/api/v1/tasks/6X7rM8997g3RQmvh/close', { body: '{"id":"x"}' }, 'closeTask takes no body'],
	['a query string', 'GET', '/api/v1/tasks/6X7rM8997g3RQmvh?fields=all', {}, 'unexpected query string ?fields=all'],
	['a placeholder id', 'POST', '/api/v1/tasks/tmp-1/reopen', {}, '"tmp-1" is not a task id'],
	['a long X-Request-Id', 'POST', '/api/v1/tasks/6X7rM8997g3RQmvh/close', { headers: { 'x-request-id': 'x'.repeat(37) } }, 'X-Request-Id must be 1 to 36 bytes'],
	['camelCase fields', 'POST', '/api/v1/comments', { body: '{"taskId":"6X7rM8997g3RQmvh","content":"Hi"}' }, 'unknown field(s) taskId'],
	['no task_id nor project_id', 'POST', '/api/v1/comments', { body: '{"content":"Hi"}' }, 'exactly one of task_id and project_id is required'],
	['both task_id and project_id', 'POST', '/api/v1/comments', { body: '{"content":"Hi","task_id":"a","project_id":"b"}' }, 'exactly one of task_id and project_id is required'],
	['content that is not text', 'POST', '/api/v1/comments', { body: '{"content":5,"task_id":"a"}' }, 'content must be a non-empty string'],
	['a numeric task_id', 'POST', '/api/v1/comments', { body: '{"content":"Hi","task_id":123}' }, 'task_id must be a non-empty string'],
	['uids_to_notify as text', 'POST', '/api/v1/comments', { body: '{"content":"Hi","task_id":"a","uids_to_notify":"1,2"}' }, 'uids_to_notify must be a list of strings'],
	['a form body', 'POST', '/api/v1/comments', { body: 'content=Hi', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 'a comment is sent as application/json'],
])('refuses %s with 400 and records it in rejected', async (_, method, path, request, reason) => {
	const answer = await send(method, path, request as { body?: string; headers?: Record<string, string> });
	expect(answer).toMatchObject({ status: 400, json: { http_code: 400 } });
	expect(fake.rejected).toEqual([{ method, path: path.split('?')[0], reason }]);
});
