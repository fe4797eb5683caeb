import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a signature check needs: the exact bytes that arrived, the shared secret from the credential and the
 * signature header as received. Every field may be missing; a missing field simply fails the check.
 */
export interface SignatureCheck {
	rawBody: Buffer | undefined;
	secret: string | undefined;
	signature: string | string[] | undefined;
}

const INTERCOM_PREFIX = 'sha1=';
// Lower-case hex of a 20-byte SHA-1 digest, exactly as Intercom writes it.
const SHA1_HEX = /^[0-9a-f]{40}$/;
// Standard base64 of a 32-byte SHA-256 digest: 43 characters and one padding character.
const SHA256_BASE64 = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Intercom: `X-Hub-Signature: sha1=<hex>`, an HMAC-SHA1 of the raw request body keyed with the app's client secret.
 * Returns false (never throws) for a missing secret, body or header and for any malformed or wrong signature.
 */
export function verifyIntercomSignature({ rawBody, secret, signature }: SignatureCheck): boolean {
	if (typeof signature !== 'string' || !signature.startsWith(INTERCOM_PREFIX)) return false;
	const hex = signature.slice(INTERCOM_PREFIX.length);
	if (!SHA1_HEX.test(hex)) return false;
	return digestMatches('sha1', rawBody, secret, Buffer.from(hex, 'hex'));
}

/**
 * Todoist: `X-Todoist-Hmac-SHA256: <base64>`, an HMAC-SHA256 of the raw request body keyed with the app's client
 * secret. Returns false (never throws) for a missing secret, body or header and for any malformed or wrong signature.
 */
export function verifyTodoistSignature({ rawBody, secret, signature }: SignatureCheck): boolean {
	if (typeof signature !== 'string' || !SHA256_BASE64.test(signature)) return false;
	const digest = Buffer.from(signature, 'base64');
	// Only the canonical spelling counts, so one digest has exactly one accepted header value.
	if (digest.toString('base64') !== signature) return false;
	return digestMatches('sha256', rawBody, secret, digest);
}

/** Computes the HMAC over the bytes as received (never re-serialised JSON) and compares in constant time. */
function digestMatches(
	algorithm: 'sha1' | 'sha256',
	rawBody: Buffer | undefined,
	secret: string | undefined,
	received: Buffer,
): boolean {
	// Fail closed: without a secret nothing can be verified, so nothing is accepted.
	if (typeof secret !== 'string' || secret.length === 0 || !Buffer.isBuffer(rawBody)) return false;
	const expected = createHmac(algorithm, secret).update(rawBody).digest();
	return expected.length === received.length && timingSafeEqual(expected, received);
}

/**
 * An API key sent as a request header, compared in constant time (hashed first, so keys of any length compare
 * alike). Returns false (never throws) for a missing key or header, an empty key, or a header sent twice.
 */
export function verifyApiKey(expected: string | undefined, received: string | string[] | undefined): boolean {
	if (!expected || typeof received !== 'string') return false;
	const digest = (value: string) => createHmac('sha256', 'api-key').update(value).digest();
	return timingSafeEqual(digest(expected), digest(received));
}

/**
 * HTTP Basic Auth (RFC 7617), as Tealium's Webhook (BasicAuth) connector and RudderStack's HTTP Webhook send it:
 * `Authorization: Basic base64(user:password)`. The decoded pair is compared in constant time, like an API key.
 * Returns false (never throws) for a missing or empty user or password, another scheme, or a header sent twice.
 */
export function verifyBasicAuth(expected: { user: string; password: string } | undefined, authorization: string | string[] | undefined): boolean {
	if (!expected?.user || !expected.password || typeof authorization !== 'string') return false;
	const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
	if (!match) return false;
	return verifyApiKey(`${expected.user}:${expected.password}`, Buffer.from(match[1], 'base64').toString('utf8'));
}

/**
 * Segment's Webhooks destinations: `X-Signature: <hex>`, a lower-case hex HMAC-SHA1 keyed with the shared secret.
 * The classic destination and Webhooks (Actions) without batching sign the body they send (`JSON.stringify` of the
 * event, so the raw bytes). With batching on, Webhooks (Actions) sends a JSON array but signs only
 * `JSON.stringify` of its first event (segmentio/action-destinations, destinations/webhook/index.ts, and its test
 * "supports request signing with batched events"): pass those bytes as `firstEvent` to accept such a batch.
 * Returns false (never throws) for a missing secret, body or header and for any malformed or wrong signature.
 */
export function verifySegmentSignature({ rawBody, secret, signature }: SignatureCheck, firstEvent?: Buffer): boolean {
	if (typeof signature !== 'string' || !SHA1_HEX.test(signature)) return false;
	const received = Buffer.from(signature, 'hex');
	if (digestMatches('sha1', rawBody, secret, received)) return true;
	return firstEvent !== undefined && digestMatches('sha1', firstEvent, secret, received);
}
