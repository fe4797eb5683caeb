import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { isRecord } from '../common/signedWebhook';

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

/**
 * The workflow item: the whole envelope plus camelCase fields. `deliveryId` comes from the
 * `X-Todoist-Delivery-ID` header, which Todoist reuses when it redelivers, so flows can drop repeats.
 */
export function toOutputItem(event: TodoistEvent, deliveryId: string | undefined): IDataObject {
	return {
		...event,
		eventName: event.event_name,
		task: event.event_name.startsWith('item:') ? event.event_data : null,
		initiator: isRecord(event.initiator) ? event.initiator : null,
		deliveryId: deliveryId && deliveryId.length > 0 ? deliveryId : null,
	};
}
