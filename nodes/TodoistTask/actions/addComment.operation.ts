import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { isRecord } from '../../common/jsonValues';
import { oncePerKey, oncePerKeyProperty } from '../../common/syncEchoes';
import type { TodoistTransport } from '../transport/client';
import { optionsCollection } from './options';
import { readTaskId, taskIdProperty } from './task';

const properties: INodeProperties[] = [
	taskIdProperty('The task to comment on'),
	{
		displayName: 'Comment',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'Intercom ticket 123 was resolved',
		description: 'The text of the comment. Todoist shows Markdown (links, bold) formatted.',
	},
	optionsCollection([oncePerKeyProperty('={{ "ticket-" + $json.ticket.id + "-resolved" }}')]),
];

export const description = updateDisplayOptions({ show: { operation: ['addComment'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, todoist: TodoistTransport) {
	const taskId = readTaskId(this, itemIndex);
	const content = String(this.getNodeParameter('content', itemIndex, '') ?? '');
	if (!content.trim()) throw new NodeOperationError(this.getNode(), 'Enter the comment text', { itemIndex });
	const onceKey = String(this.getNodeParameter('options.onceKey', itemIndex, '') ?? '').trim();
	const send = async () =>
		await todoist.call({ action: `add a comment to task ${taskId}`, method: 'POST', path: '/comments', body: { task_id: taskId, content }, taskId });
	const outcome = onceKey ? await oncePerKey(`todoist-comment:${onceKey}`, send) : { skipped: false as const, value: await send() };
	if (outcome.skipped) return { taskId, action: 'skippedRepeat', onceKey };
	const comment = outcome.value;
	if (!isRecord(comment) || typeof comment.id !== 'string') {
		throw new NodeOperationError(this.getNode(), 'Todoist accepted the comment but did not send it back', {
			itemIndex,
			description: 'Check the task in Todoist before running this item again, so the comment is not added twice.',
		});
	}
	return { ...comment, taskId, action: 'commented' };
}
