import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import { deliverIntercom, intercomNotification } from './deliveries';
import type { WorkflowEnvironment } from './environment';
import { runAloneWhenNamed } from './onEnvironment';
import { expectExecutionsFrom, runOnce } from './executions';
import { deleteFailuresTable, failureRows } from './failureRows';

export function describeFailureRecords(getEnv: () => WorkflowEnvironment): void {
	describe('error workflow', () => {
		it('records every one of 8 failures arriving at once on a fresh install (the table does not exist yet)', async () => {
			const env = getEnv();
			// Whatever ran before: every failure recorded so far, then no table, as on a fresh install.
			await env.n8n.waitForExecutions(WORKFLOW_IDS.failures, 0);
			await deleteFailuresTable(env);
			expect(await failureRows(env)).toEqual([]);
			const contacts = Array.from({ length: 8 }, (_, index) => env.intercom.seed.user({ email: `failing.${index}@example.com` }));
			// Intercom refuses the token for these eight contacts only, so every one of their runs fails.
			const fault = env.intercom.faults.fail({
				method: 'GET',
				path: new RegExp(`^/contacts/(${contacts.map((contact) => contact.id).join('|')})$`),
				status: 401,
				code: 'unauthorized',
			});
			const failuresBefore = (await env.n8n.listExecutions(WORKFLOW_IDS.failures)).length;
			const send = (contactId: string, conversationId: string) =>
				deliverIntercom(
					env.n8n,
					env.urls.intercom,
					intercomNotification({ topic: 'conversation.user.created', conversationId, author: { id: contactId, type: 'user' } }),
					env.secrets.intercomClientSecret,
				);
			try {
				await expectExecutionsFrom(
					env,
					WORKFLOW_IDS.memberSync,
					() => Promise.all(contacts.map((contact, index) => send(contact.id, `9080${index}`))),
					8,
					() => send(env.intercom.seed.lead({ email: null }).id, '90810'),
				);
			} finally {
				fault.remove();
			}

			const recorders = await env.n8n.waitForExecutions(WORKFLOW_IDS.failures, failuresBefore + 8, 120_000);
			expect(recorders.slice(failuresBefore).map((recorder) => recorder.status)).toEqual(Array(8).fill('success'));
			const failed = (await env.n8n.listExecutions(WORKFLOW_IDS.memberSync)).filter((execution) => execution.status === 'error');
			const rows = await failureRows(env);
			expect(rows).toHaveLength(8);
			expect(new Set(rows.map((row) => row.execution_id))).toEqual(new Set(failed.slice(-8).map((execution) => execution.id)));
		});

		it('records a failed execution with the workflow, failing step, message and a link to it', async () => {
			const env = getEnv();
			const contact = env.intercom.seed.user({ email: 'john.doe@example.com' });
			// Intercom refuses the token once: the contact lookup fails and is not retried.
			const fault = env.intercom.faults.fail({ method: 'GET', path: '/contacts/{contact_id}', status: 401, code: 'unauthorized', count: 1 });
			const failuresBefore = (await env.n8n.listExecutions(WORKFLOW_IDS.failures)).length;

			const { execution } = await runOnce(env, WORKFLOW_IDS.memberSync, () =>
				deliverIntercom(
					env.n8n,
					env.urls.intercom,
					intercomNotification({ topic: 'conversation.user.created', conversationId: '90700', author: { id: contact.id, type: 'user' } }),
					env.secrets.intercomClientSecret,
				),
			);
			fault.remove();
			expect(execution.status).toBe('error');
			const [recorder] = (await env.n8n.waitForExecutions(WORKFLOW_IDS.failures, failuresBefore + 1)).slice(-1);
			expect(recorder.status).toBe('success');

			const row = (await failureRows(env)).find((candidate) => candidate.execution_id === execution.id);
			expect(row).toMatchObject({
				workflow: 'Intercom sync: member enrichment and tag re-sync',
				workflow_id: WORKFLOW_IDS.memberSync,
				failed_node: 'Get the contact who wrote',
				error_message: expect.stringMatching(/access token/i),
				execution_url: expect.stringMatching(new RegExp(`/workflow/${WORKFLOW_IDS.memberSync}/executions/${execution.id}$`)),
				mode: 'webhook',
				resolved: false,
			});
		});
	});
}

runAloneWhenNamed(__filename, describeFailureRecords);
