import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { requiredText } from '../attributes';

/** Ways to name a contact in a request body, and the body key each one uses. */
const REFERENCE_KEYS = { id: 'id', email: 'email', externalId: 'external_id', userId: 'user_id' } as const;

export type ContactReferenceKind = keyof typeof REFERENCE_KEYS;

const CHOICES: Record<ContactReferenceKind, INodePropertyOptions> = {
	id: { name: 'Contact ID', value: 'id', description: 'The ID Intercom gave the contact' },
	email: { name: 'Email', value: 'email' },
	externalId: { name: 'External ID', value: 'externalId', description: 'Your own ID for the person' },
	userId: { name: 'User ID', value: 'userId', description: 'Your own ID for the person (Intercom’s external ID)' },
};

/** "Contact By" and "Contact" parameters offering the given kinds (listed alphabetically). */
export function contactReferenceProperties(kinds: ContactReferenceKind[], purpose: string): INodeProperties[] {
	return [
		{
			displayName: 'Contact By',
			name: 'contactBy',
			type: 'options',
			default: 'email',
			description: `How to name the contact ${purpose}`,
			options: kinds.map((kind) => CHOICES[kind]).sort((a, b) => a.name.localeCompare(b.name)),
		},
		{
			displayName: 'Contact',
			name: 'contactValue',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'name@email.com',
			description: 'The contact’s email or ID, as chosen above',
		},
	];
}

/** `{ email }`, `{ id }`, `{ external_id }` or `{ user_id }` for the request body. */
export function readContactReference(context: IExecuteFunctions, itemIndex: number): Record<string, string> {
	const kind = (String(context.getNodeParameter('contactBy', itemIndex, 'email')) || 'email') as ContactReferenceKind;
	const value = requiredText(context, 'contactValue', itemIndex, 'Enter the contact this is about');
	const key = REFERENCE_KEYS[kind] ?? 'email';
	return { [key]: key === 'email' ? value.toLowerCase() : value };
}
