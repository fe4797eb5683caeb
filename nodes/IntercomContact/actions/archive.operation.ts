import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requiredText } from '../../common/attributes';
import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { unwrap } from '../../common/intercom/transport';
import { archiveContact } from './contactApi';

const properties: INodeProperties[] = [
	{
		displayName: 'Contact ID',
		name: 'contactId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '63a07ddf05a32042dffac965',
		description: 'The contact to archive. Archived contacts can be brought back with Upsert.',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { operation: ['archive'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const contactId = requiredText(this, 'contactId', itemIndex, 'Enter the ID of the contact to archive');
	return unwrap(await archiveContact(session.transport, contactId)) as unknown as IDataObject;
}
