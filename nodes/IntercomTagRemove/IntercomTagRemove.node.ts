import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../common/credentialTypes';
import { intercomCredentialTest } from '../common/credentialTests/intercom';
import { getAdmins, searchTags } from '../common/intercom/lists';
import { routeIntercomOperation, type IntercomOperation } from '../common/intercom/router';
import * as remove from './actions/remove.operation';

const operations: Record<string, IntercomOperation> = { remove };

export class IntercomTagRemove implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intercom Tag Remove',
		name: 'intercomTagRemove',
		icon: 'file:intercom.svg',
		group: ['transform'],
		version: 1,
		subtitle: '={{ "Remove tag from conversation" }}',
		description: 'Take a tag off an Intercom conversation, for example once a re-sync it asked for is done',
		defaults: { name: 'Intercom Tag Remove' },
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
				default: 'remove',
				options: [
					{
						name: 'Remove From Conversation',
						value: 'remove',
						action: 'Remove a tag from a conversation',
						description: 'Already removed or never applied counts as done (removed: false)',
					},
				],
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = { listSearch: { searchTags }, loadOptions: { getAdmins }, credentialTest: { intercomCredentialTest } };

	async execute(this: IExecuteFunctions) {
		return await routeIntercomOperation(this, operations);
	}
}
