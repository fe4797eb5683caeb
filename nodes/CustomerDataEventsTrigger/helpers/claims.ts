/**
 * Each event once: platforms send a batch again after a timeout or a non-2xx answer, in whole or in part, and copies
 * can arrive together. Every event is claimed by its id with one atomic set-if-absent in the package's coordinator
 * (in-process on one n8n, n8n's queue Redis on queue mode), so of any number of copies exactly one runs it. Ids are
 * kept per workflow and trigger node for 24 hours (Segment retries for up to 4 hours).
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import { coordinator } from '../../common/coordination';
import { DELIVERY_MEMORY_MS } from '../../common/repeatedDeliveries';

export type ClaimOutcome = { fresh: boolean[] } | { unavailable: string };

/**
 * Which of `ids` (in order) this request is the first to bring. An id twice in one request counts once, at its
 * first place. When a claim cannot be made, the claims this request already made are given back and the caller
 * answers 503, so the platform's retry finds every event unclaimed: nothing is lost and nothing runs twice.
 */
export async function claimEvents(context: IWebhookFunctions, ids: string[]): Promise<ClaimOutcome> {
	const namespace = `delivery:${context.getWorkflow().id ?? 'unsaved'}:${context.getNode().id}:event:`;
	const shared = coordinator();
	const firstPlace = new Map<string, number>();
	for (const [index, id] of ids.entries()) if (!firstPlace.has(id)) firstPlace.set(id, index);

	const fresh = ids.map(() => false);
	const made: string[] = [];
	let failure: Error | undefined;
	await Promise.all(
		[...firstPlace].map(async ([id, index]) => {
			try {
				if (await shared.claim([namespace + id], DELIVERY_MEMORY_MS)) {
					fresh[index] = true;
					made.push(namespace + id);
				}
			} catch (error) {
				failure ??= error as Error;
			}
		}),
	);
	if (!failure) return { fresh };

	const nodeName = context.getNode().name;
	try {
		await shared.release(made);
	} catch (error) {
		context.logger.error(
			`Customer Data Events Trigger "${nodeName}" could not give back ${made.length} claim(s) in ${shared.where}: ${(error as Error).message}. Those events count as received for 24 hours.`,
		);
	}
	context.logger.error(
		`Customer Data Events Trigger "${nodeName}" could not claim events in ${shared.where}: ${failure.message}. Answered 503 so the platform sends them again later.`,
	);
	return { unavailable: shared.where };
}
