/**
 * One event stream for both flows of a job, 5 requests per second in all: each event goes to our workflow and
 * to the core-node flow, 200 ms apart (which goes first alternates), on the same n8n at the same time. Twice
 * that rate keeps one n8n's main thread busy all the time on 2 cores, and then queueing, not the flows, sets
 * the latencies.
 * Records the acknowledgement time of every POST and the time from the POST to the Intercom write, and checks
 * that both flows wrote the same thing for the same event.
 */
import { isDeepStrictEqual } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

import type { RecordedRequest } from '../../support/intercom-fake';
import type { HttpResponse } from '../../support/n8n';
import { firstArrivals } from '../workflows/endToEnd';

/** Requests per second, all flows together. */
export const EVENTS_PER_SECOND = 5;
/** A write that has not come 20 s after the last one is taken as lost. */
const GIVE_UP_AFTER_QUIET_MS = 20_000;

export type Flow = 'ours' | 'core';
export const FLOWS: Flow[] = ['ours', 'core'];

export interface FlowTimes {
	ackMs: number[];
	endToEndMs: number[];
}

/** One event of the stream, as each flow receives it and as its Intercom write is recognised. */
export interface PairedEvent {
	send: Record<Flow, () => Promise<HttpResponse>>;
	/** The key of this event's write for each flow, e.g. the contact path. */
	writeKey: Record<Flow, string>;
}

export interface StreamResult {
	times: Record<Flow, FlowTimes>;
	/** The first write of each flow per event, in stream order, for the events both flows wrote. */
	writes: Array<Record<Flow, RecordedRequest>>;
	/** Events whose write never came (the execution failed or was dropped). */
	lost: Record<Flow, number>;
}

/**
 * Sends every event to both flows on a fixed beat without waiting for answers, then waits for each write.
 * `writeKeyOf` names the event a recorded Intercom request writes for, or undefined for other requests.
 */
export async function runPairedStream(
	events: PairedEvent[],
	requests: () => RecordedRequest[],
	anyWriteKeyOf: (request: RecordedRequest) => string | undefined,
): Promise<StreamResult> {
	// Only this stream's writes count: earlier streams wrote to other contacts and tasks.
	const keys = new Set(events.flatMap((event) => FLOWS.map((flow) => event.writeKey[flow])));
	const writeKeyOf = (request: RecordedRequest) => {
		const key = anyWriteKeyOf(request);
		return key !== undefined && keys.has(key) ? key : undefined;
	};
	const gapMs = 1000 / EVENTS_PER_SECOND;
	const sentAt = new Map<string, number>();
	const times: Record<Flow, FlowTimes> = { ours: { ackMs: [], endToEndMs: [] }, core: { ackMs: [], endToEndMs: [] } };
	const answers: Array<Promise<void>> = [];
	const start = Date.now();
	let tick = 0;
	for (const [index, event] of events.entries()) {
		const order: Flow[] = index % 2 === 0 ? ['ours', 'core'] : ['core', 'ours'];
		for (const flow of order) {
			const due = start + tick++ * gapMs;
			if (due > Date.now()) await sleep(due - Date.now());
			const postedAt = Date.now();
			sentAt.set(event.writeKey[flow], postedAt);
			answers.push(
				event.send[flow]().then((response) => {
					if (response.status !== 200) throw new Error(`${flow} answered ${response.status}: ${response.text().slice(0, 200)}`);
					times[flow].ackMs.push(Date.now() - postedAt);
				}),
			);
		}
	}
	await Promise.all(answers);

	await waitForWrites(keys, requests, writeKeyOf);
	// One snapshot gives both the arrival times and the bodies compared.
	const firstWrite = new Map<string, RecordedRequest>();
	for (const request of requests()) {
		const key = writeKeyOf(request);
		if (key !== undefined && !firstWrite.has(key)) firstWrite.set(key, request);
	}
	const lost: Record<Flow, number> = { ours: 0, core: 0 };
	const writes: StreamResult['writes'] = [];
	for (const event of events) {
		for (const flow of FLOWS) {
			const key = event.writeKey[flow];
			const write = firstWrite.get(key);
			if (write) times[flow].endToEndMs.push(write.at - sentAt.get(key)!);
			else lost[flow]++;
		}
		const pair = { ours: firstWrite.get(event.writeKey.ours), core: firstWrite.get(event.writeKey.core) };
		if (pair.ours && pair.core) writes.push(pair as Record<Flow, RecordedRequest>);
	}
	if (lost.ours + lost.core > 0) console.log(`Writes that never came: ours ${lost.ours}, core nodes ${lost.core} (of ${events.length} each).`);
	return { times, writes, lost };
}

/** Waits until every key has its write, or until no new write came for a while: then the rest are lost. */
export async function waitForWrites(
	keys: Set<string>,
	requests: () => RecordedRequest[],
	writeKeyOf: (request: RecordedRequest) => string | undefined,
): Promise<Map<string, number>> {
	let arrivals = firstArrivals(requests(), writeKeyOf);
	let lastProgress = Date.now();
	while (arrivals.size < keys.size && Date.now() - lastProgress < GIVE_UP_AFTER_QUIET_MS) {
		await sleep(100);
		const now = firstArrivals(requests(), writeKeyOf);
		if (now.size > arrivals.size) lastProgress = Date.now();
		arrivals = now;
	}
	return arrivals;
}

/**
 * Throws unless, for every event both flows wrote, their first writes carry the same body, after
 * `normalise` removes what differs on purpose (e.g. the task id each flow was given). A write that never came
 * cannot be compared: it is reported here and counted as lost in the table.
 */
export function expectSameWrites(job: string, result: StreamResult, normalise: (body: unknown, flow: Flow) => unknown = (body) => body): void {
	const { writes, lost } = result;
	if (writes.length === 0) throw new Error(`${job}: neither flow made a write to compare`);
	const different = writes.filter((pair) => !isDeepStrictEqual(normalise(pair.ours.body, 'ours'), normalise(pair.core.body, 'core')));
	if (different.length > 0) {
		const [first] = different;
		throw new Error(
			`${job}: the core-node flow wrote something else than ours for ${different.length} of ${writes.length} events, e.g.\n` +
				`ours: ${JSON.stringify(first.ours.body)}\ncore: ${JSON.stringify(first.core.body)}`,
		);
	}
	const missing = lost.ours + lost.core;
	console.log(`${job}: both flows wrote the same for ${writes.length} events${missing > 0 ? `; ${missing} writes never came` : ', every event written by both'}.`);
}
