/**
 * Two-way sync without echoes. When a node changes one side *because of* the other (a ticket closed because its
 * Todoist task was completed), the change comes back as a webhook (ticket.closed) and would be synced back again.
 * The node marks the change it is about to make, before making it, in the coordinator every n8n process shares;
 * the other side's trigger finds the mark and starts nothing. Marks expire, so a person's later change goes through.
 */
import type { INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { coordinator } from './coordination';
import { answerWithoutRun } from './signedWebhook';

/** Intercom and Todoist send their webhooks within seconds; ten minutes covers their retries after a short outage. */
export const ECHO_WINDOW_MS = 10 * 60 * 1000;

export type SyncChange =
	| { service: 'intercom'; object: 'ticket'; id: string; change: 'closed' | 'opened' }
	| { service: 'todoist'; object: 'task'; id: string; change: 'completed' | 'uncompleted' };

const MARKED = 'expected';

function echoKey({ service, object, id, change }: SyncChange): string {
	return `echo:${service}:${object}:${id}:${change}`;
}

export const dontEchoBackProperty = (otherSide: string, webhook: string): INodeProperties => ({
	displayName: "Don't Echo Back",
	name: 'dontEchoBack',
	type: 'boolean',
	default: false,
	description: `Whether the ${webhook} this change causes is ignored by our triggers for 10 minutes. Turn it on when this change itself comes from ${otherSide}, so a two-way sync does not send it back there.`,
});

export const ignoreSyncEchoesProperty = (changedBy: string): INodeProperties => ({
	displayName: 'Ignore Echoes of Synced Changes',
	name: 'ignoreSyncEchoes',
	type: 'boolean',
	default: true,
	description: `Whether an event caused by ${changedBy} with "Don't Echo Back" on (within the last 10 minutes) is answered with 200 and starts nothing`,
});

/** Marks a change this execution is about to make. Call it before the write: the webhook may beat our response. */
export async function expectEcho(change: SyncChange): Promise<void> {
	await coordinator().remember(echoKey(change), MARKED, ECHO_WINDOW_MS);
}

/** Takes a mark back when the write failed: no webhook will come, and a person's change must not be swallowed. */
export async function withdrawEcho(change: SyncChange): Promise<void> {
	await coordinator().remember(echoKey(change), '', 1);
}

/** Marks the change, runs the write, and withdraws the mark if the write fails. */
export async function withEchoMarked<T>(change: SyncChange | undefined, write: () => Promise<T>): Promise<T> {
	if (!change) return await write();
	await expectEcho(change);
	let written = false;
	try {
		const result = await write();
		written = true;
		return result;
	} finally {
		// The write's own error goes on to the caller; failing to withdraw only leaves a mark that expires.
		if (!written) await withdrawEcho(change).catch(() => undefined);
	}
}

/**
 * For a trigger: the answer to send when this event is the echo of a marked change, else undefined. Every copy
 * of the echo (repeats, ticket.closed and ticket.resolved for one resolution) finds the same mark.
 */
export async function answerIfEcho(context: IWebhookFunctions, service: string, change: SyncChange | undefined): Promise<IWebhookResponseData | undefined> {
	if (!change || !context.getNodeParameter('ignoreSyncEchoes', true)) return undefined;
	if (context.getMode() === 'manual') return undefined;
	const shared = coordinator();
	let marked: string | undefined;
	try {
		marked = await shared.recall(echoKey(change));
	} catch (error) {
		context.logger.error(
			`${service} trigger "${context.getNode().name}" could not check for the echo of a synced change in ${shared.where}: ${(error as Error).message}. Answered 503 so ${service} sends it again later.`,
		);
		return answerWithoutRun(context, 503, 'Could not check for a synced change; please retry');
	}
	if (marked !== MARKED) return undefined;
	context.logger.debug(`${service} trigger "${context.getNode().name}" ignored the echo of a synced change (${echoKey(change)})`);
	return answerWithoutRun(context, 200, 'Echo of a synced change');
}

export const oncePerKeyProperty = (example: string): INodeProperties => ({
	displayName: 'Once Per Key',
	name: 'onceKey',
	type: 'string',
	default: '',
	placeholder: example,
	description:
		'Skip this item when an item with the same key was done in the last 10 minutes, in any execution. For webhooks that report one change twice (Intercom sends ticket.closed and ticket.resolved for one resolution).',
});

/**
 * Runs `write` unless an item with the same key ran it within the window (claimed in the shared coordinator, so
 * two executions at once cannot both write). A failed write gives the claim back for the next attempt.
 */
export async function oncePerKey<T>(key: string, write: () => Promise<T>): Promise<{ skipped: true } | { skipped: false; value: T }> {
	const claim = [`once:${key}`];
	if (!(await coordinator().claim(claim, ECHO_WINDOW_MS))) return { skipped: true };
	let written = false;
	try {
		const value = await write();
		written = true;
		return { skipped: false, value };
	} finally {
		if (!written) await coordinator().release(claim).catch(() => undefined);
	}
}
