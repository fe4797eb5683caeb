/**
 * Todoist API v1 as Doist's SDK (@doist/todoist-sdk, src/clients/{task,comment}-client.ts, src/transport/http-client.ts,
 * src/utils/{request-helpers,validators}.ts) sends it, for the four calls the Todoist Task node makes:
 *
 *   GET  /api/v1/tasks/{id}           getTask      no body
 *   POST /api/v1/tasks/{id}/close     closeTask    no body (answers 204)
 *   POST /api/v1/tasks/{id}/reopen    reopenTask   no body (answers 204)
 *   POST /api/v1/comments             addComment   JSON, snake_case: content, exactly one of task_id / project_id,
 *                                                  optional attachment {file_url, file_name?, file_type?, resource_type?}
 *                                                  or null, optional uids_to_notify (a list of strings)
 *
 * Every call carries `Authorization: Bearer <token>`; a POST may carry `X-Request-Id` (at most 36 bytes). Ids are
 * non-empty path segments that do not start with `tmp-` (the SDK's IdSchema), percent-encoded.
 */
import type { IncomingHttpHeaders } from 'node:http';

export type RouteName = 'getTask' | 'closeTask' | 'reopenTask' | 'addComment';

export interface Matched {
	route: RouteName;
	taskId?: string;
}

export interface ReceivedRequest {
	method: string;
	pathname: string;
	query: string;
	headers: IncomingHttpHeaders;
	rawBody: string;
}

const TASK_PATH = /^\/api\/v1\/tasks\/([^/]+)(?:\/(close|reopen))?$/;

export function matchRoute(method: string, pathname: string): Matched | undefined {
	if (method === 'POST' && pathname === '/api/v1/comments') return { route: 'addComment' };
	const task = TASK_PATH.exec(pathname);
	if (!task) return undefined;
	let taskId: string;
	try {
		taskId = decodeURIComponent(task[1]);
	} catch {
		return undefined; // not percent-encoding at all: no route
	}
	if (task[2] === undefined) return method === 'GET' ? { route: 'getTask', taskId } : undefined;
	if (method !== 'POST') return undefined;
	return { route: task[2] === 'close' ? 'closeTask' : 'reopenTask', taskId };
}

const COMMENT_FIELDS = new Set(['content', 'task_id', 'project_id', 'attachment', 'uids_to_notify']);
const ATTACHMENT_FIELDS = new Set(['file_url', 'file_name', 'file_type', 'resource_type']);

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function commentBodyProblem(request: ReceivedRequest): string | undefined {
	if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return 'a comment is sent as application/json';
	let body: unknown;
	try {
		body = JSON.parse(request.rawBody);
	} catch {
		return 'the body is not JSON';
	}
	if (!isObject(body)) return 'the body is not a JSON object';
	const unknown = Object.keys(body).filter((key) => !COMMENT_FIELDS.has(key));
	if (unknown.length > 0) return `unknown field(s) ${unknown.join(', ')}`;
	if (typeof body.content !== 'string' || body.content === '') return 'content must be a non-empty string';
	const owners = ['task_id', 'project_id'].filter((key) => body[key] !== undefined);
	if (owners.length !== 1) return 'exactly one of task_id and project_id is required';
	if (typeof body[owners[0]] !== 'string' || body[owners[0]] === '') return `${owners[0]} must be a non-empty string`;
	const { attachment, uids_to_notify: notify } = body;
	if (attachment !== undefined && attachment !== null) {
		if (!isObject(attachment) || typeof attachment.file_url !== 'string') return 'attachment needs a file_url string';
		if (Object.entries(attachment).some(([key, value]) => !ATTACHMENT_FIELDS.has(key) || typeof value !== 'string')) {
			return 'attachment holds only file_url, file_name, file_type and resource_type strings';
		}
	}
	if (notify !== undefined && !(Array.isArray(notify) && notify.every((uid) => typeof uid === 'string'))) {
		return 'uids_to_notify must be a list of strings';
	}
	return undefined;
}

/** Why the request breaks the contract, or undefined when it keeps it. The token itself is checked later (401). */
export function contractProblem(matched: Matched, request: ReceivedRequest): string | undefined {
	if (!/^Bearer \S+$/.test(request.headers.authorization ?? '')) return 'no Authorization: Bearer <token> header';
	if (request.query !== '') return `unexpected query string ?${request.query}`;
	const requestId = request.headers['x-request-id'];
	if (requestId !== undefined) {
		if (request.method !== 'POST') return 'X-Request-Id goes with POST requests';
		if (typeof requestId !== 'string' || requestId === '' || Buffer.byteLength(requestId) > 36) {
			return 'X-Request-Id must be 1 to 36 bytes';
		}
	}
	if (matched.taskId !== undefined && (matched.taskId === '' || matched.taskId.startsWith('tmp-'))) {
		return `"${matched.taskId}" is not a task id`;
	}
	if (matched.route === 'addComment') return commentBodyProblem(request);
	return request.rawBody === '' ? undefined : `${matched.route} takes no body`;
}
