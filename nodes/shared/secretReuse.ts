/**
 * Signing secrets read from n8n, reused for a moment. n8n reads a credential from its database (and, under its
 * default settings, builds an expression isolate) on every read; a busy trigger would pay that per request.
 * A second is short enough that a rotated secret takes effect before Intercom or Todoist retry what it refused.
 */
export const SECRET_REUSE_MS = 1_000;

/** Few credentials exist; the bound only keeps a misuse from growing memory. */
const MAX_ENTRIES = 100;

const recent = new Map<string, { secret: string; until: number }>();

/**
 * The secret for `key` (a credential's id) as read within the last second, else `read()`'s. An empty secret is
 * never kept: a webhook refused for a missing secret is checked again as soon as one is filled in.
 */
export async function reuseRecentSecret(key: string | undefined, read: () => Promise<string>, now: () => number = Date.now): Promise<string> {
	if (!key) return await read();
	const kept = recent.get(key);
	if (kept && kept.until > now()) return kept.secret;
	const secret = await read();
	if (secret) {
		if (recent.size >= MAX_ENTRIES && !recent.has(key)) recent.delete(recent.keys().next().value!);
		recent.set(key, { secret, until: now() + SECRET_REUSE_MS });
	} else {
		recent.delete(key);
	}
	return secret;
}

/** For tests: forget every kept secret. */
export function forgetRecentSecrets(): void {
	recent.clear();
}
