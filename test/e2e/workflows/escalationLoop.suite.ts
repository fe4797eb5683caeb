/**
 * The escalation loop both ways (issue: close the loop): a task completed in Todoist closes its ticket and tells
 * the customer; a ticket the team resolves comments on its task (and, when switched on, completes it); neither
 * change bounces back, also when Intercom reports one resolution twice or deliveries repeat or arrive together.
 */

import type { WorkflowJson } from '../../../scripts/n8n/workflows';
import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import { ticketJson } from '../../support/intercom-fake/serialize';
import { deliverIntercom, deliverTodoist, ticketNotification, todoistEvent, type TodoistTask } from './deliveries';
import type { WorkflowEnvironment } from './environment';
import { runAloneWhenNamed } from './onEnvironment';
import { expectEndedAtOutput, expectExecutionsFrom, expectNoExecution, expectSucceeded, runOnce } from './executions';

const FLOW = WORKFLOW_IDS.bugEscalation;

export function describeEscalationLoop(getEnv: () => WorkflowEnvironment): void {
	describe('Escalation loop, both ways', () => {
		afterEach(() => {
			getEnv().intercom.expectNoInvalidRequests();
			expect(getEnv().todoist.rejected).toEqual([]);
		});

		const ticketFor = (taskId: string) =>
			[...getEnv().intercom.store.tickets.values()].find((ticket) => ticket.ticket_attributes.todoist_task_id === taskId)!;
		const repliesTo = (ticketId: string) => getEnv().intercom.store.ticketReplies.filter((reply) => reply.ticket_id === ticketId);
		const commentsOn = (taskId: string) => getEnv().todoist.comments.filter((comment) => comment.item_id === taskId);

		const fromTodoist = (eventName: Parameters<typeof todoistEvent>[0], task: TodoistTask) => {
			const env = getEnv();
			return () => deliverTodoist(env.n8n, env.urls.todoist, todoistEvent(eventName, task), env.secrets.todoistClientSecret);
		};
		const fromIntercom = (notification: Record<string, unknown>) => {
			const env = getEnv();
			return () => deliverIntercom(env.n8n, env.urls.intercomTickets, notification, env.secrets.intercomTicketsClientSecret);
		};
		/** A ticket the flow has nothing to do with (no Todoist task): runs and ends at the first If. */
		const unrelatedTicket = () => {
			const env = getEnv();
			const type = [...env.intercom.store.ticketTypes.values()][0];
			const ticket = env.intercom.seed.ticket({ ticket_type_id: type.id, contact_ids: [], ticket_attributes: { _default_title_: 'Other' } });
			return fromIntercom(ticketNotification('ticket.resolved', ticketJson(env.intercom.store, ticket)));
		};
		const newBug = (): TodoistTask => {
			const task = getEnv().todoist.seedTask({ content: 'Renewal page shows the old fee', labels: ['bug'] });
			return { id: task.id, content: task.content, description: 'Reported by member@example.org', labels: ['bug'] };
		};

		it('completing the task closes the ticket and tells the customer once; the ticket.closed/resolved echo starts nothing', async () => {
			const env = getEnv();
			const bug = newBug();
			expectSucceeded((await runOnce(env, FLOW, fromTodoist('item:added', bug))).execution);
			const completed = await runOnce(env, FLOW, fromTodoist('item:completed', { ...bug, checked: true }));
			expectSucceeded(completed.execution);
			const ticket = ticketFor(bug.id);
			expect(ticket.open).toBe(false);
			expect(repliesTo(ticket.id)).toEqual([expect.objectContaining({ part_type: 'comment', body: expect.stringContaining('is fixed') })]);
			expect(repliesTo(ticket.id)[0].body).toContain(bug.content);

			// Intercom reports the close it saw, twice and at once, and repeats one: none of it reaches Todoist.
			const json = ticketJson(env.intercom.store, ticket);
			const resolved = ticketNotification('ticket.resolved', json);
			await expectExecutionsFrom(
				env,
				FLOW,
				async () => await Promise.all([fromIntercom(resolved)(), fromIntercom(resolved)(), fromIntercom(ticketNotification('ticket.closed', json))()]),
				0,
				unrelatedTicket(),
			);
			expect(commentsOn(bug.id)).toEqual([]);
			expect(env.todoist.requests.filter((request) => request.path.includes(bug.id))).toEqual([]);
		});

		it('a ticket the team resolves comments on its task once, though Intercom sends closed and resolved together and repeats', async () => {
			const env = getEnv();
			const bug = newBug();
			await runOnce(env, FLOW, fromTodoist('item:added', bug));
			const ticket = ticketFor(bug.id);
			ticket.open = false; // resolved by the support team in Intercom
			const json = ticketJson(env.intercom.store, ticket);
			const resolved = ticketNotification('ticket.resolved', json, { resolvedBy: 'Dana Support' });
			const closed = ticketNotification('ticket.closed', json, { resolvedBy: 'Dana Support' });
			// Two deliveries run (the repeat of one is dropped); Once Per Key lets one of them comment.
			await expectExecutionsFrom(
				env,
				FLOW,
				async () => await Promise.all([fromIntercom(resolved)(), fromIntercom(closed)(), fromIntercom(resolved)()]),
				2,
				unrelatedTicket(),
			);
			const comments = commentsOn(bug.id);
			expect(comments).toHaveLength(1);
			expect(comments[0].content).toMatch(new RegExp(`^Intercom ticket #${ticket.ticket_id} was (resolved|closed) by Dana Support on `));
			expect(comments[0].content).toContain(`https://app.intercom.com/a/inbox/e2eapp/inbox/conversation/${ticket.id}`);
			expect(comments[0].content).not.toContain('undefined');
			expect(env.todoist.tasks.get(bug.id)?.checked).toBe(false); // completing is off by default
			expect(repliesTo(ticket.id)).toEqual([]);
		});

		it('with completeTaskToo on, the task is completed, and its item:completed echo neither replies nor changes the ticket', async () => {
			const env = getEnv();
			await setCompleteTaskToo(env, true);
			try {
				const bug = newBug();
				await runOnce(env, FLOW, fromTodoist('item:added', bug));
				const ticket = ticketFor(bug.id);
				ticket.open = false;
				const resolution = await runOnce(env, FLOW, fromIntercom(ticketNotification('ticket.resolved', ticketJson(env.intercom.store, ticket))));
				expectSucceeded(resolution.execution);
				expect(env.todoist.tasks.get(bug.id)?.checked).toBe(true);
				expect(commentsOn(bug.id)).toHaveLength(1);

				const writesBefore = env.intercom.requests.length;
				await expectNoExecution(env, FLOW, fromTodoist('item:completed', { ...bug, checked: true }), unrelatedTicket());
				expect(repliesTo(ticket.id)).toEqual([]);
				expect(env.intercom.requests.slice(writesBefore).filter((request) => request.path.includes(`/tickets/${ticket.id}`))).toEqual([]);
			} finally {
				await setCompleteTaskToo(env, false);
			}
		});

		it('a resolved ticket without a Todoist task is left alone', async () => {
			const env = getEnv();
			const { execution } = await runOnce(env, FLOW, unrelatedTicket());
			expectSucceeded(execution);
			expectEndedAtOutput(execution, 'Is it a ticket for a Todoist task?', 1);
		});

		it('with the reply switched off, completing the task closes the ticket and says nothing to the customer', async () => {
			const env = getEnv();
			await setSetField(env, 'Describe the bug for Intercom', 'tellCustomerWhenFixed', false);
			try {
				const bug = newBug();
				await runOnce(env, FLOW, fromTodoist('item:added', bug));
				expectSucceeded((await runOnce(env, FLOW, fromTodoist('item:completed', { ...bug, checked: true }))).execution);
				expect(ticketFor(bug.id).open).toBe(false);
				expect(repliesTo(ticketFor(bug.id).id)).toEqual([]);
			} finally {
				await setSetField(env, 'Describe the bug for Intercom', 'tellCustomerWhenFixed', true);
			}
		});
	});
}

const setCompleteTaskToo = async (env: WorkflowEnvironment, on: boolean) =>
	await setSetField(env, 'Describe the resolution for Todoist', 'completeTaskToo', on);

/** Changes one field of a Set node as a user would on the canvas, then publishes the workflow again. */
async function setSetField(env: WorkflowEnvironment, nodeName: string, field: string, value: boolean): Promise<void> {
	const path = `/rest/workflows/${FLOW}`;
	const workflow = await env.n8n.client.get<WorkflowJson & { versionId: string }>(path);
	const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
	const assignments = (node?.parameters as { assignments?: { assignments?: Array<{ name: string; value: unknown }> } })?.assignments?.assignments;
	const assignment = assignments?.find((candidate) => candidate.name === field);
	if (!assignment) throw new Error(`${nodeName} has no field ${field}`);
	assignment.value = value;
	await env.n8n.client.patch(path, { versionId: workflow.versionId, nodes: workflow.nodes, connections: workflow.connections });
	await env.n8n.publish(FLOW);
}

runAloneWhenNamed(__filename, describeEscalationLoop);
