import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { requiredText } from '../../common/attributes';
import { actingAdmin } from '../../common/intercom/actingAdmin';
import { readLocator } from '../../common/intercom/lists';
import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { findTagByName } from '../../common/intercom/tagByName';
import { unwrap } from '../../common/intercom/transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Conversation ID',
		name: 'conversationId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123456789',
		description: 'The conversation to take the tag off, e.g. from the Intercom Trigger’s output',
	},
	{
		displayName: 'Tag',
		name: 'tag',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The tag to remove',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTags', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'mynatca-sync',
				hint: 'Looked up among the workspace’s tags, ignoring case',
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '7522907',
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A tag ID is a number' } }],
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Remove As Admin Name or ID',
			name: 'adminId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getAdmins' },
			default: '',
			description:
				'Who Intercom records as removing the tag. Leave empty for the admin who owns the access token. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['remove'] } }, properties);

async function resolveTag(context: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const { mode, value } = readLocator(context.getNodeParameter('tag', itemIndex));
	if (!value) throw new NodeOperationError(context.getNode(), 'Choose the tag to remove', { itemIndex });
	if (mode !== 'name') return { id: value, name: undefined as string | undefined };
	const tag = await findTagByName(session, value);
	if (!tag) {
		throw new NodeOperationError(context.getNode(), `Intercom has no tag named "${value}"`, {
			itemIndex,
			description: 'Check the spelling, or pick the tag from the list.',
		});
	}
	return { id: tag.id, name: tag.name };
}

async function resolveAdmin(context: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await actingAdmin(context, itemIndex, session, options.adminId, 'Options → Remove As Admin');
}

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const conversationId = requiredText(this, 'conversationId', itemIndex, 'Enter the ID of the conversation');
	const tag = await resolveTag(this, itemIndex, session);
	const adminId = await resolveAdmin(this, itemIndex, session);
	const result: IDataObject = { conversationId, tagId: tag.id, tagName: tag.name ?? null, adminId };
	const removal = await session.transport.attempt(
		`remove tag ${tag.name ?? tag.id} from conversation ${conversationId}`,
		async (client, options) =>
			await client.tags.untagConversation({ conversation_id: conversationId, tag_id: tag.id, admin_id: adminId }, options),
	);
	// Intercom answers tag_not_found when the conversation does not carry the tag (any more).
	if ('failure' in removal && removal.failure.kind === 'notFound' && removal.failure.code === 'tag_not_found') {
		return { ...result, removed: false };
	}
	return { ...result, tagName: unwrap(removal).name ?? result.tagName, removed: true };
}
