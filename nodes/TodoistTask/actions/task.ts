import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isRecord } from '../../common/jsonValues';
import { withEchoMarked, type SyncChange } from '../../common/syncEchoes';
import type { TodoistTransport } from '../transport/client';

/** The Task ID parameter every operation starts with. */
export function taskIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '6X7rM8997g3RQmvh',
		description,
		hint: 'The Todoist Trigger outputs it as task.id. Only Todoist API v1 ids work; old numeric ids do not.',
	};
}

/** Todoist API v1 ids are opaque strings of letters and digits; anything else (a link, a name) is a mistake. */
export function readTaskId(context: IExecuteFunctions, itemIndex: number): string {
	const taskId = String(context.getNodeParameter('taskId', itemIndex, '') ?? '').trim();
	if (!taskId) throw new NodeOperationError(context.getNode(), 'Enter the Task ID', { itemIndex });
	if (!/^[A-Za-z0-9_-]+$/.test(taskId)) {
		throw new NodeOperationError(context.getNode(), `"${taskId.slice(0, 80)}" is not a Todoist task ID`, {
			itemIndex,
			description: 'Enter the task’s ID (letters and digits, e.g. 6X7rM8997g3RQmvh), not its link or its title.',
		});
	}
	return taskId;
}

const STATES = {
	close: { done: 'closed', already: 'alreadyClosed', checked: true },
	reopen: { done: 'reopened', already: 'alreadyOpen', checked: false },
} as const;

/**
 * Closes or reopens a task, harmlessly when it is already so. Todoist's answer to closing a completed task (or
 * reopening an open one) is not documented: a 2xx is taken as done; a 400 or 404 sends us to read the task, and
 * when it already is as asked the item succeeds with `alreadyClosed` / `alreadyOpen`.
 */
export async function setCompletion(todoist: TodoistTransport, taskId: string, change: 'close' | 'reopen', dontEchoBack = false): Promise<IDataObject> {
	const state = STATES[change];
	const path = `/tasks/${encodeURIComponent(taskId)}`;
	let echo: SyncChange | undefined;
	if (dontEchoBack) {
		// Only a real change sends a webhook: a mark for a task already so would swallow a person's next change.
		const current = await todoist.call({ action: `read task ${taskId}`, method: 'GET', path, taskId });
		if (isRecord(current) && current.is_deleted !== true && current.checked === state.checked) return { taskId, action: state.already };
		echo = { service: 'todoist', object: 'task', id: taskId, change: change === 'close' ? 'completed' : 'uncompleted' };
	}
	const result = await withEchoMarked(echo, async () => {
		const attempt = await todoist.attempt({ action: `${change} task ${taskId}`, method: 'POST', path: `${path}/${change}`, taskId });
		if ('failure' in attempt && echo) throw attempt.failure;
		return attempt;
	});
	if (!('failure' in result)) return { taskId, action: state.done };
	const refused = result.failure;
	if (refused.kind !== 'notFound' && refused.kind !== 'invalid') throw refused;

	const read = await todoist.attempt({ action: `read task ${taskId}`, method: 'GET', path, taskId });
	// The refusal stays the reason, unless it was a 400 and the read shows there is no such task.
	if ('failure' in read) throw read.failure.kind === 'notFound' && refused.kind !== 'notFound' ? read.failure : refused;
	const task = read.value;
	if (isRecord(task) && task.is_deleted !== true && task.checked === state.checked) return { taskId, action: state.already };
	throw refused;
}
