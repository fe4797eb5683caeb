import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readLocator } from './lists';
import type { IntercomSession } from './session';
import { findOrCreateTag, findTagByName } from './tagByName';

type TagAction = 'add' | 'remove';

/** The Tag field of the tag operations: picked from the list, given by name, or by ID. */
export function tagField(action: TagAction, byName: { placeholder: string; hint: string }): INodeProperties {
	return {
		displayName: 'Tag',
		name: 'tag',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: `The tag to ${action}`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTags', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', ...byName },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '7522907',
				validation: [{ type: 'regex', properties: { regex: '^\\d+$', errorMessage: 'A tag ID is a number' } }],
			},
		],
	};
}

export interface ResolvedTag {
	id: string;
	/** Known when the tag was given by name (a listed or typed ID is not looked up). */
	name?: string;
	created: boolean;
}

/**
 * The tag the Tag field names. A name is matched ignoring case; one the workspace lacks is created when
 * `createMissing`, else the item fails with `whenMissing` as what to do.
 */
export async function readTagField(
	context: IExecuteFunctions,
	itemIndex: number,
	session: IntercomSession,
	action: TagAction,
	{ createMissing, whenMissing }: { createMissing: boolean; whenMissing: string },
): Promise<ResolvedTag> {
	const { mode, value } = readLocator(context.getNodeParameter('tag', itemIndex));
	if (!value) throw new NodeOperationError(context.getNode(), `Choose the tag to ${action}`, { itemIndex });
	if (mode !== 'name') return { id: value, created: false };
	if (createMissing) {
		const { tag, created } = await findOrCreateTag(session, value);
		return { id: tag.id, name: tag.name, created };
	}
	const tag = await findTagByName(session, value);
	if (tag) return { id: tag.id, name: tag.name, created: false };
	throw new NodeOperationError(context.getNode(), `Intercom has no tag named "${value}"`, { itemIndex, description: whenMissing });
}
