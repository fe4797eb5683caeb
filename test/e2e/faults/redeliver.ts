/**
 * Sending as Intercom and Todoist do: a delivery that gets no 2xx answer (an error status, a refused connection,
 * no answer in time) is sent again with growing pauses, until it is accepted or the sender gives up.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { FaultEvent } from './events';

export interface RedeliveryPolicy {
	firstPauseMs: number;
	maxPauseMs: number;
	/** No new attempt starts later than this after the first (each attempt waits up to 30 s for its answer). */
	giveUpAfterMs: number;
}

/** The services retry for minutes to hours; the suite keeps to minutes. */
export const SENDER_POLICY: RedeliveryPolicy = { firstPauseMs: 1_000, maxPauseMs: 20_000, giveUpAfterMs: 180_000 };

export interface CopyOutcome {
	event: FaultEvent;
	attempts: number;
	accepted: boolean;
	/** What each attempt got: a status, or the connection error's code. */
	answers: Array<number | string>;
	/** When each attempt was sent and answered (epoch ms): an execution it started was created in between. */
	windows: Array<{ sentAt: number; answeredAt: number }>;
}

/** One copy of a delivery, sent until a 2xx answer, the end of the policy's time, or `signal` aborts. */
export async function redeliver(event: FaultEvent, policy: RedeliveryPolicy = SENDER_POLICY, signal?: AbortSignal): Promise<CopyOutcome> {
	const started = Date.now();
	const answers: Array<number | string> = [];
	const windows: CopyOutcome['windows'] = [];
	for (let attempt = 1, pause = policy.firstPauseMs; ; attempt++, pause = Math.min(pause * 2, policy.maxPauseMs)) {
		const sentAt = Date.now();
		const answer = await event.send(attempt).then(
			(response) => response.status,
			(error: NodeJS.ErrnoException) => error.code ?? error.message,
		);
		answers.push(answer);
		windows.push({ sentAt, answeredAt: Date.now() });
		const outcome = { event, attempts: attempt, answers, windows };
		if (typeof answer === 'number' && answer >= 200 && answer < 300) return { ...outcome, accepted: true };
		if (signal?.aborted || Date.now() + pause - started > policy.giveUpAfterMs) return { ...outcome, accepted: false };
		// An abort ends the pause early; the check above then ends the copy.
		await sleep(pause, undefined, { signal }).catch(() => undefined);
	}
}

export interface SendingReport {
	/** Every copy of every event. */
	copies: CopyOutcome[];
	/** Copies that took more than one attempt. */
	redelivered: number;
	/** Copies the sender gave up on. */
	givenUp: number;
}

/**
 * Starts one event every `spacingMs` (its copies together), each copy redelivered on its own; resolves when
 * every copy was accepted or given up. After `signal` aborts, nothing more is sent.
 */
export async function sendPaced(events: FaultEvent[], spacingMs: number, policy: RedeliveryPolicy = SENDER_POLICY, signal?: AbortSignal): Promise<SendingReport> {
	const copies = await Promise.all(
		events.map(async (event, index) => {
			await sleep(index * spacingMs, undefined, { signal }).catch(() => undefined);
			if (signal?.aborted) return [];
			return await Promise.all(Array.from({ length: event.copies }, () => redeliver(event, policy, signal)));
		}),
	);
	const flat = copies.flat();
	return {
		copies: flat,
		redelivered: flat.filter((copy) => copy.attempts > 1).length,
		givenUp: flat.filter((copy) => !copy.accepted).length,
	};
}
