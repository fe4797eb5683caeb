/**
 * The events each measured flow receives, signed as Intercom and Todoist sign them (test/e2e/workflows/deliveries.ts):
 * - enrichment: `conversation.user.created` from a contact whose email is an Active or Retired member's and who has
 *   no member number yet → get the contact, look the member up (MariaDB + Supabase), write the member data;
 * - enrichment, contact already enriched: `conversation.user.replied` from those same contacts → get the contact,
 *   nothing more (what most conversation events cost once the directory's members are enriched);
 * - escalation: Todoist `item:added`, `item:updated` and `item:completed` for tasks labelled bug, in blocks of
 *   ten tasks (ten added, then their ten updates, then their ten completions), reporters being existing contacts
 *   → open, update, then close the ticket and tell the customer it is fixed.
 */
import { randomUUID } from 'node:crypto';

import type { HttpResponse } from '../../support/n8n';
import { syntheticEmail, syntheticMember } from '../../support/synthetic-members';
import { deliverIntercom, deliverTodoist, intercomNotification, todoistEvent } from '../../e2e/workflows/deliveries';
import type { WorkflowEnvironment } from '../../e2e/workflows/environment';
import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import { loadMembersWithPositions } from '../workflows/endToEnd';

export interface FlowStream {
	label: string;
	workflowId: string;
	/** One delivery per event, sent in this order. */
	events: Array<() => Promise<HttpResponse>>;
}

const TASKS_PER_BLOCK = 10;

/** Indices of `count` synthetic members whose status counts (every 50th is Inactive), loaded with their positions. */
export async function loadActiveMembers(env: WorkflowEnvironment, count: number): Promise<number[]> {
	await loadMembersWithPositions(env, count);
	return Array.from({ length: count * 2 }, (_, i) => i)
		.filter((i) => syntheticMember(i).status !== 'Inactive')
		.slice(0, count);
}

/** Contacts in Intercom for these members, without member data yet. */
export function seedContacts(env: WorkflowEnvironment, members: number[]): string[] {
	return members.map((member) => env.intercom.seed.user({ email: syntheticEmail(member) }).id);
}

export function enrichmentStream(env: WorkflowEnvironment, contactIds: string[], label: string, topic: 'conversation.user.created' | 'conversation.user.replied'): FlowStream {
	return {
		label,
		workflowId: WORKFLOW_IDS.memberSync,
		events: contactIds.map((contactId) => () => {
			const notification = intercomNotification({ topic, conversationId: String(Math.floor(Math.random() * 1e12)), author: { id: contactId, type: 'user' } });
			return deliverIntercom(env.n8n, env.urls.intercom, notification, env.secrets.intercomClientSecret);
		}),
	};
}

/** `events` Todoist deliveries: per block of ten tasks, ten `item:added`, their `item:updated`, their `item:completed`. */
export function escalationStream(env: WorkflowEnvironment, events: number, label: string): FlowStream {
	const tasks = Math.ceil(events / 3);
	const deliveries: FlowStream['events'] = [];
	for (let first = 0; first < tasks; first += TASKS_PER_BLOCK) {
		const block = Array.from({ length: Math.min(TASKS_PER_BLOCK, tasks - first) }, (_, n) => {
			const email = `reporter.${randomUUID().slice(0, 8)}@example.org`;
			env.intercom.seed.user({ email });
			return { id: randomUUID().replace(/-/g, '').slice(0, 16), n: first + n, email };
		});
		for (const eventName of ['item:added', 'item:updated', 'item:completed'] as const) {
			for (const task of block) {
				const content = `${eventName === 'item:added' ? 'Sizing bug' : 'Sizing bug, reworded'} ${task.n}`;
				const priority = ((task.n % 4) + 1) as 1 | 2 | 3 | 4;
				const checked = eventName === 'item:completed';
				deliveries.push(() => {
					const event = todoistEvent(eventName, { id: task.id, content, labels: ['bug'], priority, description: `Reported by ${task.email}`, checked });
					return deliverTodoist(env.n8n, env.urls.todoist, event, env.secrets.todoistClientSecret);
				});
			}
		}
	}
	return { label, workflowId: WORKFLOW_IDS.bugEscalation, events: deliveries.slice(0, events) };
}
