import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { requiredText } from '../../common/attributes';
import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import type { Contact } from './contactApi';
import { unwrap } from '../../common/intercom/transport';
import { findContact, findContactByExternalId, isGone, rankForKeeping, searchContactsByEmail } from './contactApi';

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'lookupBy',
		type: 'options',
		default: 'id',
		options: [
			{ name: 'Contact ID', value: 'id', description: 'The ID Intercom gave the contact' },
			{ name: 'Email', value: 'email', description: 'When several contacts share it, the user (else the oldest) is returned' },
			{ name: 'External ID', value: 'externalId', description: 'Your own ID for the person' },
		],
	},
	{
		displayName: 'Value',
		name: 'lookupValue',
		type: 'string',
		required: true,
		default: '',
		placeholder: '63a07ddf05a32042dffac965',
		description: 'The contact ID, email or external ID to look for',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const lookupBy = this.getNodeParameter('lookupBy', itemIndex, 'id') as string;
	const value = requiredText(this, 'lookupValue', itemIndex, 'Enter the value to look the contact up by');
	let contact: Contact | undefined;
	if (lookupBy === 'id') {
		contact = unwrap(await findContact(session.transport, value));
	} else if (lookupBy === 'externalId') {
		const found = await findContactByExternalId(session.transport, value);
		contact = isGone(found) ? undefined : unwrap(found);
	} else {
		contact = rankForKeeping(await searchContactsByEmail(session.transport, value))[0];
	}
	if (!contact) {
		const what = lookupBy === 'email' ? 'email' : 'external ID';
		throw new NodeOperationError(this.getNode(), `No Intercom contact has the ${what} ${value}`, {
			itemIndex,
			description:
				lookupBy === 'email' ? 'Contacts created in the last minutes may not be found by search yet.' : undefined,
		});
	}
	return contact as unknown as IDataObject;
}
