/**
 * Signing secrets read from n8n, reused for a moment. n8n reads a credential from its database (and, under its
 * default settings, builds an expression isolate) on every read; a busy trigger would pay that per request.
 * A second is short enough that a rotated secret takes effect before Intercom or Todoist retry what it refused.
 */
import { RecentReads } from './recentReads';

export const SECRET_REUSE_MS = 1_000;

const recentSecrets = new RecentReads<string>(SECRET_REUSE_MS);

/**
 * The secret for `key` (a credential's id) as read within the last second, else `read()`'s. An empty secret is
 * never kept: a webhook refused for a missing secret is checked again as soon as one is filled in.
 */
export async function reuseRecentSecret(key: string | undefined, read: () => Promise<string>, now: () => number = Date.now): Promise<string> {
	return await recentSecrets.get(key, read, (secret) => secret !== '', now);
}

/** For tests: forget every kept secret. */
export function forgetRecentSecrets(): void {
	recentSecrets.forgetAll();
}
