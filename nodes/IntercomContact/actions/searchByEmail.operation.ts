import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requiredText } from '../../common/attributes';
import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { normalizeEmail, rankForKeeping, searchContactsByEmail } from './contactApi';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		placeholder: 'name@email.com',
		default: '',
		description: 'Finds every contact with this email, ignoring case',
	},
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { operation: ['searchByEmail'] } }, properties);

/** One item per input: whether anything matched and every match, the contact to keep first. */
export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const email = requiredText(this, 'email', itemIndex, 'Enter the email to search for');
	const contacts = rankForKeeping(await searchContactsByEmail(session.transport, email));
	return {
		email: normalizeEmail(email),
		found: contacts.length > 0,
		count: contacts.length,
		contacts: contacts as unknown as IDataObject[],
	};
}
