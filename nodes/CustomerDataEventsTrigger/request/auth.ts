/**
 * Who may send events: the credential's choice of a key in a header, HTTP Basic Auth or Segment's signature, read
 * once a second per credential (as the other triggers read their secrets) and compared in constant time by the pure
 * functions in nodes/common/webhookSignature.ts. A credential without a usable secret accepts nothing (fails closed).
 */
import type { ICredentialDataDecryptedObject, IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../../common/credentialTypes';
import { readCredentialReused } from '../../common/secretReuse';
import { verifyApiKey, verifyBasicAuth, verifySegmentSignature } from '../../common/webhookSignature';

/** Keys, passwords and shared secrets shorter than this are refused: the credential test says so. */
export const MIN_SECRET_LENGTH = 16;

export type ExpectedAuth =
	| { kind: 'headerKey'; header: string; key: string }
	| { kind: 'basicAuth'; user: string; password: string }
	| { kind: 'segmentSignature'; secret: string; acceptFirstEventSignature: boolean };

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** What the credential asks for, or why it cannot be used (for the credential test and the log). */
export function readExpectedAuth(data: ICredentialDataDecryptedObject | IDataObject): { auth: ExpectedAuth } | { problem: string } {
	const long = (value: string) => value.length >= MIN_SECRET_LENGTH;
	switch (data.authentication ?? 'headerKey') {
		case 'headerKey': {
			const header = text(data.headerName).toLowerCase();
			const key = text(data.apiKey);
			if (!header) return { problem: 'Enter the Header Name the platform puts the key in, e.g. X-API-Key' };
			if (!long(key)) return { problem: `Enter an API Key of at least ${MIN_SECRET_LENGTH} characters (a long random value)` };
			return { auth: { kind: 'headerKey', header, key } };
		}
		case 'basicAuth': {
			const user = text(data.user);
			const password = text(data.password);
			if (!user || user.includes(':')) return { problem: 'Enter a User without ":" (Basic Auth cannot carry one)' };
			if (!long(password)) return { problem: `Enter a Password of at least ${MIN_SECRET_LENGTH} characters (a long random value)` };
			return { auth: { kind: 'basicAuth', user, password } };
		}
		case 'segmentSignature': {
			const secret = text(data.sharedSecret);
			if (!long(secret)) return { problem: `Enter the Shared Secret set in Segment, at least ${MIN_SECRET_LENGTH} characters` };
			return { auth: { kind: 'segmentSignature', secret, acceptFirstEventSignature: data.acceptFirstEventSignature !== false } };
		}
		default:
			return { problem: 'Choose an Authentication' };
	}
}


/** The credential's expected authentication, or undefined (logged) when it has none that can be used. */
export async function expectedAuth(context: IWebhookFunctions): Promise<ExpectedAuth | undefined> {
	const nodeName = context.getNode().name;
	// Reused for a second; a credential without a usable secret is read on every request, so one filled in counts at once.
	try {
		return await readCredentialReused(
			context,
			CREDENTIAL_TYPES.customerDataEvents,
			(data) => {
				const read = readExpectedAuth(data);
				if ('auth' in read) return read.auth;
				context.logger.warn(`Customer Data Events Trigger "${nodeName}" refused a request because its credential is not usable: ${read.problem}.`);
				return undefined;
			},
			(auth) => auth !== undefined,
		);
	} catch (error) {
		context.logger.warn(`Customer Data Events Trigger "${nodeName}" could not read its credential: ${(error as Error).message}`);
		return undefined;
	}
}

/** Header key and Basic Auth are checked before the body is read; Segment's signature needs the body. */
export function headersAuthorize(auth: ExpectedAuth, headers: IDataObject): boolean {
	if (auth.kind === 'headerKey') return verifyApiKey(auth.key, headers[auth.header] as string | string[] | undefined);
	if (auth.kind === 'basicAuth') return verifyBasicAuth(auth, headers.authorization as string | string[] | undefined);
	return true;
}

/**
 * Segment's X-Signature over the exact bytes, or (when the credential allows it) over `JSON.stringify` of a batch's
 * first event, which is what Segment's Webhooks (Actions) signs. `firstEvent` is only worked out when needed.
 */
export function segmentSignatureMatches(
	auth: Extract<ExpectedAuth, { kind: 'segmentSignature' }>,
	rawBody: Buffer,
	signature: unknown,
	firstEvent: () => Buffer | undefined,
): boolean {
	const check = { rawBody, secret: auth.secret, signature: signature as string | string[] | undefined };
	if (verifySegmentSignature(check)) return true;
	if (!auth.acceptFirstEventSignature) return false;
	const first = firstEvent();
	return first !== undefined && verifySegmentSignature(check, first);
}

/** The bytes Segment signs for a batch: `JSON.stringify` of its first event, when the body is a JSON array. */
export function firstEventBytes(rawBody: Buffer): Buffer | undefined {
	const body = rawBody.toString('utf8').trimStart();
	if (!body.startsWith('[')) return undefined;
	try {
		const batch = JSON.parse(body) as unknown;
		return Array.isArray(batch) && batch.length > 0 ? Buffer.from(JSON.stringify(batch[0]), 'utf8') : undefined;
	} catch {
		// Not JSON: the body check that follows answers 400 for it (after the signature check refused it).
		return undefined;
	}
}
