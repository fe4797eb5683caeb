import { randomUUID } from 'node:crypto';

import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import { deliverTodoist, todoistEvent, type TodoistTask } from './deliveries';
import type { WorkflowEnvironment } from './environment';
import { runAloneWhenNamed } from './onEnvironment';
import { errand } from './exactlyOnce.suite';
import { expectEndedAtOutput, expectNoExecution, expectSucceeded, runOnce } from './executions';

/** Seed 000: Todoist tasks labelled "bug" become Intercom tickets, one per task, kept up to date. */
export function describeEscalation(getEnv: () => WorkflowEnvironment): void {
	describe('Todoist bug escalation', () => {
		afterEach(() => getEnv().intercom.expectNoInvalidRequests());

		const ticketsFor = (taskId: string) =>
			[...getEnv().intercom.store.tickets.values()].filter((ticket) => ticket.ticket_attributes.todoist_task_id === taskId);

		async function deliver(eventName: Parameters<typeof todoistEvent>[0], task: TodoistTask, deliveryId = randomUUID()) {
			const env = getEnv();
			const event = todoistEvent(eventName, task);
			return await runOnce(env, WORKFLOW_IDS.bugEscalation, () =>
				deliverTodoist(env.n8n, env.urls.todoist, event, env.secrets.todoistClientSecret, { deliveryId }),
			);
		}

		const bug: TodoistTask = {
			id: '6X7rM8997g3RQmvh',
			content: 'Checkout button does nothing on Safari',
			description: 'Reported by customer@example.com. Steps: add item, press Checkout.',
			labels: ['Bug', 'customer-reported'],
			priority: 4,
		};

		it('opens one ticket for a task labelled bug, a repeated delivery changes nothing, completion closes it, uncompletion reopens it', async () => {
			const deliveryId = randomUUID();
			const added = await deliver('item:added', bug, deliveryId);
			expect(added.response.status).toBe(200);
			expectSucceeded(added.execution);

			const [ticket] = ticketsFor(bug.id);
			expect(ticketsFor(bug.id)).toHaveLength(1);
			expect(ticket.ticket_attributes._default_title_).toBe(bug.content);
			const description = String(ticket.ticket_attributes._default_description_);
			expect(description).toContain(bug.description);
			// Todoist's v1 webhooks may leave url out: the link is built from the task id, never "undefined".
			expect(description).toContain(`Todoist task: https://app.todoist.com/app/task/${bug.id}`);
			expect(description).not.toContain('undefined');
			expect(description).toContain('Priority in Todoist: P1 (urgent)');
			expect(description).toContain('Status in Todoist: open');
			const reporter = getEnv().intercom.store.contacts.get(ticket.contact_ids[0]);
			expect(reporter?.email).toBe('customer@example.com');

			// Todoist repeats a delivery under the same ID: the trigger answers 200 and starts nothing.
			const env = getEnv();
			const repeated = await expectNoExecution(
				env,
				WORKFLOW_IDS.bugEscalation,
				() => deliverTodoist(env.n8n, env.urls.todoist, todoistEvent('item:added', bug), env.secrets.todoistClientSecret, { deliveryId }),
				() => deliverTodoist(env.n8n, env.urls.todoist, todoistEvent('item:added', errand()), env.secrets.todoistClientSecret),
			);
			expect(repeated.status).toBe(200);
			expect(ticketsFor(bug.id)).toHaveLength(1);

			const completed = await deliver('item:completed', { ...bug, checked: true });
			expectSucceeded(completed.execution);
			expect(ticketsFor(bug.id)).toHaveLength(1);
			expect(ticketsFor(bug.id)[0]).toMatchObject({ open: false });
			expect(String(ticketsFor(bug.id)[0].ticket_attributes._default_description_)).toContain('Status in Todoist: completed');

			const uncompleted = await deliver('item:uncompleted', { ...bug, checked: false });
			expectSucceeded(uncompleted.execution);
			expect(ticketsFor(bug.id)).toHaveLength(1);
			expect(ticketsFor(bug.id)[0]).toMatchObject({ open: true });
			expect(String(ticketsFor(bug.id)[0].ticket_attributes._default_description_)).toContain('Status in Todoist: open');
		});

		it('links the ticket to the url Todoist sent when there is one', async () => {
			const url = 'https://app.todoist.com/app/task/export-fails-6X7rQ2mH8cVw3JpU';
			const task: TodoistTask = { id: '6X7rQ2mH8cVw3JpU', content: 'Export fails', labels: ['bug'], url };
			expectSucceeded((await deliver('item:added', task)).execution);
			expect(String(ticketsFor(task.id)[0].ticket_attributes._default_description_)).toContain(`Todoist task: ${url}`);
		});

		it('a task first seen already completed gets a ticket that is closed', async () => {
			const task: TodoistTask = { id: 'done1', content: 'Export times out', labels: ['bug'] };
			const { execution } = await deliver('item:completed', task);

			expectSucceeded(execution);
			expect(ticketsFor('done1')).toHaveLength(1);
			expect(ticketsFor('done1')[0]).toMatchObject({ open: false });
		});

		it('keeps the same ticket when the task is edited, even with a new delivery, and leaves it closed if the team closed it', async () => {
			const task: TodoistTask = { id: 'edit1', content: 'Login loops', labels: ['bug'], priority: 2 };
			await deliver('item:added', task);
			ticketsFor('edit1')[0].open = false; // closed by the support team in Intercom
			const edited = await deliver('item:updated', { ...task, content: 'Login loops on iOS 18', priority: 3 });

			expectSucceeded(edited.execution);
			const tickets = ticketsFor('edit1');
			expect(tickets).toHaveLength(1);
			expect(tickets[0]).toMatchObject({ open: false, ticket_attributes: { _default_title_: 'Login loops on iOS 18' } });
			expect(String(tickets[0].ticket_attributes._default_description_)).toContain('Priority in Todoist: P2 (high)');
			// No email in the description: the ticket is filed for the Todoist user who made the change.
			expect(getEnv().intercom.store.contacts.get(tickets[0].contact_ids[0])?.email).toBe('alex.support@example.com');
		});

		it('reads labels that are not a list: a single label as text still escalates, a missing one does not', async () => {
			const single = { id: `single-${randomUUID()}`, content: 'Menu overlaps the footer', labels: 'bug' as unknown as string[] };
			const { execution } = await deliver('item:added', single);
			expectSucceeded(execution);
			expect(ticketsFor(single.id)).toHaveLength(1);

			const none = { id: `none-${randomUUID()}`, content: 'Tidy the wiki', labels: null as unknown as string[] };
			const unlabelled = await deliver('item:added', none);
			expectSucceeded(unlabelled.execution);
			expectEndedAtOutput(unlabelled.execution, 'Is the task labelled bug?', 1);
		});

		it('leaves tasks without the label alone', async () => {
			const ticketsBefore = getEnv().intercom.store.tickets.size;
			const { execution } = await deliver('item:added', { id: 'plain1', content: 'Buy milk', labels: ['errand'] });

			expectSucceeded(execution);
			expectEndedAtOutput(execution, 'Is the task labelled bug?', 1);
			expect(getEnv().intercom.store.tickets.size).toBe(ticketsBefore);
		});
	});
}

runAloneWhenNamed(__filename, describeEscalation);
