import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { JSON_UNDER_OPTIONS_VERSION } from '../common/attributes';
import { CREDENTIAL_TYPES } from '../common/credentialTypes';
import { intercomCredentialTest } from '../common/credentialTests/intercom';
import { getAdmins, searchTicketTypes } from '../common/intercom/lists';
import { routeIntercomOperation, type IntercomOperation } from '../common/intercom/router';
import * as createOrUpdate from './actions/createOrUpdate.operation';
import { searchReferenceAttributes } from './actions/methods';
import * as reply from './actions/reply.operation';

const operations: Record<string, IntercomOperation> = { createOrUpdate, reply };

export class IntercomTicket implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intercom Ticket',
		name: 'intercomTicket',
		icon: 'file:intercom.svg',
		group: ['transform'],
		// 1.1 shows the JSON attributes under Options instead of beside the list; 1 keeps them where they were.
		version: [1, JSON_UNDER_OPTIONS_VERSION],
		defaultVersion: JSON_UNDER_OPTIONS_VERSION,
		subtitle: '={{ $parameter["operation"] === "reply" ? "Reply" : "Create or update by reference" }}',
		description: 'Open an Intercom ticket for an outside task once, keep it up to date, and reply on it',
		defaults: { name: 'Intercom Ticket' },
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
				default: 'createOrUpdate',
				options: [
					{
						name: 'Create or Update by Reference',
						value: 'createOrUpdate',
						action: 'Create or update a ticket by reference',
						description: 'Update the ticket that carries the reference, or create it when there is none',
					},
					{
						name: 'Reply',
						value: 'reply',
						action: 'Reply to a ticket',
						description: 'Reply to the customer on a ticket, or add an internal note',
					},
				],
			},
			...Object.values(operations).flatMap((operation) => operation.description),
		],
	};

	methods = {
		listSearch: { searchTicketTypes, searchReferenceAttributes },
		loadOptions: { getAdmins },
		credentialTest: { intercomCredentialTest },
	};

	async execute(this: IExecuteFunctions) {
		return await routeIntercomOperation(this, operations);
	}
}
