/**
 * The two jobs as event streams for both flows: contact enrichment (`conversation.user.created` for a contact
 * whose email is a member's → PUT /contacts/{id}) and bug escalation (`item:added` with the bug label → POST
 * /tickets, then `item:updated` → PUT /tickets/{id}). Each flow gets its own contact or task for the same member
 * or task content, so both make the same writes, which are compared.
 */
import { randomUUID } from 'node:crypto';

import type { RecordedRequest } from '../../support/intercom-fake';
import { syntheticEmail, syntheticMember } from '../../support/synthetic-members';
import { loadMembersWithPositions } from '../workflows/endToEnd';
import { deliverIntercom, deliverTodoist, intercomNotification, todoistEvent } from '../../e2e/workflows/deliveries';
import type { WorkflowEnvironment } from '../../e2e/workflows/environment';
import type { CoreFlows } from './setup';
import { expectSameWrites, runPairedStream, type Flow, type PairedEvent, type StreamResult } from './sideBySide';

/** Members whose directory status counts, loaded with their positions in Supabase. */
export async function loadMembers(env: WorkflowEnvironment, count: number): Promise<number[]> {
	await loadMembersWithPositions(env, count);
	return Array.from({ length: count * 2 }, (_, i) => i).filter((i) => syntheticMember(i).status !== 'Inactive');
}

export function enrichmentEvents(env: WorkflowEnvironment, core: CoreFlows, members: number[]): PairedEvent[] {
	const urls: Record<Flow, string> = { ours: env.urls.intercom, core: core.enrichment.url };
	return members.map((member) => {
		const contacts = { ours: env.intercom.seed.user({ email: syntheticEmail(member) }), core: env.intercom.seed.user({ email: syntheticEmail(member) }) };
		const send = (flow: Flow) => () =>
			deliverIntercom(
				env.n8n,
				urls[flow],
				intercomNotification({ topic: 'conversation.user.created', conversationId: `9${member}`, author: { id: contacts[flow].id, type: 'user' } }),
				env.secrets.intercomClientSecret,
			);
		return {
			send: { ours: send('ours'), core: send('core') },
			writeKey: { ours: `/contacts/${contacts.ours.id}`, core: `/contacts/${contacts.core.id}` },
		};
	});
}

/** Only writes Intercom accepted count: the stand-in records refused ones too. */
const accepted = (request: RecordedRequest) => request.status >= 200 && request.status < 300;

export const contactWrite = (request: RecordedRequest) =>
	accepted(request) && request.method === 'PUT' && request.path.startsWith('/contacts/') ? request.path : undefined;

export async function runEnrichment(env: WorkflowEnvironment, core: CoreFlows, members: number[]): Promise<StreamResult> {
	const result = await runPairedStream(enrichmentEvents(env, core, members), () => env.intercom.requests, contactWrite);
	expectSameWrites('Contact enrichment', result);
	return result;
}

interface TicketBody {
	ticket_attributes?: Record<string, unknown>;
}

export const ticketCreated = (request: RecordedRequest) => {
	const id = (request.body as TicketBody | undefined)?.ticket_attributes?.todoist_task_id;
	return accepted(request) && request.method === 'POST' && request.path === '/tickets' && typeof id === 'string' ? `created ${id}` : undefined;
};

export function taskEvents(env: WorkflowEnvironment, core: CoreFlows, tasks: Array<Record<Flow, string>>, eventName: 'item:added' | 'item:updated', keyOf: (task: string) => string): PairedEvent[] {
	const urls: Record<Flow, string> = { ours: env.urls.todoist, core: core.escalation.url };
	return tasks.map((ids, n) => {
		const send = (flow: Flow) => () =>
			deliverTodoist(
				env.n8n,
				urls[flow],
				todoistEvent(eventName, {
					id: ids[flow],
					content: `${eventName === 'item:added' ? 'Bench bug' : 'Bench bug, reworded'} ${n}`,
					labels: ['bug'],
					priority: ((n % 4) + 1) as 1 | 2 | 3 | 4,
					description: `Reported by ${syntheticEmail(n)}`,
				}),
				env.secrets.todoistClientSecret,
			);
		return { send: { ours: send('ours'), core: send('core') }, writeKey: { ours: keyOf(ids.ours), core: keyOf(ids.core) } };
	});
}

/** The task id each flow was given, and the ticket it made, are the only differences allowed. */
function withoutTaskId(tasks: Array<Record<Flow, string>>) {
	const ids = new Set(tasks.flatMap((task) => [task.ours, task.core]));
	return (body: unknown) => JSON.parse(JSON.stringify(body), (_key, value: unknown) => (typeof value === 'string' ? [...ids].reduce((text, id) => text.split(id).join('TASK'), value) : value));
}

/** New bug tasks (measured: POST → ticket created), then an update of a tenth of them (checked, not timed). */
export async function runEscalation(env: WorkflowEnvironment, core: CoreFlows, events: number): Promise<StreamResult> {
	const tasks = Array.from({ length: events }, () => ({ ours: randomUUID().slice(0, 16), core: randomUUID().slice(0, 16) }));
	const result = await runPairedStream(taskEvents(env, core, tasks, 'item:added', (id) => `created ${id}`), () => env.intercom.requests, ticketCreated);
	expectSameWrites('Bug escalation, new tasks', result, withoutTaskId(tasks));

	// Which ticket each task got, to recognise the updates. Only `id` names a ticket in a path: the public
	// `ticket_id` counts from 1 and meets other tickets' ids once there are a few hundred.
	const taskOfTicket = new Map<string, string>();
	for (const ticket of env.intercom.store.tickets.values()) taskOfTicket.set(`/tickets/${ticket.id}`, String(ticket.ticket_attributes.todoist_task_id));
	const updated = (request: RecordedRequest) =>
		accepted(request) && request.method === 'PUT' && taskOfTicket.has(request.path) ? `updated ${taskOfTicket.get(request.path)}` : undefined;
	const someTasks = tasks.slice(0, Math.max(10, Math.floor(events / 10)));
	const updates = await runPairedStream(taskEvents(env, core, someTasks, 'item:updated', (id) => `updated ${id}`), () => env.intercom.requests, updated);
	expectSameWrites('Bug escalation, updated tasks', updates, withoutTaskId(someTasks));
	return result;
}
