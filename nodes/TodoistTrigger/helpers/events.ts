import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { isRecord } from '../../common/jsonValues';
import type { SyncChange } from '../../common/syncEchoes';

/** Todoist webhook events (API v1), task events first because the escalation flows use them. */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Task Added', value: 'item:added' },
	{ name: 'Task Updated', value: 'item:updated' },
	{ name: 'Task Completed', value: 'item:completed' },
	{ name: 'Task Uncompleted', value: 'item:uncompleted' },
	{ name: 'Task Deleted', value: 'item:deleted' },
	{ name: 'Comment Added', value: 'note:added' },
	{ name: 'Comment Updated', value: 'note:updated' },
	{ name: 'Comment Deleted', value: 'note:deleted' },
	{ name: 'Project Added', value: 'project:added' },
	{ name: 'Project Updated', value: 'project:updated' },
	{ name: 'Project Deleted', value: 'project:deleted' },
	{ name: 'Project Archived', value: 'project:archived' },
	{ name: 'Project Unarchived', value: 'project:unarchived' },
	{ name: 'Section Added', value: 'section:added' },
	{ name: 'Section Updated', value: 'section:updated' },
	{ name: 'Section Deleted', value: 'section:deleted' },
	{ name: 'Section Archived', value: 'section:archived' },
	{ name: 'Section Unarchived', value: 'section:unarchived' },
	{ name: 'Label Added', value: 'label:added' },
	{ name: 'Label Updated', value: 'label:updated' },
	{ name: 'Label Deleted', value: 'label:deleted' },
	{ name: 'Filter Added', value: 'filter:added' },
	{ name: 'Filter Updated', value: 'filter:updated' },
	{ name: 'Filter Deleted', value: 'filter:deleted' },
	{ name: 'Reminder Fired', value: 'reminder:fired' },
];

/** The envelope Todoist wraps every event in. */
export interface TodoistEvent extends IDataObject {
	event_name: string;
	event_data: IDataObject;
}

export function isTodoistEvent(body: unknown): body is TodoistEvent {
	return (
		isRecord(body) &&
		typeof body.event_name === 'string' &&
		body.event_name.length > 0 &&
		isRecord(body.event_data)
	);
}

/** Todoist's web app; a task opens at `/task/<id>` (the link Todoist's own SDK builds when it has no title). */
export const TODOIST_TASK_LINK_BASE = 'https://app.todoist.com/app/task/';

/** The link Todoist sent, or one built from the task's id: API v1 may leave `url` out. */
export function taskLink(task: IDataObject): string | null {
	if (typeof task.url === 'string' && /^https?:\/\//.test(task.url)) return task.url;
	const id = typeof task.id === 'string' || typeof task.id === 'number' ? String(task.id).trim() : '';
	return id ? `${TODOIST_TASK_LINK_BASE}${encodeURIComponent(id)}` : null;
}

/**
 * `item:updated` says why in `event_data_extra.update_intent` (API v1, when the initiator made the change);
 * completing an occurrence of a recurring task arrives that way, as `item_completed`, with the task still open.
 */
function updateIntent(event: TodoistEvent): string | null {
	const extra = event.event_data_extra;
	return isRecord(extra) && typeof extra.update_intent === 'string' ? extra.update_intent : null;
}

/**
 * The workflow item: the whole envelope plus camelCase fields. `deliveryId` comes from the
 * `X-Todoist-Delivery-ID` header, which Todoist reuses when it redelivers, so flows can drop repeats.
 * A task always has `url` (filled in from its id when Todoist left it out), so no flow reads "undefined".
 */
export function toOutputItem(event: TodoistEvent, deliveryId: string | undefined): IDataObject {
	const isTask = event.event_name.startsWith('item:');
	const link = isTask ? taskLink(event.event_data) : null;
	const intent = updateIntent(event);
	return {
		...event,
		eventName: event.event_name,
		task: isTask ? { ...event.event_data, ...(link ? { url: link } : {}) } : null,
		taskUrl: link,
		updateIntent: intent,
		recurringOccurrenceCompleted: event.event_name === 'item:updated' && intent === 'item_completed',
		initiator: isRecord(event.initiator) ? event.initiator : null,
		deliveryId: deliveryId && deliveryId.length > 0 ? deliveryId : null,
	};
}

/** The task change an event reports, for recognising the echo of a change we made ourselves. */
export function taskChange(event: TodoistEvent): SyncChange | undefined {
	const id = event.event_data.id;
	if (typeof id !== 'string' || id === '') return undefined;
	if (event.event_name === 'item:completed') return { service: 'todoist', object: 'task', id, change: 'completed' };
	if (event.event_name === 'item:uncompleted') return { service: 'todoist', object: 'task', id, change: 'uncompleted' };
	return undefined;
}
