/** What the fault suite counts at the stand-ins afterwards: whether each event's effect is there exactly once. */
import type { WorkflowEnvironment } from '../workflows/environment';
import type { EnrichmentEvent, EscalationEvent, FaultEvent } from './events';

export interface EffectCounts {
	events: number;
	/** Events whose effect is missing. */
	lost: number;
	/** Events whose effect is there more than once. */
	duplicated: number;
	lostEvents: FaultEvent[];
	duplicatedEvents: FaultEvent[];
}

/** Times the enrichment wrote the member data: accepted writes to the contact, plus any other contact made for the email. */
function enrichmentEffects(env: WorkflowEnvironment, event: EnrichmentEvent): number {
	const stored = env.intercom.store.contacts.get(event.contactId);
	if (stored?.custom_attributes.member_number !== event.memberNumber) return 0;
	const writes = env.intercom.requests.filter(
		(request) => request.method === 'PUT' && request.path === `/contacts/${event.contactId}` && request.status >= 200 && request.status < 300,
	).length;
	const others = env.intercom.store.contactsWithEmail(event.email).filter((contact) => contact.id !== event.contactId).length;
	return writes + others;
}

/** Tickets that carry the task as their reference. */
function escalationEffects(env: WorkflowEnvironment, event: EscalationEvent): number {
	return [...env.intercom.store.tickets.values()].filter((ticket) => ticket.ticket_attributes.todoist_task_id === event.taskId).length;
}

export function countEffects(env: WorkflowEnvironment, events: FaultEvent[]): EffectCounts {
	const effects = events.map((event) => ({
		event,
		count: event.kind === 'enrichment' ? enrichmentEffects(env, event) : escalationEffects(env, event),
	}));
	const lostEvents = effects.filter(({ count }) => count === 0).map(({ event }) => event);
	const duplicatedEvents = effects.filter(({ count }) => count > 1).map(({ event }) => event);
	return { events: events.length, lost: lostEvents.length, duplicated: duplicatedEvents.length, lostEvents, duplicatedEvents };
}
