import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { requiredText } from '../../common/attributes';
import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { unwrap } from '../../common/intercom/transport';
import { mergeLeadIntoUser } from './contactApi';

const properties: INodeProperties[] = [
	{
		displayName: 'Lead Contact ID',
		name: 'leadId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '6762f0d51bb69f9f2193bb7f',
		description: 'The lead to merge. It stops existing afterwards.',
	},
	{
		displayName: 'User Contact ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '6762f0d51bb69f9f2193bb80',
		description: 'The user that receives the lead’s conversations and data',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { operation: ['mergeLeadIntoUser'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const leadId = requiredText(this, 'leadId', itemIndex, 'Enter the ID of the lead to merge');
	const userId = requiredText(this, 'userId', itemIndex, 'Enter the ID of the user to merge into');
	if (leadId === userId) {
		throw new NodeOperationError(this.getNode(), 'The lead and the user must be two different contacts', {
			itemIndex,
		});
	}
	const user = unwrap(await mergeLeadIntoUser(session.transport, leadId, userId));
	return { ...(user as unknown as IDataObject), mergedContactIds: [leadId] };
}
