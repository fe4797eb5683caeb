import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { actingAdminOption, readActingAdmin } from '../../common/intercom/actingAdmin';
import { conversationIdProperty, manageConversation, readChoice, readConversationId, readOptionText } from './conversationFields';

const UNASSIGN_HINT = 'An expression giving 0 takes the conversation off whoever has it';

const properties: INodeProperties[] = [
	conversationIdProperty,
	{
		displayName: 'Assign To',
		name: 'assignTo',
		type: 'options',
		default: 'admin',
		options: [
			{ name: 'Admin', value: 'admin', description: 'A teammate' },
			{ name: 'Team', value: 'team', description: 'A team inbox; an admin assigned before stays assigned' },
		],
	},
	{
		displayName: 'Admin Name or ID',
		name: 'assigneeAdminId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAdmins' },
		required: true,
		default: '',
		description:
			'The teammate who takes the conversation. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: UNASSIGN_HINT,
		displayOptions: { show: { assignTo: ['admin'] } },
	},
	{
		displayName: 'Team Name or ID',
		name: 'assigneeTeamId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTeams' },
		required: true,
		default: '',
		description:
			'The team whose inbox the conversation goes to. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		hint: UNASSIGN_HINT,
		displayOptions: { show: { assignTo: ['team'] } },
	},
	optionsCollection([
		actingAdminOption('Assign As Admin Name or ID', 'Who Intercom records as making the assignment.'),
		{
			displayName: 'Message',
			name: 'body',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: 'Let me pass you over to our billing team.',
			description: 'A message Intercom adds to the conversation with the assignment',
		},
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['assign'] } }, properties);

function readAssignee(context: IExecuteFunctions, itemIndex: number): { type: 'admin' | 'team'; id: string } {
	const type = readChoice(context, itemIndex, { name: 'assignTo', label: 'Assign To' }, ['admin', 'team'] as const);
	const raw = context.getNodeParameter(type === 'team' ? 'assigneeTeamId' : 'assigneeAdminId', itemIndex, '');
	const id = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
	if (!id) {
		throw new NodeOperationError(context.getNode(), `Choose the ${type} to assign the conversation to`, {
			itemIndex,
			description: `Pick one from the list under ${type === 'team' ? 'Team' : 'Admin'}, or give 0 to unassign.`,
		});
	}
	return { type, id };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const conversationId = readConversationId(this, itemIndex);
	const assignee = readAssignee(this, itemIndex);
	const adminId = await readActingAdmin(this, itemIndex, session, 'Assign As Admin');
	const body = readOptionText(this, itemIndex, 'body');
	const whom = assignee.id === '0' ? `no ${assignee.type}` : `${assignee.type} ${assignee.id}`;
	const conversation = await manageConversation(
		this,
		itemIndex,
		session,
		conversationId,
		{ message_type: 'assignment', type: assignee.type, admin_id: adminId, assignee_id: assignee.id, ...(body ? { body } : {}) },
		`assign conversation ${conversationId} to ${whom}`,
	);
	return { ...conversation, action: assignee.id === '0' ? 'unassigned' : 'assigned' };
}
