import type { INodeProperties } from 'n8n-workflow';

import { actingAdminOption } from './actingAdmin';
import { optionsCollection } from './session';

/**
 * The parameters of a reply by an admin (to a conversation or a ticket): reply or internal note, the message,
 * and under Options the admin it comes from. `replySeenBy` says who reads a reply; `placeholder` an example.
 */
export function adminReplyProperties(replySeenBy: string, placeholder: string): INodeProperties[] {
	return [
		{
			displayName: 'Reply Type',
			name: 'messageType',
			type: 'options',
			default: 'comment',
			hint: 'In an expression, give comment (a reply) or note',
			options: [
				{ name: 'Internal Note', value: 'note', description: 'Only your team sees it' },
				{ name: 'Reply', value: 'comment', description: replySeenBy },
			],
		},
		{
			displayName: 'Message',
			name: 'body',
			type: 'string',
			typeOptions: { rows: 4 },
			required: true,
			default: '',
			placeholder,
			hint: 'Plain text, or simple HTML: paragraphs, bold text and links',
		},
		optionsCollection([actingAdminOption('Reply As Admin Name or ID', 'The admin the reply or note comes from.')]),
	];
}
