import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requiredText } from '../../common/attributes';
import { actingAdminOption, readActingAdmin } from '../../common/intercom/actingAdmin';
import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { readTagField, tagField } from '../../common/intercom/tagField';
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
	tagField('remove', { placeholder: 'mynatca-sync', hint: 'Looked up among the workspace’s tags, ignoring case' }),
	optionsCollection([actingAdminOption('Remove As Admin Name or ID', 'Who Intercom records as removing the tag.')]),
];

export const description = updateDisplayOptions({ show: { operation: ['remove'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const conversationId = requiredText(this, 'conversationId', itemIndex, 'Enter the ID of the conversation');
	const tag = await readTagField(this, itemIndex, session, 'remove', { createMissing: false, whenMissing: 'Check the spelling, or pick the tag from the list.' });
	const adminId = await readActingAdmin(this, itemIndex, session, 'Remove As Admin');
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
