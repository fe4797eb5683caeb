/**
 * From the bytes of a request to the list of events in it: one JSON object, a JSON array of objects (Segment's
 * Webhooks (Actions) batches, Tealium's batched requests), Segment's batch envelope `{"batch": [...]}` (its HTTP
 * Tracking API shape, where `context` applies to every call), or newline-delimited JSON. Everything is checked
 * before anything is claimed or run, so a refused body leaves nothing half-processed.
 */
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../common/jsonValues';
import { describeJsonError } from './jsonSyntax';

export interface BodyLimits {
	maxEvents: number;
	maxBytes: number;
}

export const DEFAULT_LIMITS: BodyLimits = { maxEvents: 1_000, maxBytes: 5 * 1024 * 1024 };

export type EventsFormat = 'object' | 'array' | 'batch' | 'ndjson';

export type ParsedEvents = { events: IDataObject[]; format: EventsFormat } | { status: 400 | 413; message: string };

const NDJSON_TYPES = /ndjson|jsonl|json-seq|jsonlines/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);
const plural = (count: number, noun: string) => `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;

/** A size in the unit a person reads at a glance: bytes, KB or MB. */
function size(bytes: number): string {
	if (bytes < 1024) return `${bytes} bytes`;
	if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
	const mb = bytes / (1024 * 1024);
	return `${mb >= 10 ? mb.toFixed(0) : mb.toFixed(1).replace(/\.0$/, '')} MB`;
}

export function tooLarge(bytes: number, limits: BodyLimits): { status: 413; message: string } {
	return {
		status: 413,
		message: `The body is ${size(bytes)}; this trigger accepts at most ${size(limits.maxBytes)} per request (option Max Body Size). Send smaller batches.`,
	};
}

function parseLines(text: string): ParsedEvents {
	const events: IDataObject[] = [];
	const lines = text.split('\n');
	for (const [index, rawLine] of lines.entries()) {
		const line = rawLine.replace(/\r$/, '');
		if (line.trim() === '') continue;
		let parsed: unknown;
		try {
			parsed = JSON.parse(line);
		} catch (error) {
			return { status: 400, message: `Line ${index + 1} of the body is not valid JSON ${describeJsonError(line, (error as Error).message, true)}` };
		}
		if (!isRecord(parsed)) return { status: 400, message: `Line ${index + 1} of the body is ${kindOf(parsed)}, not an event (a JSON object)` };
		events.push(parsed);
	}
	return { events, format: 'ndjson' };
}

/** Several lines, and the first one an object on its own: newline-delimited JSON sent without saying so. */
function looksLikeLines(text: string): boolean {
	const lines = text.split('\n').filter((line) => line.trim() !== '');
	if (lines.length < 2) return false;
	try {
		return isRecord(JSON.parse(lines[0]));
	} catch {
		// The first line alone is not JSON either: the body is one broken document.
		return false;
	}
}

/** Segment's `{ "batch": [...], "context": {...} }`: the envelope's context fills in for calls without one. */
function fromBatchEnvelope(envelope: IDataObject, batch: unknown[]): ParsedEvents {
	const events: IDataObject[] = [];
	for (const [index, call] of batch.entries()) {
		if (!isRecord(call)) return { status: 400, message: `Call ${index + 1} of "batch" is ${kindOf(call)}, not an event (a JSON object)` };
		events.push(call.context === undefined && isRecord(envelope.context) ? { ...call, context: envelope.context } : call);
	}
	return { events, format: 'batch' };
}

function fromDocument(document: unknown): ParsedEvents {
	if (Array.isArray(document)) {
		const notAnEvent = document.findIndex((entry) => !isRecord(entry));
		if (notAnEvent >= 0) {
			return { status: 400, message: `Item ${notAnEvent + 1} of the array is ${kindOf(document[notAnEvent])}, not an event (a JSON object)` };
		}
		return { events: document as IDataObject[], format: 'array' };
	}
	if (isRecord(document)) {
		if (Array.isArray(document.batch)) return fromBatchEnvelope(document, document.batch);
		return { events: [document], format: 'object' };
	}
	return { status: 400, message: `The body is ${kindOf(document)}; send one event as a JSON object, several as a JSON array of objects, or one object per line` };
}

/**
 * The events in `rawBody`, in order, or the answer to give: 413 over the limits, 400 (saying where) for a body that
 * is not JSON. `contentType` decides only whether lines are read one by one from the start (NDJSON types).
 */
export function parseEvents(rawBody: Buffer, contentType: string | undefined, limits: BodyLimits = DEFAULT_LIMITS): ParsedEvents {
	if (rawBody.length > limits.maxBytes) return tooLarge(rawBody.length, limits);
	let text: string;
	try {
		text = utf8.decode(rawBody).replace(/^\uFEFF/, '');
	} catch {
		return { status: 400, message: 'The body is not UTF-8 text; send JSON encoded as UTF-8' };
	}
	if (text.trim() === '') {
		return { status: 400, message: 'The body is empty; send one event as a JSON object, several as a JSON array, or one per line' };
	}

	let parsed: ParsedEvents;
	if (contentType && NDJSON_TYPES.test(contentType)) parsed = parseLines(text);
	else {
		let document: unknown;
		let parseMessage: string | undefined;
		try {
			document = JSON.parse(text);
		} catch (error) {
			parseMessage = (error as Error).message;
		}
		if (parseMessage === undefined) parsed = fromDocument(document);
		else if (looksLikeLines(text)) parsed = parseLines(text);
		else return { status: 400, message: `The body is not valid JSON ${describeJsonError(text, parseMessage)}` };
	}
	if ('events' in parsed && parsed.events.length > limits.maxEvents) {
		return {
			status: 413,
			message: `The body holds ${plural(parsed.events.length, 'event')}; this trigger accepts at most ${plural(limits.maxEvents, 'event')} per request (option Max Events per Request). Send smaller batches.`,
		};
	}
	if ('events' in parsed && parsed.events.length === 0) {
		return { status: 400, message: 'The body holds no events; send at least one JSON object' };
	}
	return parsed;
}
