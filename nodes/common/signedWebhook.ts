import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readCredentialReused } from './secretReuse';
import { readSigningSecret } from './signingSecret';
import type { SignatureCheck } from './webhookSignature';

/** The parts of n8n's request object a signed trigger relies on. */
interface IncomingRequest {
	rawBody?: unknown;
	readRawBody?: () => Promise<void>;
}

/** The parts of n8n's (Express) response object a trigger writes to when it answers without a run. */
interface OutgoingResponse {
	status(code: number): { send(body: unknown): { end(): void } };
}

/** How one service signs its webhooks, and where the secret lives. */
export interface SigningScheme {
	/** Shown in log lines, e.g. "Intercom". */
	service: string;
	credentialType: string;
	/** The credential field that holds the signing secret. */
	secretField: string;
	/** Lower-case header name, as Node exposes it. */
	signatureHeader: string;
	verify: (check: SignatureCheck) => boolean;
	/** Where the user finds the secret, for the log line when none is configured. */
	secretHint: string;
}

export type SignedPayload = { payload: unknown; rawBody: Buffer } | { response: IWebhookResponseData };

/**
 * Answers the caller directly and starts no execution. n8n only skips the run when the node has written
 * the response itself and says so with `noWebhookResponse`.
 */
export function answerWithoutRun(
	context: IWebhookFunctions,
	statusCode: number,
	message: string,
): IWebhookResponseData {
	return respondWithoutRun(context, statusCode, { message });
}

/** As `answerWithoutRun`, with a JSON body of the caller's own (e.g. counts next to the message). */
export function respondWithoutRun(context: IWebhookFunctions, statusCode: number, body: IDataObject): IWebhookResponseData {
	const res = context.getResponseObject() as OutgoingResponse;
	res.status(statusCode).send(body).end();
	return { noWebhookResponse: true };
}

/**
 * Checks the signature over the bytes exactly as received and only then parses them. Every failure is
 * answered here (401 for anything about the signature, 400 for a body that cannot be read or is not JSON),
 * so the caller either gets the parsed payload or a response to return.
 */
export async function receiveSignedJson(
	context: IWebhookFunctions,
	scheme: SigningScheme,
): Promise<SignedPayload> {
	const nodeName = context.getNode().name;
	const secret = await readClientSecret(context, scheme);
	if (!secret) {
		context.logger.warn(
			`${scheme.service} trigger "${nodeName}" refused a webhook because its credential has no client secret. ${scheme.secretHint}`,
		);
		return { response: answerWithoutRun(context, 401, 'Signature check failed') };
	}

	const rawBody = await readRawBody(context.getRequestObject() as IncomingRequest);
	if (rawBody === 'unreadable') {
		return { response: answerWithoutRun(context, 400, 'The request body could not be read') };
	}

	const signature = context.getHeaderData()[scheme.signatureHeader];
	if (rawBody === undefined || !scheme.verify({ rawBody, secret, signature })) {
		context.logger.warn(
			`${scheme.service} trigger "${nodeName}" refused a webhook with a missing or wrong signature. If the requests really come from ${scheme.service}, check the client secret in the credential.`,
		);
		return { response: answerWithoutRun(context, 401, 'Signature check failed') };
	}

	const payload = parseJson(rawBody);
	if (payload === undefined) {
		return { response: answerWithoutRun(context, 400, 'The request body is not JSON') };
	}
	return { payload, rawBody };
}

async function readClientSecret(context: IWebhookFunctions, scheme: SigningScheme): Promise<string> {
	try {
		return await readCredentialReused(
			context,
			scheme.credentialType,
			(data) => readSigningSecret(data, scheme.secretField),
			(secret) => secret !== '',
		);
	} catch (error) {
		// A missing or unreadable credential is a configuration problem: refuse the webhook and say why in the log.
		context.logger.warn(`Could not read the ${scheme.service} credential: ${(error as Error).message}`);
		return '';
	}
}

/**
 * The exact bytes of the body. n8n keeps them as `rawBody` when it parsed the body itself; otherwise they are
 * still in the request stream and `readRawBody()` collects them. Hashing re-serialised JSON would never match.
 */
async function readRawBody(req: IncomingRequest): Promise<Buffer | undefined | 'unreadable'> {
	if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
	if (typeof req.readRawBody !== 'function') return undefined;
	try {
		await req.readRawBody();
	} catch {
		// The stream was aborted or already consumed (e.g. a multipart upload): nothing left to verify.
		return 'unreadable';
	}
	return Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
}

function parseJson(rawBody: Buffer): unknown {
	try {
		// Tolerate a byte-order mark, as n8n's own body parser does; the signature already covered it.
		return JSON.parse(rawBody.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
	} catch {
		return undefined;
	}
}
