/**
 * The request pipeline: token → route → rate limit → contract checks → faults → behaviour. Every
 * request is logged; contract violations are answered with 400 and recorded for the test to fail on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Behaviours, BehaviourConfig, Reply } from './behaviours/types';
import { errorList, FakeHttpError } from './errors';
import { errorCodeFor, type Faults } from './faults';
import type { RateLimiter } from './rate-limiter';
import type { InvalidRequest, TrafficLog } from './records';
import { type LoadedSpec, matchRoute, type SpecOperation } from './spec';
import type { Store } from './store';
import type { ContractValidator, Violation } from './validator';

export interface PipelineDeps {
	token: string;
	spec: LoadedSpec;
	validator: ContractValidator;
	store: Store;
	config: BehaviourConfig;
	behaviours: Behaviours;
	limiter: RateLimiter;
	faults: Faults;
	log: TrafficLog;
	validateResponses: boolean;
}

interface Answer extends Reply {
	headers?: Record<string, string>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function flatten(headers: IncomingMessage['headers']): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return flat;
}

function parseJson(raw: Buffer, contentType: string | undefined): { body?: unknown; violation?: Violation } {
	if (raw.length === 0) return {};
	if (!/^application\/json\b/i.test(contentType ?? '')) {
		return { violation: { kind: 'body', problems: [`Content-Type must be application/json, not ${contentType}`] } };
	}
	try {
		return { body: JSON.parse(raw.toString('utf8')) };
	} catch (error) {
		return { violation: { kind: 'body', problems: [`The body is not valid JSON: ${(error as Error).message}`] } };
	}
}

export class RequestPipeline {
	/** Latency added to every request (on top of injected latency faults). */
	latencyMs = 0;
	/** Responses held open by `hang` faults, ended when the fake closes. */
	readonly held = new Set<ServerResponse>();

	constructor(private readonly deps: PipelineDeps) {}

	handle = (req: IncomingMessage, res: ServerResponse): void => {
		this.serve(req, res).catch((error: unknown) => {
			if (!res.headersSent) this.send(res, { status: 500, body: errorList('server_error', String(error)) });
		});
	};

	private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const { deps } = this;
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', 'http://fake.invalid');
		const raw = await readBody(req);
		const headers = flatten(req.headers);
		const parsed = parseJson(raw, headers['content-type']);
		const route = matchRoute(deps.spec, method, url.pathname);
		const operation = 'operation' in route ? route.operation : undefined;
		const record = { method, path: url.pathname, template: operation?.template, body: parsed.body };
		deps.log.count(`${method} ${operation?.template ?? url.pathname}`);
		const finish = (answer: Answer, invalid?: Omit<InvalidRequest, keyof typeof record | 'status'>) => {
			deps.log.requests.push({ ...record, status: answer.status, at: deps.store.clock() });
			if (invalid) deps.log.invalidRequests.push({ ...record, ...invalid, status: answer.status });
			if (operation && deps.validateResponses) this.checkResponse(operation, answer);
			this.send(res, answer);
		};

		// The scheme name is case-insensitive (RFC 9110); the token is not.
		if (headers.authorization?.replace(/^bearer /i, 'Bearer ') !== `Bearer ${deps.token}`) {
			const problem = headers.authorization ? 'The Bearer token is not the one this fake issued' : 'No Authorization header';
			finish({ status: 401, body: errorList('unauthorized', 'Access Token Invalid') }, { kind: 'auth', problems: [problem] });
			return;
		}
		if (!operation) {
			const problem = 'error' in route ? route.error : 'No route';
			finish({ status: 400, body: errorList('bad_request', problem) }, { kind: 'route', problems: [problem] });
			return;
		}
		const rate = deps.limiter.take();
		const withRate = (answer: Answer): Answer => ({ ...answer, headers: { ...rate.headers, ...answer.headers } });
		if (!rate.allowed) {
			finish(withRate({ status: 429, body: errorList('rate_limit_exceeded', 'Rate limit exceeded') }));
			return;
		}
		const violation =
			(headers['intercom-version'] ? undefined : { kind: 'header' as const, problems: ['No Intercom-Version header'] }) ??
			deps.validator.checkParameters(operation, {
				path: 'pathParams' in route ? route.pathParams : {},
				query: Object.fromEntries(url.searchParams),
				header: headers,
			}) ??
			parsed.violation ??
			deps.validator.checkBody(operation, parsed.body);
		if (violation) {
			const message = `${violation.problems[0]}${violation.problems.length > 1 ? ' (and more)' : ''}`;
			finish(withRate({ status: 400, body: errorList('parameter_invalid', message) }), violation);
			return;
		}

		const plan = deps.faults.plan(method, operation.template, url.pathname);
		const delay = this.latencyMs + plan.latencyMs;
		if (delay > 0) await sleep(delay);
		if (plan.error && !plan.error.afterWrite) {
			finish(withRate(this.injectedError(plan.error.status ?? 500, plan.error)));
			return;
		}
		if (plan.hang && !plan.hang.applyWrite) {
			this.hold(res, record);
			return;
		}
		const behaviour = deps.behaviours[`${method} ${operation.template}`];
		if (!behaviour) {
			const problem = `The Intercom fake does not implement ${method} ${operation.template}`;
			finish(withRate({ status: 501, body: errorList('not_implemented', problem) }), { kind: 'unimplemented', problems: [problem] });
			return;
		}
		let answer: Answer;
		let contractProblem: string | undefined;
		try {
			answer = behaviour({
				store: deps.store,
				config: deps.config,
				params: 'pathParams' in route ? route.pathParams : {},
				query: url.searchParams,
				body: parsed.body,
			});
		} catch (error) {
			if (!(error instanceof FakeHttpError)) throw error;
			answer = { status: error.status, body: error.body };
			if (error.violatesContract) contractProblem = error.message;
		}
		if (plan.hang) {
			this.hold(res, record);
			return;
		}
		if (plan.error) answer = this.injectedError(plan.error.status ?? 500, plan.error);
		finish(withRate(answer), contractProblem ? { kind: 'body', problems: [contractProblem] } : undefined);
	}

	private injectedError(status: number, fault: { code?: string; message?: string }): Answer {
		const code = fault.code ?? errorCodeFor(status);
		const answer: Answer = { status, body: errorList(code, fault.message ?? `Injected ${status} (${code})`) };
		// A 429 must say when to come back, like the limiter's own.
		if (status === 429) answer.headers = { ...this.deps.limiter.headers(), 'X-RateLimit-Remaining': '0' };
		return answer;
	}

	private hold(res: ServerResponse, record: { method: string; path: string; template?: string; body?: unknown }): void {
		this.deps.log.requests.push({ ...record, status: 0, at: this.deps.store.clock() });
		this.held.add(res);
		res.on('close', () => this.held.delete(res));
	}

	private checkResponse(operation: SpecOperation, answer: Answer): void {
		const problems = this.deps.validator.checkResponse(operation, answer.status, answer.body);
		if (problems.length > 0) {
			this.deps.log.invalidResponses.push({ method: operation.method, template: operation.template, status: answer.status, problems });
		}
	}

	private send(res: ServerResponse, answer: Answer): void {
		const headers: Record<string, string> = { ...answer.headers };
		if (answer.body === undefined) {
			res.writeHead(answer.status, headers).end();
			return;
		}
		const payload = JSON.stringify(answer.body);
		headers['Content-Type'] = 'application/json; charset=utf-8';
		headers['Content-Length'] = String(Buffer.byteLength(payload));
		res.writeHead(answer.status, headers).end(payload);
	}
}
