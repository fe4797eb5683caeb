import type { IExecuteFunctions } from 'n8n-workflow';
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
