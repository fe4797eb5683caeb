/**
 * What triggers check requests against (signing secrets, API keys, expected authentication), read from their
 * credential and reused for a moment. n8n reads a credential from its database (and, under its default settings,
 * builds an expression isolate) on every read; a busy trigger would pay that per request. A second is short enough
 * that a rotated secret takes effect before a sender retries what it refused. The one cache of credential reads
 * that spans executions (CONTRIBUTING.md, "State across executions").
 */
import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

import { RecentReads } from './recentReads';

export const SECRET_REUSE_MS = 1_000;

const recentReads = new RecentReads<unknown>(SECRET_REUSE_MS);

/**
 * The value for `key` as read within the last second, else `read()`'s. A value `usable` refuses is never kept:
 * a request refused for a missing secret is checked again as soon as one is filled in.
 */
export async function reuseRecent<T>(
	key: string | undefined,
	read: () => Promise<T>,
	usable: (value: T) => boolean,
	now: () => number = Date.now,
): Promise<T> {
	return (await recentReads.get(key, read, (value) => usable(value as T), now)) as T;
}

/** A signing secret, by its credential's id; an empty one is never kept. */
export async function reuseRecentSecret(key: string | undefined, read: () => Promise<string>, now: () => number = Date.now): Promise<string> {
	return await reuseRecent(key === undefined ? undefined : `secret:${key}`, read, (secret) => secret !== '', now);
}

/**
 * What the trigger's credential of `credentialType` expects, as `toExpected` makes it from the credential's data,
 * reused for a second per credential. Throws when the credential cannot be read; callers refuse the request then.
 */
export async function readCredentialReused<T>(
	context: IWebhookFunctions,
	credentialType: string,
	toExpected: (data: ICredentialDataDecryptedObject) => T,
	usable: (value: T) => boolean,
): Promise<T> {
	const credentialId = context.getNode().credentials?.[credentialType]?.id ?? undefined;
	const key = credentialId === undefined ? undefined : `${credentialType}:${credentialId}`;
	return await reuseRecent(key, async () => toExpected(await context.getCredentials(credentialType)), usable);
}
