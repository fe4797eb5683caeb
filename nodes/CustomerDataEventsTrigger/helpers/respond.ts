/** Reading the request's bytes, for the Customer Data Events Trigger. */
import type { IWebhookFunctions } from 'n8n-workflow';

interface IncomingRequest {
	rawBody?: unknown;
	readRawBody?: () => Promise<void>;
	headers?: Record<string, unknown>;
}

export type RawBody = { bytes: Buffer } | { status: 400 | 413; bytes?: number };

/**
 * The exact bytes of the body. The trigger has n8n leave the body unread (see `options` in description.ts), so
 * `readRawBody()` collects them, gunzipped when the platform compressed them. n8n refuses bodies above its own
 * N8N_PAYLOAD_SIZE_MAX (16 MB by default) while reading: that is a 413 too.
 */
export async function readRequestBody(context: IWebhookFunctions): Promise<RawBody> {
	const req = context.getRequestObject() as unknown as IncomingRequest;
	if (Buffer.isBuffer(req.rawBody)) return { bytes: req.rawBody };
	if (typeof req.readRawBody !== 'function') return { bytes: Buffer.alloc(0) };
	try {
		await req.readRawBody();
	} catch (error) {
		const { status, statusCode, length } = error as { status?: number; statusCode?: number; length?: number };
		const declared = Number(req.headers?.['content-length']);
		if (status === 413 || statusCode === 413) return { status: 413, bytes: length ?? (Number.isFinite(declared) ? declared : undefined) };
		// Aborted, or already consumed by something else: nothing trustworthy left to read.
		context.logger.debug(`Customer Data Events Trigger "${context.getNode().name}" could not read a body: ${(error as Error).message}`);
		return { status: 400 };
	}
	return Buffer.isBuffer(req.rawBody) ? { bytes: req.rawBody } : { bytes: Buffer.alloc(0) };
}

/** The media type of the request, lower case and without parameters. */
export function contentTypeOf(context: IWebhookFunctions): string | undefined {
	const header = context.getHeaderData()['content-type'];
	return typeof header === 'string' ? header.split(';')[0].trim().toLowerCase() : undefined;
}
