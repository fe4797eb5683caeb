import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../common/credentialTypes';
import { intercomCredentialTest } from '../common/credentialTests/intercom';
import { getAdmins, getTeams, searchTags } from '../common/intercom/lists';
import { routeIntercomOperation, type IntercomOperation } from '../common/intercom/router';
import * as addTag from './actions/addTag.operation';
import * as assign from './actions/assign.operation';
import * as close from './actions/close.operation';
import * as open from './actions/open.operation';
import * as reply from './actions/reply.operation';
import * as snooze from './actions/snooze.operation';

const operations: Record<string, IntercomOperation> = { addTag, assign, close, open, reply, snooze };

export class IntercomConversation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intercom Conversation',
		name: 'intercomConversation',
		icon: 'file:intercom.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Reply to, note, tag, assign, close, reopen and snooze Intercom conversations',
		defaults: { name: 'Intercom Conversation' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPES.intercom, required: true, testedBy: 'intercomCredentialTest' }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'reply',
				options: [
					{
						name: 'Add Tag',
						value: 'addTag',
						action: 'Add a tag to a conversation or contact',
						description: 'Tag by name (created when missing), from the list or by ID',
					},
					{
						name: 'Assign',
						value: 'assign',
						action: 'Assign a conversation',
						description: 'Hand the conversation to an admin or a team',
					},
					{ name: 'Close', value: 'close', action: 'Close a conversation', description: 'Close it, with an optional last message' },
					{ name: 'Open', value: 'open', action: 'Open a conversation', description: 'Reopen a closed or snoozed conversation' },
					{
						name: 'Reply',
						value: 'reply',
						action: 'Reply to a conversation',
						description: 'Answer the customer, or leave an internal note for the team',
					},
					{
						name: 'Snooze',
						value: 'snooze',
						action: 'Snooze a conversation',
						description: 'Put it aside until a date, when it comes back open',
					},
				],
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = {
		listSearch: { searchTags },
		loadOptions: { getAdmins, getTeams },
		credentialTest: { intercomCredentialTest },
	};

	async execute(this: IExecuteFunctions) {
		return await routeIntercomOperation(this, operations);
	}
}
