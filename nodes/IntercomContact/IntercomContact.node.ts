import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { JSON_UNDER_OPTIONS_VERSION } from '../common/attributes';
import { CREDENTIAL_TYPES } from '../common/credentialTypes';
import { intercomCredentialTest } from '../common/credentialTests/intercom';
import { routeIntercomOperation, type IntercomOperation } from '../common/intercom/router';
import * as archive from './actions/archive.operation';
import * as get from './actions/get.operation';
import * as getMany from './actions/getMany.operation';
import * as mergeLeadIntoUser from './actions/mergeLeadIntoUser.operation';
import * as searchByEmail from './actions/searchByEmail.operation';
import * as upsert from './actions/upsert.operation';

const operations: Record<string, IntercomOperation> = { archive, get, getMany, mergeLeadIntoUser, searchByEmail, upsert };

export class IntercomContact implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intercom Contact',
		name: 'intercomContact',
		icon: 'file:intercom.svg',
		group: ['transform'],
		// 1.1 shows the JSON attributes under Options instead of beside the list; 1 keeps them where they were.
		version: [1, JSON_UNDER_OPTIONS_VERSION],
		defaultVersion: JSON_UNDER_OPTIONS_VERSION,
		subtitle: '={{ $parameter["operation"] }}',
		description: 'Create, update, merge, archive and find Intercom contacts without making duplicates',
		defaults: { name: 'Intercom Contact' },
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
				default: 'upsert',
				options: [
					{ name: 'Archive', value: 'archive', action: 'Archive a contact', description: 'Archive one contact' },
					{
						name: 'Create or Update',
						value: 'upsert',
						action: 'Create or update a contact',
						description: 'Create a new record, or update the current one if it already exists (upsert)',
					},
					{ name: 'Get', value: 'get', action: 'Get a contact', description: 'Get one contact by ID, external ID or email' },
					{
						name: 'Get Many',
						value: 'getMany',
						action: 'Get many contacts',
						description: 'List contacts found by role, custom attributes, email domain or last update',
					},
					{
						name: 'Merge Lead Into User',
						value: 'mergeLeadIntoUser',
						action: 'Merge a lead into a user',
						description: 'Move a lead’s conversations and data into a user',
					},
					{
						name: 'Search by Email',
						value: 'searchByEmail',
						action: 'Search contacts by email',
						description: 'List every contact with an email',
					},
				],
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = { credentialTest: { intercomCredentialTest } };

	async execute(this: IExecuteFunctions) {
		return await routeIntercomOperation(this, operations);
	}
}
