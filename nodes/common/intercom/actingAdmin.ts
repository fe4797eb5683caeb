import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { identifyTokenOwner } from './lists';
import type { IntercomSession } from './session';

/**
 * The admin Intercom records as doing the work (removing a tag, writing a reply): the one chosen, or else the
 * admin who owns the access token, asked once per execution. `chooseWhere` names the field to pick one in.
 */
export async function actingAdmin(
	context: IExecuteFunctions,
	itemIndex: number,
	session: IntercomSession,
	chosen: unknown,
	chooseWhere: string,
): Promise<string> {
	const id = typeof chosen === 'string' || typeof chosen === 'number' ? String(chosen).trim() : '';
	if (id) return id;
	const owner = await session.once('me', async () => await identifyTokenOwner(session.transport));
	if (!owner) {
		throw new NodeOperationError(context.getNode(), 'Intercom did not say which admin owns the access token', {
			itemIndex,
			description: `Choose an admin under ${chooseWhere}.`,
		});
	}
	return owner;
}

/** The Options entry naming the admin Intercom records for the operation (`displayName` ends in "Admin Name or ID"). */
export function actingAdminOption(displayName: string, role: string): INodeProperties {
	return {
		displayName,
		name: 'adminId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAdmins' },
		default: '',
		description: `${role} Leave empty for the admin who owns the access token. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** The admin chosen under Options (`optionName` as the user sees it), or the token's owner. */
export async function readActingAdmin(
	context: IExecuteFunctions,
	itemIndex: number,
	session: IntercomSession,
	optionName: string,
): Promise<string> {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return await actingAdmin(context, itemIndex, session, options.adminId, `Options → ${optionName}`);
}
