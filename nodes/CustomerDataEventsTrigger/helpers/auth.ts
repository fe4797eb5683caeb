/**
 * Who may send events: the credential's choice of a key in a header, HTTP Basic Auth or Segment's signature, read
 * once a second per credential (as the other triggers read their secrets) and compared in constant time by the pure
 * functions in nodes/common/webhookSignature.ts. A credential without a usable secret accepts nothing (fails closed).
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { readExpectedAuth, type ExpectedAuth } from '../../common/credentialTests/customerDataEvents';
import { CREDENTIAL_TYPES } from '../../common/credentialTypes';
import { readCredentialReused } from '../../common/secretReuse';
import { verifyApiKey, verifyBasicAuth, verifySegmentSignature } from '../../common/webhookSignature';

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
