import type { INode } from 'n8n-workflow';
import type { Pool } from 'mysql2/promise';

import { failureCause, failureMessage, type StoredError } from '../../nodes/common/failureCause';
import { IntercomRequestError, toNodeApiError as intercomNodeError, type IntercomFailureKind } from '../../nodes/common/intercom/errors';
import { toNodeError as lookupNodeError } from '../../nodes/MemberLookup/actions/errors';
import { openPool, closePool, selectRows, type MemberDatabaseCredentials } from '../../nodes/common/memberDatabase/transport';
import { classifyAnswer, classifyThrown, toNodeApiError as todoistNodeError } from '../../nodes/TodoistTask/transport/errors';
import { freeLoopbackPort } from '../../scripts/n8n/ports';

const node: INode = { id: 'n1', name: 'A node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

/** What n8n keeps of a node's error in the execution: its message, description and HTTP code. */
const stored = (error: { message: string; description?: string | null; httpCode?: string | null }): StoredError => ({
	message: error.message,
	description: error.description,
	httpCode: error.httpCode,
});

const credentials = (port: number): MemberDatabaseCredentials =>
	({ host: '127.0.0.1', port, database: 'members', user: 'lookup', password: 'x', ssl: 'off' }) as unknown as MemberDatabaseCredentials;

/** The member database's error for a driver failure with this code, through the node's own wording. */
async function memberDatabaseError(code: string): Promise<StoredError> {
	const pool = { query: async () => Promise.reject(Object.assign(new Error(`driver says ${code}`), { code })) } as unknown as Pool;
	const failure = await selectRows(pool, { sql: 'SELECT 1', values: [] } as never, credentials(3306)).then(
		() => undefined,
		(error: unknown) => error,
	);
	return stored(lookupNodeError(node, failure as never, 0));
}

describe('failureCause: which failures a retry may heal', () => {
	it('a crashed execution (its process stopped mid-run) may heal by running again', () => {
		expect(failureCause('crashed', undefined)).toBe('crashed');
	});

	it('the member database refusing connections, as the node really reports it, is a service that was unreachable', async () => {
		const port = await freeLoopbackPort();
		const pool = openPool(credentials(port));
		try {
			const failure = await selectRows(pool, { sql: 'SELECT 1', values: [] } as never, credentials(port)).catch((error: unknown) => error);
			expect(failureCause('error', stored(lookupNodeError(node, failure as never, 0)))).toBe('unreachable');
		} finally {
			await closePool(pool);
		}
	});

	it.each(['ECONNRESET', 'ETIMEDOUT', 'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT'])('member database %s is unreachable', async (code) => {
		expect(failureCause('error', await memberDatabaseError(code))).toBe('unreachable');
	});

	it.each(['ER_ACCESS_DENIED_ERROR', 'ER_BAD_DB_ERROR', 'ENOTFOUND'])('member database %s needs a person (a setting is wrong)', async (code) => {
		expect(failureCause('error', await memberDatabaseError(code))).toBe('needs a person');
	});

	const intercom = (kind: IntercomFailureKind, status?: number) =>
		stored(intercomNodeError(node, new IntercomRequestError(kind, 'create the contact', status, { message: 'said' }, 3), 0));

	it.each([
		['network', undefined],
		['server', 502],
		['timeout', undefined],
		['rateLimited', 429],
	] as const)('Intercom %s is unreachable', (kind, status) => {
		expect(failureCause('error', intercom(kind, status))).toBe('unreachable');
	});

	it.each([
		['invalid', 400],
		['notFound', 404],
		['unauthorized', 401],
		['conflict', 409],
	] as const)('Intercom %s needs a person', (kind, status) => {
		expect(failureCause('error', intercom(kind, status))).toBe('needs a person');
	});

	const call = { action: 'close task 6X7rM8997g3RQmvh', method: 'POST' as const, path: '/tasks/6X7rM8997g3RQmvh/close', taskId: '6X7rM8997g3RQmvh' };
	const todoist = (error: ReturnType<typeof classifyAnswer>) => stored(todoistNodeError(node, error, 0));

	it('Todoist answering 503, or not at all, is unreachable; a missing task needs a person', () => {
		expect(failureCause('error', todoist(classifyAnswer(call, 503, {}, 'Service Unavailable', 3)))).toBe('unreachable');
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
		expect(failureCause('error', todoist(classifyThrown(call, refused, 3)))).toBe('unreachable');
		expect(failureCause('error', todoist(classifyAnswer(call, 404, {}, { error_tag: 'NOT_FOUND' }, 1)))).toBe('needs a person');
	});

	it('an error of another node: judged by its HTTP code and network words; anything else needs a person', () => {
		expect(failureCause('error', { message: 'The service is receiving too many requests from you', httpCode: '429' })).toBe('unreachable');
		expect(failureCause('error', { message: 'connect ECONNREFUSED 10.0.0.5:5432' })).toBe('unreachable');
		// ioredis while n8n's Redis (where the locks live) restarts.
		expect(failureCause('error', { message: 'Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.' })).toBe('unreachable');
		expect(failureCause('error', { message: 'Connection is closed.' })).toBe('unreachable');
		expect(failureCause('error', { message: 'Bad request - please check your parameters', httpCode: '400' })).toBe('needs a person');
		expect(failureCause('error', { message: "Cannot read properties of undefined (reading 'email')" })).toBe('needs a person');
		expect(failureCause('error', undefined)).toBe('needs a person');
	});

	it('a worker that died is a crash, in n8n\'s words and in Bull\'s (when n8n reads a failed job it kept)', () => {
		expect(failureCause('error', { message: 'This execution failed to be processed too many times and will no longer retry.' })).toBe('crashed');
		expect(failureCause('error', { message: 'job stalled more than allowable limit' })).toBe('crashed');
	});
});

describe('what a failure row says', () => {
	it('n8n’s message when it recorded one', () => {
		expect(failureMessage('error', { message: 'Intercom did not answer' })).toBe('Intercom did not answer');
	});

	it('never nothing: a crash, or a failure n8n recorded without a message, says so', () => {
		expect(failureMessage('crashed', undefined)).toMatch(/stopped before it finished/);
		for (const error of [undefined, {}, { message: '' }, { message: '  ' }, { message: 42 }]) {
			expect(failureMessage('error', error)).toMatch(/^n8n marked this execution as failed without recording an error/);
		}
	});
});
