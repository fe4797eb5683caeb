import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../common/credentialTypes';
// The Todoist credential has one test function, whichever node n8n asks (test/credentials/credentials.test.ts).
import { todoistCredentialTest } from '../common/credentialTests/todoist';
import * as addComment from './actions/addComment.operation';
import * as close from './actions/close.operation';
import * as reopen from './actions/reopen.operation';
import { routeTodoistOperation, type TodoistOperation } from './actions/router';

const operations: Record<string, TodoistOperation> = { addComment, close, reopen };

export class TodoistTask implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Todoist Task',
		name: 'todoistTask',
		icon: 'file:todoist.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ { addComment: "Add comment", close: "Close task", reopen: "Reopen task" }[$parameter["operation"]] }}',
		description: 'Comment on, complete or reopen a Todoist task, for example when its Intercom ticket changes',
		defaults: { name: 'Todoist Task' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPES.todoist, required: true, testedBy: 'todoistCredentialTest' }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'addComment',
				options: [
					{
						name: 'Add Comment',
						value: 'addComment',
						action: 'Add a comment to a task',
						description: 'Post a comment on the task; the output is the comment Todoist made',
					},
					{
						name: 'Close',
						value: 'close',
						action: 'Close a task',
						description: 'Complete the task (a recurring one moves to its next date). Already completed counts as done.',
					},
					{
						name: 'Reopen',
						value: 'reopen',
						action: 'Reopen a task',
						description: 'Make a completed task active again. Already open counts as done.',
					},
				],
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = { credentialTest: { todoistCredentialTest } };

	async execute(this: IExecuteFunctions) {
		return await routeTodoistOperation(this, operations);
	}
}
