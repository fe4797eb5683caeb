/**
 * A loopback Todoist API v1 for the Todoist Task node's tests: node:http on 127.0.0.1 with a free port, tasks and
 * comments in memory. Every request is checked against the contract in `contract.ts`; one that breaks it gets a
 * 400 and lands in `rejected` (tests assert it stays empty, see `jest.ts`). Faults on demand: 429 with Retry-After
 * (header, body or both), 5xx, a 5xx after the change was made (a lost answer), and a rate-limited window.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { contractProblem, matchRoute, type Matched, type ReceivedRequest, type RouteName } from './contract';
import { errorBody, newComment, newTask, type WireComment, type WireTask } from './records';

export type { RouteName } from './contract';
export type { WireComment, WireTask } from './records';

/**
 * What Todoist answers when a task is closed that is already completed, or reopened while open. Its docs do not
 * say, so the node must cope with each: a plain 204, a 404, or a 400.
 */
export type RepeatedChange = 'noContent' | 'notFound' | 'badRequest';

export interface TodoistFakeOptions {
	token?: string;
	repeatedChange?: RepeatedChange;
}

export interface Fault {
	route: RouteName;
	status: number;
	/** How many requests it hits (default: all). */
	times?: number;
	/** `Retry-After` header value (seconds, or an HTTP date). */
	retryAfterHeader?: string;
	/** `error_extra.retry_after` in the body (seconds); defaults to 3, as Todoist puts one on every error. */
	retryAfterInBody?: number;
	/** Make the change, then answer with the fault (the answer is lost on the way back). */
	afterApplying?: boolean;
}

export interface LoggedRequest {
	route?: RouteName;
	method: string;
	path: string;
	status: number;
	/** When it arrived (Date.now()). */
	atMs: number;
	authorization?: string;
	requestId?: string;
	contentType?: string;
	/** The JSON body, or the raw text when it is not JSON ('' for none). */
	body: unknown;
	/** Answered from an earlier request with the same X-Request-Id, without applying it again. */
	replayed: boolean;
}

interface Answer {
	status: number;
	body?: object;
	headers?: Record<string, string>;
}

export class TodoistFake {
	readonly tasks = new Map<string, WireTask>();

	readonly comments: WireComment[] = [];

	readonly requests: LoggedRequest[] = [];

	readonly rejected: Array<{ method: string; path: string; reason: string }> = [];

	readonly token: string;

	private readonly faults: Fault[] = [];

	private readonly answered = new Map<string, Answer>();

	private rateLimitedUntilMs = 0;

	constructor(
		readonly baseUrl: string,
		private readonly options: TodoistFakeOptions,
		private readonly stop: () => Promise<void>,
	) {
		this.token = options.token ?? 'todoist-test-token';
	}

	/** The `todoistSyncApi` credential aimed at this fake. */
	get credentials() {
		return { apiToken: this.token, appClientSecret: '', baseUrl: this.baseUrl };
	}

	seedTask(overrides: Partial<WireTask> = {}): WireTask {
		const task = newTask(overrides);
		this.tasks.set(task.id, task);
		return task;
	}

	fail(fault: Fault): void {
		this.faults.push({ ...fault });
	}

	/** Every request for the next `ms` gets 429 with `Retry-After` in whole seconds until the window ends. */
	rateLimitFor(ms: number): number {
		this.rateLimitedUntilMs = Date.now() + ms;
		return this.rateLimitedUntilMs;
	}

	/** Statuses of the requests to one route, in order. */
	statuses(route: RouteName): number[] {
		return this.requests.filter((request) => request.route === route).map((request) => request.status);
	}

	async close(): Promise<void> {
		await this.stop();
	}

	handle(request: ReceivedRequest): Answer & { route?: RouteName; replayed?: boolean } {
		const matched = matchRoute(request.method, request.pathname);
		const problem = matched ? contractProblem(matched, request) : `no route ${request.method} ${request.pathname}`;
		if (!matched || problem) {
			this.rejected.push({ method: request.method, path: request.pathname, reason: problem ?? '' });
			return { route: matched?.route, status: 400, body: errorBody(400, 'INVALID_REQUEST', problem ?? 'Bad request') };
		}
		const route = matched.route;
		if (request.headers.authorization !== `Bearer ${this.token}`) {
			return { route, status: 401, body: errorBody(401, 'AUTH_INVALID_TOKEN', 'Invalid token', 9) };
		}
		const now = Date.now();
		if (now < this.rateLimitedUntilMs) {
			const seconds = String(Math.ceil((this.rateLimitedUntilMs - now) / 1000));
			return { route, status: 429, headers: { 'retry-after': seconds }, body: errorBody(429, 'TOO_MANY_REQUESTS', 'Too many requests', Number(seconds)) };
		}
		const requestId = request.headers['x-request-id'] as string | undefined;
		const earlier = requestId ? this.answered.get(`${route}:${requestId}`) : undefined;
		if (earlier) return { route, ...earlier, replayed: true };

		const fault = this.takeFault(route);
		if (fault && !fault.afterApplying) return { route, ...faultAnswer(fault) };
		const answer = this.apply(matched, request);
		if (requestId && answer.status < 300) this.answered.set(`${route}:${requestId}`, answer);
		return { route, ...(fault ? faultAnswer(fault) : answer) };
	}

	private takeFault(route: RouteName): Fault | undefined {
		const index = this.faults.findIndex((fault) => fault.route === route);
		if (index < 0) return undefined;
		const fault = this.faults[index];
		if (fault.times !== undefined && --fault.times <= 0) this.faults.splice(index, 1);
		return fault;
	}

	private apply(matched: Matched, request: ReceivedRequest): Answer {
		const task = matched.taskId === undefined ? undefined : this.tasks.get(matched.taskId);
		const notFound = { status: 404, body: errorBody(404, 'NOT_FOUND', 'Task not found') };
		if (matched.route === 'addComment') {
			const body = JSON.parse(request.rawBody) as { task_id?: string; content: string };
			const target = body.task_id === undefined ? undefined : this.tasks.get(body.task_id);
			if (!target || target.is_deleted) return notFound;
			const comment = newComment(target.id, body.content);
			this.comments.push(comment);
			return { status: 200, body: comment };
		}
		if (!task || task.is_deleted) return notFound;
		if (matched.route === 'getTask') return { status: 200, body: task };
		const closing = matched.route === 'closeTask';
		if (task.checked === closing) return this.repeatedChange(closing);
		task.checked = closing;
		task.completed_at = closing ? new Date().toISOString() : null;
		task.updated_at = new Date().toISOString();
		return { status: 204 };
	}

	private repeatedChange(closing: boolean): Answer {
		const mode = this.options.repeatedChange ?? 'noContent';
		if (mode === 'noContent') return { status: 204 };
		if (mode === 'notFound') return { status: 404, body: errorBody(404, 'NOT_FOUND', 'Task not found') };
		const words = closing ? 'Task is already completed' : 'Task is not completed';
		return { status: 400, body: errorBody(400, closing ? 'ITEM_ALREADY_COMPLETED' : 'ITEM_NOT_COMPLETED', words) };
	}
}

function faultAnswer(fault: Fault): Answer {
	const tag = fault.status === 429 ? 'TOO_MANY_REQUESTS' : 'SERVICE_UNAVAILABLE';
	return {
		status: fault.status,
		headers: fault.retryAfterHeader === undefined ? {} : { 'retry-after': fault.retryAfterHeader },
		body: errorBody(fault.status, tag, fault.status === 429 ? 'Too many requests' : 'Service unavailable', fault.retryAfterInBody),
	};
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function parsed(text: string): unknown {
	try {
		return text === '' ? '' : (JSON.parse(text) as unknown);
	} catch {
		return text;
	}
}

export async function startTodoistFake(options: TodoistFakeOptions = {}): Promise<TodoistFake> {
	const server = createServer((request: IncomingMessage, response: ServerResponse) => {
		const atMs = Date.now();
		void readBody(request).then((rawBody) => {
			const url = new URL(request.url ?? '/', 'http://loopback');
			const received: ReceivedRequest = {
				method: request.method ?? '',
				pathname: url.pathname,
				query: url.search.slice(1),
				headers: request.headers,
				rawBody,
			};
			const answer = fake.handle(received);
			fake.requests.push({
				route: answer.route,
				method: received.method,
				path: url.pathname,
				status: answer.status,
				atMs,
				authorization: request.headers.authorization,
				requestId: request.headers['x-request-id'] as string | undefined,
				contentType: request.headers['content-type'],
				body: parsed(rawBody),
				replayed: answer.replayed ?? false,
			});
			const headers = { connection: 'close', ...answer.headers, ...(answer.body ? { 'content-type': 'application/json' } : {}) };
			response.writeHead(answer.status, headers).end(answer.body ? JSON.stringify(answer.body) : undefined);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const stop = () =>
		new Promise<void>((resolve, reject) => {
			server.close((error) => (error ? reject(error) : resolve()));
			server.closeAllConnections();
		});
	// Requests can only come once the server listens, so the handler above never sees `fake` uninitialised.
	const fake = new TodoistFake(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, options, stop);
	return fake;
}
