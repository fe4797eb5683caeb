import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import { deliverIntercom, deliverTodoist, intercomNotification, todoistEvent, type TodoistTask } from './deliveries';
import type { WorkflowEnvironment } from './environment';
import { runAloneWhenNamed } from './onEnvironment';
import { expectExecutionsFrom } from './executions';

/** A task without the bug label: its event runs the escalation workflow and changes nothing. */
export const errand = (): TodoistTask => ({ id: `errand-${randomUUID()}`, content: 'Water the plants', labels: ['errand'] });

/**
 * Issue 11: redeliveries arriving together start one execution, on either topology, because the triggers claim
 * each delivery atomically before any execution exists.
 */
export function describeExactlyOnce(getEnv: () => WorkflowEnvironment): void {
	describe('each delivery once, also when copies arrive together', () => {
		const ticketsFor = (taskId: string) =>
			[...getEnv().intercom.store.tickets.values()].filter((ticket) => ticket.ticket_attributes.todoist_task_id === taskId);
		const sendTodoist = (event: Record<string, unknown>, deliveryId?: string) => {
			const env = getEnv();
			return deliverTodoist(env.n8n, env.urls.todoist, event, env.secrets.todoistClientSecret, { deliveryId });
		};
		const sendErrand = () => sendTodoist(todoistEvent('item:added', errand()));
		const contactWrites = () => getEnv().intercom.count('PUT', '/contacts/{contact_id}');

		afterEach(() => getEnv().intercom.expectNoInvalidRequests());

		it('runs the same Intercom notification sent 10 times at once once, with one contact write', async () => {
			const env = getEnv();
			const contact = env.intercom.seed.user({ email: 'john.doe@example.com' });
			const notification = intercomNotification({
				topic: 'conversation.user.created',
				conversationId: `77${Date.now()}`,
				author: { id: contact.id, type: 'user', email: contact.email },
			});
			const send = () => deliverIntercom(env.n8n, env.urls.intercom, notification, env.secrets.intercomClientSecret);
			const sendThatRuns = () =>
				deliverIntercom(
					env.n8n,
					env.urls.intercom,
					intercomNotification({ topic: 'conversation.user.created', conversationId: `78${Date.now()}`, author: { id: env.intercom.seed.lead({ email: null }).id, type: 'lead' } }),
					env.secrets.intercomClientSecret,
				);
			const writesBefore = contactWrites();

			const responses = await expectExecutionsFrom(env, WORKFLOW_IDS.memberSync, () => Promise.all(Array.from({ length: 10 }, send)), 1, sendThatRuns);

			expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
			expect(contactWrites() - writesBefore).toBe(1);
		});

		it('runs the same Todoist delivery sent 10 times at once once, with one ticket', async () => {
			const task: TodoistTask = { id: `once-${randomUUID()}`, content: 'Search returns nothing', labels: ['bug'] };
			const event = todoistEvent('item:added', task);
			const deliveryId = randomUUID();

			await expectExecutionsFrom(getEnv(), WORKFLOW_IDS.bugEscalation, () => Promise.all(Array.from({ length: 10 }, () => sendTodoist(event, deliveryId))), 1, sendErrand);

			expect(ticketsFor(task.id)).toHaveLength(1);
		});

		it('runs a signed Todoist body replayed under 10 different delivery IDs once', async () => {
			const task: TodoistTask = { id: `replay-${randomUUID()}`, content: 'Avatar upload fails', labels: ['bug'] };
			const event = todoistEvent('item:added', task);

			await expectExecutionsFrom(getEnv(), WORKFLOW_IDS.bugEscalation, () => Promise.all(Array.from({ length: 10 }, () => sendTodoist(event, randomUUID()))), 1, sendErrand);

			expect(ticketsFor(task.id)).toHaveLength(1);
		});

		it('runs 20 tasks × 3 deliveries at once as exactly 20 executions with 20 tickets, and all 60 again as none', async () => {
			const deliveries = Array.from({ length: 20 }, (_, index) => {
				const task: TodoistTask = { id: `batch-${index}-${randomUUID()}`, content: `Bug ${index}`, labels: ['bug'] };
				return { task, event: todoistEvent('item:added', task), deliveryId: randomUUID() };
			});
			const sendAll = () => Promise.all(deliveries.flatMap(({ event, deliveryId }) => [1, 2, 3].map(() => sendTodoist(event, deliveryId))));

			await expectExecutionsFrom(getEnv(), WORKFLOW_IDS.bugEscalation, sendAll, 20, sendErrand);
			for (const { task } of deliveries) expect(ticketsFor(task.id)).toHaveLength(1);

			await expectExecutionsFrom(getEnv(), WORKFLOW_IDS.bugEscalation, sendAll, 0, sendErrand);
			for (const { task } of deliveries) expect(ticketsFor(task.id)).toHaveLength(1);
		});

		it('makes one ticket, then updates it, for item:added and item:updated 300 ms apart while search lags 2 s', async () => {
			const env = getEnv();
			const task: TodoistTask = { id: `lag-${randomUUID()}`, content: 'Dark mode flickers', labels: ['bug'] };
			const createsBefore = env.intercom.count('POST', '/tickets');
			const updatesBefore = env.intercom.count('PUT', '/tickets/{ticket_id}');
			env.intercom.setSearchLag(2_000);
			try {
				const addedThenUpdated = async () => {
					const added = sendTodoist(todoistEvent('item:added', task));
					await sleep(300);
					return await Promise.all([added, sendTodoist(todoistEvent('item:updated', { ...task, priority: 4 }))]);
				};
				await expectExecutionsFrom(env, WORKFLOW_IDS.bugEscalation, addedThenUpdated, 2, sendErrand);
			} finally {
				env.intercom.setSearchLag(0);
			}

			expect(ticketsFor(task.id)).toHaveLength(1);
			expect(env.intercom.count('POST', '/tickets') - createsBefore).toBe(1);
			expect(env.intercom.count('PUT', '/tickets/{ticket_id}') - updatesBefore).toBeGreaterThanOrEqual(1);
		});

		it('makes one user of a new member when two tag re-syncs for them run at once', async () => {
			const env = getEnv();
			// A member of this test only (each topology has its own directory).
			const email = 'lou.reed@example.com';
			const memberNumber = '61003';
			await env.mariadb.query(`INSERT INTO members VALUES ('${memberNumber}','Lou','Reed','${email}','765-465-7041','CE','ZKC','Active',1)`);
			const tagged = [1, 2].map((chat) => {
				const lead = env.intercom.seed.lead({ email, name: `Lou (chat ${chat})` });
				const conversation = env.intercom.seed.conversation({
					contact_ids: [lead.id],
					tags: ['mynatca-sync'],
					custom_attributes: { member_number_verification: memberNumber },
				});
				return intercomNotification({
					topic: 'conversation_part.tag.created',
					conversationId: conversation.id,
					author: { id: lead.id, type: 'lead' },
					customAttributes: conversation.custom_attributes,
					tagsAdded: ['mynatca-sync'],
				});
			});
			const sendTag = (notification: Record<string, unknown>) =>
				deliverIntercom(env.n8n, env.urls.intercom, notification, env.secrets.intercomClientSecret);
			const sendThatRuns = () =>
				sendTag(intercomNotification({ topic: 'conversation.user.created', conversationId: `79${Date.now()}`, author: { id: env.intercom.seed.lead({ email: null }).id, type: 'lead' } }));

			await expectExecutionsFrom(env, WORKFLOW_IDS.memberSync, () => Promise.all(tagged.map(sendTag)), 2, sendThatRuns);

			const users = env.intercom.store.contactsWithEmail(email).filter((contact) => contact.role === 'user');
			expect(users).toHaveLength(1);
			expect(users[0].custom_attributes).toMatchObject({ member_number: memberNumber });
		});
	});
}

runAloneWhenNamed(__filename, describeExactlyOnce);
