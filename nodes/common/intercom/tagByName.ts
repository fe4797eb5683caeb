import type { Intercom } from 'intercom-client';

import { listTags } from './lists';
import type { IntercomSession } from './session';

/** Intercom's tag names are case-insensitive: "VIP" and "vip" are one tag. */
const named = (tags: Intercom.Tag[], name: string) => tags.find((tag) => tag.name.toLowerCase() === name.toLowerCase());

/** The workspace's tag with this name (any case), from the tag list read once per execution. */
export async function findTagByName(session: IntercomSession, name: string): Promise<Intercom.Tag | undefined> {
	return named(await session.once('tags', async () => await listTags(session.transport)), name);
}

/**
 * The tag with this name, created when the workspace has none. Items of one execution share one lookup, and
 * executions (on any n8n process) take turns through the shared lock, re-reading the tags once it is theirs,
 * so two of them asking for the same new name at once make one tag. `created` is true only for the item that
 * made it.
 */
export async function findOrCreateTag(session: IntercomSession, name: string): Promise<{ tag: Intercom.Tag; created: boolean }> {
	const known = await findTagByName(session, name);
	if (known) return { tag: known, created: false };
	const key = `tag:${name.toLowerCase()}`;
	let askedHere = false;
	const outcome = await session.once(key, async () => {
		askedHere = true;
		return await session.withRecord(key, async (lease) => {
			const current = named(await listTags(session.transport), name);
			if (current) return { tag: current, created: false };
			lease.assertHeld();
			// Create-or-find by name in Intercom itself, so a retry after a lost answer does not make a second tag.
			const tag = await session.transport.call(`create the tag "${name}"`, async (client, options) =>
				await client.tags.create({ name }, options),
			);
			return { tag, created: true };
		});
	});
	return { tag: outcome.tag, created: askedHere && outcome.created };
}
