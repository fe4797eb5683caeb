/**
 * Reading a request's events: the shapes platforms send, the limits (413) and bodies that are not JSON (400 saying
 * where), all decided before anything is claimed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_LIMITS, parseEvents } from '../../nodes/CustomerDataEventsTrigger/helpers/body';
import { findJsonSyntaxError, lineAndColumn } from '../../nodes/CustomerDataEventsTrigger/helpers/jsonSyntax';
import { FIXTURES_DIR } from '../support/webhookFixtures';

const fixture = (file: string) => readFileSync(join(FIXTURES_DIR, 'cdp', file));
const body = (text: string) => Buffer.from(text, 'utf8');

function events(parsed: ReturnType<typeof parseEvents>) {
	if (!('events' in parsed)) throw new Error(`Expected events, got ${parsed.status}: ${parsed.message}`);
	return parsed.events;
}

describe('parseEvents: the shapes platforms send', () => {
	it('reads one event object', () => {
		const parsed = parseEvents(fixture('segment-identify.json'), 'application/json');
		expect(parsed).toMatchObject({ format: 'object' });
		expect(events(parsed).map((event) => event.messageId)).toEqual(['022bb90c-bbac-11e4-8dfc-aa07a5b093db']);
	});

	it('reads a JSON array in order (a Webhooks (Actions) batch)', () => {
		const parsed = parseEvents(fixture('segment-batch.json'), 'application/json');
		expect(parsed).toMatchObject({ format: 'array' });
		expect(events(parsed).map((event) => event.messageId)).toEqual(['batch-msg-1', 'batch-msg-2', 'batch-msg-3', 'batch-msg-4']);
	});

	it("reads Segment's batch envelope, the envelope's context filling in for calls without one", () => {
		const parsed = parseEvents(fixture('segment-http-batch.json'), 'application/json');
		expect(parsed).toMatchObject({ format: 'batch' });
		expect(events(parsed)).toEqual([
			expect.objectContaining({ messageId: 'http-batch-1', context: { library: { name: 'analytics-node', version: '6.0.0' } } }),
			expect.objectContaining({ messageId: 'http-batch-2' }),
		]);
	});

	it.each([['application/x-ndjson'], ['application/jsonl; charset=utf-8'], ['text/plain'], [undefined]])(
		'reads newline-delimited JSON (content type %s), skipping blank lines and CRLF endings',
		(contentType) => {
			const text = `${fixture('tealium-batch.ndjson').toString('utf8').replace(/\n/g, '\r\n')}\r\n\r\n`;
			const parsed = parseEvents(body(text), contentType);
			expect(parsed).toMatchObject({ format: 'ndjson' });
			expect(events(parsed).map((event) => event.user_id ?? event.name)).toEqual(['31', '31', 'Nobody In Particular']);
		},
	);

	it('reads a byte-order mark and a pretty-printed single object as one event', () => {
		expect(events(parseEvents(body(`\uFEFF${JSON.stringify({ a: 1, b: { c: 2 } }, null, 2)}`), 'application/json'))).toEqual([{ a: 1, b: { c: 2 } }]);
	});
});

describe('parseEvents: limits', () => {
	const many = (count: number) => body(JSON.stringify(Array.from({ length: count }, (_, index) => ({ type: 'track', messageId: `m${index}` }))));

	it('accepts 1,000 events and 5 MB by default, and answers 413 beyond either, saying which option to raise', () => {
		expect(DEFAULT_LIMITS).toEqual({ maxEvents: 1_000, maxBytes: 5 * 1024 * 1024 });
		expect(events(parseEvents(many(1_000), 'application/json'))).toHaveLength(1_000);
		expect(parseEvents(many(1_001), 'application/json')).toEqual({ status: 413, message: expect.stringContaining('1,001 events') });
		expect(parseEvents(many(1_001), 'application/json')).toEqual({ status: 413, message: expect.stringContaining('Max Events per Request') });

		const padding = 'x'.repeat(5 * 1024 * 1024);
		const oversized = parseEvents(body(JSON.stringify({ padding })), 'application/json');
		expect(oversized).toEqual({ status: 413, message: expect.stringContaining('The body is 5 MB; this trigger accepts at most 5 MB') });
		expect(oversized).toEqual({ status: 413, message: expect.stringContaining('Max Body Size') });
	});

	it('takes the limits it is given, for NDJSON too', () => {
		const lines = body('{"a":1}\n{"a":2}\n{"a":3}\n');
		expect(parseEvents(lines, 'application/x-ndjson', { maxEvents: 2, maxBytes: 1_000 })).toMatchObject({ status: 413 });
		expect(parseEvents(lines, 'application/x-ndjson', { maxEvents: 3, maxBytes: 10 })).toMatchObject({ status: 413, message: expect.stringContaining('24 bytes; this trigger accepts at most 10 bytes') });
		expect(events(parseEvents(lines, 'application/x-ndjson', { maxEvents: 3, maxBytes: 1_000 }))).toHaveLength(3);
	});
});

describe('parseEvents: bodies that are not events', () => {
	it.each([
		['a missing comma', '{"userId": "u1"\n "type": "identify"}', /line 2, column 2: expected ',' or '}' but found '"', near: /],
		['an unquoted value', '{"userId": u1}', /line 1, column 12: expected a value but found 'u'/],
		['a cut-off array', '[{"a":1},{"b":2}', /line 1, column 17: expected ',' or ']' but found the end of the body/],
		['a trailing comma', '{"a":1,}', /column 8: expected a property name in double quotes/],
		['a raw line break in a string', '{"name": "Ann\nLee"}', /line 1, column 14: a string holds a raw line break/],
		['plain text', 'hello', /line 1, column 1: expected a value but found 'h'/],
	])('answers 400 for %s, saying where', (_case, text, where) => {
		const parsed = parseEvents(body(text), 'application/json');
		expect(parsed).toEqual({ status: 400, message: expect.stringMatching(/^The body is not valid JSON at /) });
		expect((parsed as { message: string }).message).toMatch(where);
	});

	it('names the NDJSON line and column that is not JSON', () => {
		const parsed = parseEvents(body('{"a":1}\n{"b":2}\n{"c":\n'), undefined);
		expect(parsed).toEqual({ status: 400, message: expect.stringMatching(/^Line 3 of the body is not valid JSON at column 6: expected a value but found the end of the body/) });
		expect(parseEvents(body('{"a":1}\n[1,2]\n'), 'application/x-ndjson')).toEqual({ status: 400, message: 'Line 2 of the body is an array, not an event (a JSON object)' });
	});

	it.each([
		['an empty body', '', /empty/],
		['only spaces', '  \n ', /empty/],
		['an empty array', '[]', /no events/],
		['a number', '42', /The body is a number/],
		['null', 'null', /The body is null/],
		['an array holding a string', '[{"a":1},"b"]', /Item 2 of the array is a string/],
		['a batch holding a number', '{"batch":[{"a":1},7]}', /Call 2 of "batch" is a number/],
	])('answers 400 for %s', (_case, text, message) => {
		expect(parseEvents(body(text), 'application/json')).toEqual({ status: 400, message: expect.stringMatching(message) });
	});

	it('answers 400 for bytes that are not UTF-8', () => {
		expect(parseEvents(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), 'application/json')).toEqual({ status: 400, message: expect.stringContaining('UTF-8') });
	});
});

describe('findJsonSyntaxError', () => {
	it.each(['{}', '[]', '{"a":[1,-2.5e3,true,false,null,"\\u00e9\\n"]}', ' "text" ', '0'])('finds nothing wrong in %s', (text) => {
		expect(findJsonSyntaxError(text)).toBeUndefined();
		expect(() => JSON.parse(text)).not.toThrow();
	});

	it.each([
		['{"a":01}', 6],
		['{"a":"\\x"}', 6],
		['[1 2]', 3],
		['{"a" 1}', 5],
		['{"a":1} {"b":2}', 8],
		['-', 0],
		['"open', 5],
	])('points at the first problem in %s', (text, offset) => {
		expect(findJsonSyntaxError(text)?.offset).toBe(offset);
		expect(() => JSON.parse(text)).toThrow();
	});

	it('counts lines and columns from 1', () => {
		expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
		expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
	});
});
