/**
 * A short-lived copy of each delivery that started a run, on queue mode. When a worker dies mid-run, n8n fails
 * the run as "processed too many times" and overwrites its data with the error alone, so n8n's Retry has
 * nothing to run again; Retry Failed Executions then sends the delivery again from this copy (README,
 * "Repeated deliveries"). On one n8n a run's data survives a restart, so nothing is kept there.
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import { coordinator, queueRedisSettings } from './coordination';

/** Long enough for n8n to notice a dead worker (about 90 s) and for a few passes of the retries workflow. */
export const JOURNAL_MS = 15 * 60_000;
/** A bound on memory in Redis, whatever the rate: the oldest copies go first. */
const MAX_ENTRIES = 20_000;

/** Headers that describe the connection, not the delivery: the resend has its own. */
const CONNECTION_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive', 'accept-encoding']);

export interface JournaledDelivery {
	acceptedAt: number;
	/** The webhook's path on n8n (`/webhook/…`), to send it to again. */
	path: string;
	headers: Record<string, string>;
	/** The body's exact bytes, base64: the signature covers them. */
	body: string;
	/** The claims to give back first, so the trigger takes the resend as new. */
	claims: string[];
}

const logOf = (workflowId: string) => `deliveries:${workflowId}`;

/** Keeps a copy of a delivery that is about to start a run. Never fails the delivery: a log line at worst. */
export async function journalDelivery(context: IWebhookFunctions, rawBody: Buffer, claims: string[]): Promise<void> {
	if (!queueRedisSettings(process.env) || context.getMode() === 'manual') return;
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(context.getHeaderData())) {
		if (typeof value === 'string' && !CONNECTION_HEADERS.has(name.toLowerCase())) headers[name] = value;
	}
	const entry: JournaledDelivery = {
		acceptedAt: Date.now(),
		path: new URL(context.getNodeWebhookUrl('default') ?? '/', 'http://localhost').pathname,
		headers,
		body: rawBody.toString('base64'),
		claims,
	};
	try {
		await coordinator().append(logOf(context.getWorkflow().id ?? 'unsaved'), entry.acceptedAt, JSON.stringify(entry), { ttlMs: JOURNAL_MS, maxEntries: MAX_ENTRIES });
	} catch (error) {
		context.logger.warn(`Could not keep a copy of a delivery for "${context.getNode().name}": ${(error as Error).message}. If this run's worker dies, the run cannot be sent again.`);
	}
}

/** The copies of a workflow's deliveries accepted between two times. */
export async function journaledDeliveries(workflowId: string, fromMs: number, toMs: number): Promise<JournaledDelivery[]> {
	return (await coordinator().between(logOf(workflowId), fromMs, toMs)).map((text) => JSON.parse(text) as JournaledDelivery);
}
