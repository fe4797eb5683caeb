/**
 * The shipped retries workflow on one n8n, with its own environment: failures caused by an Intercom that
 * could not answer are run again until they succeed (or the limit is reached), and a failure caused by a
 * setting is left for a person; every outcome lands in the failure's row.
 */
import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import { deliverIntercom, intercomNotification } from '../workflows/deliveries';
import { startWorkflowEnvironment, type WorkflowEnvironment } from '../workflows/environment';
import { runOnce, startOne } from '../workflows/executions';
import { failureRows, type FailureRow } from '../workflows/failureRows';
import { pollUntil } from '../workflows/polling';
import { enableRetries } from '../workflows/retries';

const MAX_RETRIES = 3;
let env: WorkflowEnvironment;

beforeAll(async () => {
	env = await startWorkflowEnvironment();
	// Every 3 s, first retry 3 s after a failure, doubling to at most 12 s: seconds instead of minutes.
	await enableRetries(env, { everySeconds: 3, firstWaitMinutes: 0.05, longestWaitMinutes: 0.2, maxRetries: MAX_RETRIES });
}, 900_000);

afterAll(async () => {
	await env?.stop();
}, 120_000);

let conversation = 0;
async function failOnce(contactId: string) {
	const notification = intercomNotification({ topic: 'conversation.user.created', conversationId: `9500${++conversation}`, author: { id: contactId, type: 'user' } });
	const { execution } = await runOnce(env, WORKFLOW_IDS.memberSync, () =>
		deliverIntercom(env.n8n, env.urls.intercom, notification, env.secrets.intercomClientSecret),
	);
	expect(execution.status).toBe('error');
	return execution;
}

/** Polls the failures table until `done` holds for the execution's row (bounded). */
async function rowWhen(executionId: string, done: (row: FailureRow) => boolean, timeoutMs = 150_000): Promise<FailureRow> {
	const rowOf = async () => (await failureRows(env)).find((candidate) => candidate.execution_id === executionId);
	const { value: row, held } = await pollUntil(rowOf, (found) => found !== undefined && done(found), timeoutMs, 1_000);
	if (!held || !row) throw new Error(`The failure row of execution ${executionId} did not reach the expected state: ${JSON.stringify(row)}`);
	return row;
}

/** Polls `find` until it returns something (bounded). */
async function waitFor<T>(find: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
	const { value } = await pollUntil(find, (found) => found !== undefined, timeoutMs);
	if (value === undefined) throw new Error(`Nothing found within ${timeoutMs} ms`);
	return value;
}

const retriesOf = async (executionId: string) =>
	(await env.n8n.listExecutions(WORKFLOW_IDS.memberSync)).filter((execution) => execution.mode === 'retry' && execution.retryOf === executionId);

describe('retrying failed executions', () => {
	afterEach(() => env.intercom.expectNoInvalidRequests());

	it('runs an execution that failed while Intercom answered 503 again once it answers, and marks its row resolved', async () => {
		const contact = env.intercom.seed.user({ email: 'john.doe@example.com' });
		const fault = env.intercom.faults.fail({ method: 'GET', path: `/contacts/${contact.id}`, status: 503, code: 'service_unavailable' });
		const failed = await failOnce(contact.id);
		// Recorded by the error workflow first, as every failure is.
		await rowWhen(failed.id, (row) => row.resolved === false);
		fault.remove();

		const row = await rowWhen(failed.id, (candidate) => candidate.resolved === true);
		expect(row).toMatchObject({ cause: 'unreachable', retried: 1, needs_person: false, next_retry_at: '' });
		expect(row.last_retry_execution_id).toBeTruthy();
		expect(env.intercom.store.contacts.get(contact.id)!.custom_attributes).toMatchObject({ member_number: '12345' });
		// The retry's own execution is linked to the failed one and adds no row of its own.
		const retried = await env.n8n.getExecution(row.last_retry_execution_id!);
		expect(retried.status).toBe('success');
		expect((await failureRows(env)).filter((candidate) => candidate.execution_id === row.last_retry_execution_id)).toEqual([]);
	}, 240_000);

	it(`stops after ${MAX_RETRIES} retries while Intercom stays down, and leaves the row for a person`, async () => {
		const contact = env.intercom.seed.user({ email: 'jane.roe@example.com' });
		const fault = env.intercom.faults.fail({ method: 'GET', path: `/contacts/${contact.id}`, status: 503, code: 'service_unavailable' });
		try {
			const failed = await failOnce(contact.id);
			const row = await rowWhen(failed.id, (candidate) => candidate.needs_person === true, 200_000);
			expect(row).toMatchObject({ cause: 'unreachable', retried: MAX_RETRIES, resolved: false, next_retry_at: '' });
			// No further retry once the limit is reached.
			await new Promise((resolve) => setTimeout(resolve, 15_000));
			expect(await retriesOf(failed.id)).toHaveLength(MAX_RETRIES);
		} finally {
			fault.remove();
		}
	}, 300_000);

	it('runs again an execution n8n was running when it was killed -9, once n8n is back', async () => {
		const contact = env.intercom.seed.user({ email: 'john.doe@example.com' });
		// Intercom slow for this contact: the run is still waiting on it when n8n dies.
		const slow = env.intercom.faults.delay({ method: 'GET', path: `/contacts/${contact.id}`, ms: 8_000 });
		const notification = intercomNotification({ topic: 'conversation.user.created', conversationId: `9500${++conversation}`, author: { id: contact.id, type: 'user' } });
		const before = (await env.n8n.listExecutions(WORKFLOW_IDS.memberSync)).length;
		const answer = await startOne(env, WORKFLOW_IDS.memberSync, () => deliverIntercom(env.n8n, env.urls.intercom, notification, env.secrets.intercomClientSecret));
		expect(answer.status).toBe(200);
		const running = await waitFor(async () => (await env.n8n.listExecutions(WORKFLOW_IDS.memberSync)).slice(before).find((run) => run.status === 'running'));

		await env.n8n.deployment.mainProcess.kill();
		slow.remove();
		await env.n8n.restart();

		const row = await rowWhen(running.id, (candidate) => candidate.resolved === true);
		expect(row).toMatchObject({ cause: 'crashed', retried: 1, needs_person: false });
		expect(env.intercom.store.contacts.get(contact.id)!.custom_attributes).toMatchObject({ member_number: '12345' });
	}, 300_000);

	it('never retries a failure caused by a setting (Intercom refusing the token): its row says it needs a person', async () => {
		const contact = env.intercom.seed.user({ email: 'sam.smith@example.com' });
		const fault = env.intercom.faults.fail({ method: 'GET', path: `/contacts/${contact.id}`, status: 401, code: 'unauthorized' });
		try {
			const failed = await failOnce(contact.id);
			const row = await rowWhen(failed.id, (candidate) => candidate.needs_person === true);
			expect(row).toMatchObject({ cause: 'needs a person', retried: 0, resolved: false });
			expect(row.error_message).toMatch(/access token/i);
			expect(await retriesOf(failed.id)).toEqual([]);
		} finally {
			fault.remove();
		}
	}, 240_000);
});
