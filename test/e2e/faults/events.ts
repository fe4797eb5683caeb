/**
 * The fault suite's traffic: Intercom conversation events for the enrichment (member sync) and Todoist task
 * events for the escalation, mixed, some sent as identical copies at the same moment. Each delivery is
 * re-sent the way its service does when it gets no 2xx answer (see redeliver.ts).
 */
import { randomUUID } from 'node:crypto';

import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import { loadSyntheticMembers } from '../../support/mariadb-members';
import { loadSyntheticPositions } from '../../support/supabase-fake/positions';
import { syntheticEmail, syntheticMember, syntheticMemberNumber } from '../../support/synthetic-members';
import type { HttpResponse } from '../../support/n8n';
import { deliverIntercom, deliverTodoist, intercomNotification, todoistEvent } from '../workflows/deliveries';
import type { WorkflowEnvironment } from '../workflows/environment';

interface EventBase {
	/** Text only this event's deliveries and executions carry: the contact id, or the Todoist task id. */
	key: string;
	/** The workflow it runs. */
	workflowId: string;
	/** Copies the sender fires at the same moment (1: a single delivery). */
	copies: number;
	/** Sends the delivery; `attempt` counts from 1, as the service counts its retries. */
	send(attempt: number): Promise<HttpResponse>;
}

/** A member writes in: their contact should get the member data once. */
export interface EnrichmentEvent extends EventBase {
	kind: 'enrichment';
	contactId: string;
	email: string;
	memberNumber: string;
}

/** A task labelled bug is added in Todoist: it should get exactly one Intercom ticket. */
export interface EscalationEvent extends EventBase {
	kind: 'escalation';
	taskId: string;
}

export type FaultEvent = EnrichmentEvent | EscalationEvent;

/** Copies at once: every 7th event twice, every 11th three times (Intercom and Todoist both send such). */
const copiesOf = (index: number): number => (index % 11 === 5 ? 3 : index % 7 === 3 ? 2 : 1);

/** Synthetic members the lookup finds (Active or Retired; the workflow skips Inactive ones). */
function foundMembers(count: number): number[] {
	const indexes: number[] = [];
	for (let index = 0; indexes.length < count; index++) if (syntheticMember(index).status !== 'Inactive') indexes.push(index);
	return indexes;
}

function enrichmentEvent(env: WorkflowEnvironment, memberIndex: number, copies: number, conversationId: string): EnrichmentEvent {
	const email = syntheticEmail(memberIndex);
	const role = memberIndex % 3 === 0 ? 'lead' : 'user';
	const contact = env.intercom.seed[role]({ email, name: `Member ${memberIndex}` });
	const notification = intercomNotification({ topic: 'conversation.user.created', conversationId, author: { id: contact.id, type: role, email } });
	return {
		kind: 'enrichment',
		key: contact.id,
		workflowId: WORKFLOW_IDS.memberSync,
		copies,
		contactId: contact.id,
		email,
		memberNumber: syntheticMemberNumber(memberIndex),
		// Intercom sends the same notification id again, counting the attempt in the body.
		send: (attempt) =>
			deliverIntercom(env.n8n, env.urls.intercom, { ...notification, delivery_attempts: attempt }, env.secrets.intercomClientSecret),
	};
}

function escalationEvent(env: WorkflowEnvironment, taskId: string, number: number, copies: number): EscalationEvent {
	const event = todoistEvent('item:added', {
		id: taskId,
		content: `Fault-suite bug ${number}`,
		// A few reporters, so some executions wait for the same contact's lock.
		description: `Reported by reporter.${number % 8}@example.com. Steps: open the app, press Save.`,
		labels: ['bug'],
		priority: 3,
	});
	// Todoist sends the same bytes under the same delivery id again.
	const deliveryId = randomUUID();
	return {
		kind: 'escalation',
		key: taskId,
		workflowId: WORKFLOW_IDS.bugEscalation,
		copies,
		taskId,
		send: () => deliverTodoist(env.n8n, env.urls.todoist, event, env.secrets.todoistClientSecret, { deliveryId }),
	};
}

/**
 * `count` events, enrichment and escalation alternating in an irregular pattern; the member directory and the
 * Supabase positions are filled for the enrichment's members and their contacts seeded in the Intercom fake.
 */
export async function mixedEvents(env: WorkflowEnvironment, count: number): Promise<FaultEvent[]> {
	const isEnrichment = (index: number) => (index * 7) % 5 < 3;
	const enrichmentCount = Array.from({ length: count }, (_, index) => index).filter(isEnrichment).length;
	const members = foundMembers(enrichmentCount);
	const directorySize = members[members.length - 1] + 1;
	await Promise.all([loadSyntheticMembers(env.mariadb, directorySize), loadSyntheticPositions(env.supabase, directorySize)]);
	const run = randomUUID().slice(0, 8);
	let nextMember = 0;
	return Array.from({ length: count }, (_, index) =>
		isEnrichment(index)
			? enrichmentEvent(env, members[nextMember++], copiesOf(index), `7${String(index).padStart(7, '0')}`)
			: escalationEvent(env, `fault-${run}-${index}`, index, copiesOf(index)),
	);
}
