import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { JSON_UNDER_OPTIONS_VERSION } from '../common/attributes';
import { CREDENTIAL_TYPES } from '../common/credentialTypes';
import { intercomCredentialTest } from '../common/credentialTests/intercom';
import { routeIntercomOperation, type IntercomOperation } from '../common/intercom/router';
import * as send from './actions/send.operation';

const operations: Record<string, IntercomOperation> = { send };

export class IntercomDataEvent implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intercom Data Event',
		name: 'intercomDataEvent',
		icon: 'file:intercom.svg',
		group: ['transform'],
		// 1.1 shows the JSON attributes under Options instead of beside the list; 1 keeps them where they were.
		version: [1, JSON_UNDER_OPTIONS_VERSION],
		defaultVersion: JSON_UNDER_OPTIONS_VERSION,
		subtitle: '={{ $parameter["eventName"] }}',
		description: 'Record what a member did as an Intercom data event, many at a time within the rate limit',
		defaults: { name: 'Intercom Data Event' },
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
				default: 'send',
				options: [
					{ name: 'Send', value: 'send', action: 'Send a data event', description: 'Record one event per item on the contact' },
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
