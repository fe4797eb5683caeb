/**
 * Dropping deliveries a trigger has already received, before any execution starts: an atomic claim per
 * delivery, in the coordinator every process receiving webhooks shares (in-process on one n8n, n8n's queue
 * Redis on queue mode). Remove Duplicates cannot do this: it reads, changes and writes its history without a
 * lock, so deliveries arriving together all pass it.
 */
import { createHash } from 'node:crypto';

import type { INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { coordinator } from './coordination';
import { answerWithoutRun } from './signedWebhook';

/** Intercom retries within minutes and Todoist for up to about 45 minutes; a day leaves a wide margin. */
export const DELIVERY_MEMORY_MS = 24 * 60 * 60 * 1000;

export const ignoreRepeatedDeliveriesProperty = (service: string, sameDelivery: string): INodeProperties => ({
	displayName: 'Ignore Repeated Deliveries',
	name: 'ignoreRepeatedDeliveries',
	type: 'boolean',
	default: true,
	description: `Whether a delivery this trigger already received (${sameDelivery}) is answered with 200 and starts nothing, so ${service} retries and duplicates never run the workflow twice. Deliveries are remembered for 24 hours: on one n8n in its memory (forgotten when n8n restarts), on queue mode in n8n's Redis (kept across restarts).`,
});

/** A digest of exactly the bytes the signature covered, so a replayed body is known whatever its headers say. */
export function bodyDigest(rawBody: Buffer): string {
	return createHash('sha256').update(rawBody).digest('hex');
}

/** The claim keys of a delivery's ids: per workflow and trigger node, so two workflows sharing one Redis never collide. */
export function deliveryClaims(context: IWebhookFunctions, ids: string[]): string[] {
	const namespace = `delivery:${context.getWorkflow().id ?? 'unsaved'}:${context.getNode().id}:`;
	return ids.map((id) => namespace + id);
}

/**
 * Claims a delivery for this trigger of this workflow, under each of its ids (it counts as received when any
 * of them was). Returns the answer to send when the workflow must not run: 200 for a repeat, 503 when the
 * claim could not be made (the sender retries later; running without a claim could run it twice).
 */
export async function claimDelivery(context: IWebhookFunctions, service: string, ids: string[]): Promise<IWebhookResponseData | undefined> {
	if (!context.getNodeParameter('ignoreRepeatedDeliveries', true)) return undefined;
	// "Listen for test event" in the editor: a sample must not use up the delivery's claim for the live workflow.
	if (context.getMode() === 'manual') return undefined;
	const shared = coordinator();
	try {
		if (await shared.claim(deliveryClaims(context, ids), DELIVERY_MEMORY_MS)) return undefined;
	} catch (error) {
		context.logger.error(
			`${service} trigger "${context.getNode().name}" could not check for a repeated delivery in ${shared.where}: ${(error as Error).message}. Answered 503 so ${service} sends it again later.`,
		);
		return answerWithoutRun(context, 503, 'Could not check for a repeated delivery; please retry');
	}
	context.logger.debug(`${service} trigger "${context.getNode().name}" ignored a repeated delivery (${ids.join(', ')})`);
	return answerWithoutRun(context, 200, 'Already received');
}
