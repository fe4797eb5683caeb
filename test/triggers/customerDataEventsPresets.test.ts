/**
 * From each platform's event to the fields the Intercom steps use: the Segment / RudderStack preset, Intercom's
 * objects (seed 001's Tealium body) and custom field paths, with the events that cannot be written sorted out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { sortEvent, type PresetSettings } from '../../nodes/CustomerDataEventsTrigger/helpers/presets';
import { eventDigest, flatten, isoTime, valueAt } from '../../nodes/CustomerDataEventsTrigger/helpers/values';
import { FIXTURES_DIR } from '../support/webhookFixtures';

const json = (file: string) => JSON.parse(readFileSync(join(FIXTURES_DIR, 'cdp', file), 'utf8')) as IDataObject;
const lines = (file: string) =>
	readFileSync(join(FIXTURES_DIR, 'cdp', file), 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as IDataObject);

const PATHS = { userId: 'userId', email: 'email', name: 'name', phone: '', attributes: 'attributes', eventName: 'event', eventTime: 'timestamp', metadata: 'properties' };
const settings = (preset: PresetSettings['preset'], more: Partial<PresetSettings> = {}): PresetSettings => ({
	preset,
	eventIdField: '',
	paths: PATHS,
	keepAttributes: [],
	keepMetadata: [],
	...more,
});
const SEGMENT = settings('segment');

describe('Segment or RudderStack', () => {
	it('makes an identify call a person: userId, email, full name, phone and the other traits flattened', () => {
		expect(sortEvent(json('segment-identify.json'), SEGMENT)).toEqual({
			outcome: 'event',
			id: '022bb90c-bbac-11e4-8dfc-aa07a5b093db',
			fields: {
				kind: 'identify',
				userId: '97980cfea0067',
				anonymousId: '507f191e810c19729de860ea',
				email: 'Peter.Gibbons@example.com',
				name: 'Peter Gibbons',
				phone: '+1 765 465 7031',
				attributes: { plan: 'premium', logins: 5, address_city: 'Austin', address_country: 'US' },
				eventName: null,
				eventTime: '2015-02-23T22:28:55.111Z',
				metadata: {},
				notes: [],
			},
		});
	});

	it('makes a track call an event with flat metadata, the person found by userId and context.traits.email', () => {
		expect(sortEvent(json('segment-track.json'), SEGMENT)).toMatchObject({
			outcome: 'event',
			id: 'ajs-f8ca1e4de5024d9430b3928bd8ac6b96',
			fields: {
				kind: 'track',
				userId: '97980cfea0067',
				email: 'peter.gibbons@example.com',
				attributes: {},
				eventName: 'Renewed Membership',
				eventTime: '2015-12-12T19:11:01.249Z',
				metadata: { plan: 'premium', amount: 120, items: 'card, pin', billing_period: 'yearly' },
			},
		});
	});

	it("reads RudderStack's identify, whose traits sit in context.traits and whose time is originalTimestamp", () => {
		expect(sortEvent(json('rudderstack-identify.json'), SEGMENT)).toMatchObject({
			outcome: 'event',
			id: '6f1a2c8e-rudder-0001',
			fields: { kind: 'identify', userId: 'u-3001', email: 'cy.ng@example.org', name: 'Cy Ng', attributes: { member_type: 'Active' }, eventTime: '2024-03-03T09:00:00.000Z' },
		});
	});

	it('sorts a batch: identify and track run, a page call is ignored, an anonymous track has no identifier', () => {
		const batch = JSON.parse(readFileSync(join(FIXTURES_DIR, 'cdp', 'segment-batch.json'), 'utf8')) as IDataObject[];
		const sorted = batch.map((event) => sortEvent(event, SEGMENT));
		expect(sorted.map((entry) => entry.outcome)).toEqual(['event', 'event', 'ignored', 'withoutIdentifier']);
		expect(sorted[2]).toEqual({ outcome: 'ignored', reason: 'Segment page calls are not handled, only identify and track' });
		expect(sorted[3]).toEqual({ outcome: 'withoutIdentifier', id: 'batch-msg-4', reason: expect.stringContaining('Only an anonymous ID ("anon-77")') });
	});

	it('keeps only the attributes and metadata keys asked for', () => {
		const keep = settings('segment', { keepAttributes: ['plan'], keepMetadata: ['amount', 'billing_period'] });
		expect(sortEvent(json('segment-identify.json'), keep)).toMatchObject({ fields: { attributes: { plan: 'premium' } } });
		expect(sortEvent(json('segment-track.json'), keep)).toMatchObject({ fields: { metadata: { amount: 120, billing_period: 'yearly' } } });
	});

	it.each([
		['no user ID and no email', { type: 'identify', messageId: 'm1', traits: { plan: 'x' } }, 'No user ID and no email'],
		['no user ID and an email that is not one', { type: 'identify', messageId: 'm2', traits: { email: 'not-an-email' } }, '"not-an-email" is not an email address'],
		['a track call without a name', { type: 'track', messageId: 'm3', userId: 'u1' }, 'without an event name'],
	])('puts an event with %s on the Without Identifier output, with the reason', (_case, event, reason) => {
		expect(sortEvent(event, SEGMENT)).toEqual({ outcome: 'withoutIdentifier', id: event.messageId, reason: expect.stringContaining(reason) });
	});

	it('leaves out an email that is not one when there is a user ID, and says so', () => {
		expect(sortEvent({ type: 'identify', messageId: 'm4', userId: 'u4', traits: { email: 'nope' } }, SEGMENT)).toMatchObject({
			outcome: 'event',
			fields: { userId: 'u4', email: null, notes: [expect.stringContaining('"nope" is not an email address')] },
		});
	});

	it('ignores calls without a type', () => {
		expect(sortEvent({ userId: 'u1' }, SEGMENT)).toEqual({ outcome: 'ignored', reason: expect.stringContaining('without a Segment type') });
	});
});

describe('Intercom objects (Tealium)', () => {
	const INTERCOM = settings('intercomObjects', { eventIdField: 'event_id' });

	it("makes Intercom's user object a person, its custom_attributes the attributes", () => {
		expect(sortEvent(json('intercom-user.json'), INTERCOM)).toEqual({
			outcome: 'event',
			id: `sha256:${eventDigest(json('intercom-user.json'))}`,
			fields: expect.objectContaining({
				kind: 'identify',
				userId: '25',
				email: 'wash@serenity.io',
				name: 'Hoban Washburne',
				phone: '555-671-1234',
				attributes: { member_number: '12345', paid_subscriber: true, monthly_spend: 155.5 },
				eventName: null,
			}),
		});
	});

	it("makes Intercom's data event object a track event, its id from the Event ID Field and its time from created_at", () => {
		expect(sortEvent(json('intercom-event.json'), INTERCOM)).toMatchObject({
			outcome: 'event',
			id: 'tealium-ev-0001',
			fields: {
				kind: 'track',
				userId: '25',
				eventName: 'invited-friend',
				eventTime: '2014-02-06T12:59:31.000Z',
				metadata: { invitee_email: 'pi@example.org', invite_code: 'ADDAFRIEND' },
			},
		});
	});

	it('sorts a Tealium batch sent as NDJSON; a user object without user_id or email has no identifier', () => {
		expect(lines('tealium-batch.ndjson').map((event) => sortEvent(event, INTERCOM).outcome)).toEqual(['event', 'event', 'withoutIdentifier']);
	});
});

describe('Custom field paths', () => {
	const CUSTOM = settings('custom', {
		eventIdField: 'uid',
		paths: {
			userId: 'person.id',
			email: 'person.mail',
			name: 'person.display_name',
			phone: '',
			attributes: 'profile',
			eventName: 'action.name',
			eventTime: 'action.at',
			metadata: 'action.details',
		},
	});

	it('reads every value at its path; an event name makes it track-like', () => {
		expect(sortEvent(json('custom-event.json'), CUSTOM)).toMatchObject({
			outcome: 'event',
			id: 'custom-0001',
			fields: {
				kind: 'track',
				userId: 'm-4001',
				email: 'dee.ray@example.org',
				name: 'Dee Ray',
				eventName: 'Registered for Event',
				eventTime: '2024-04-01T12:00:00.000Z',
				metadata: { event: 'Spring Meeting' },
			},
		});
	});

	it('is identify-like without an event name, and writes the attributes then', () => {
		const event = json('custom-event.json');
		delete (event.action as IDataObject).name;
		expect(sortEvent(event, CUSTOM)).toMatchObject({ outcome: 'event', fields: { kind: 'identify', attributes: { region: 'GL', facility: 'ZAU' }, metadata: {} } });
	});
});

describe('values', () => {
	it('finds values by path, a dotted key first', () => {
		expect(valueAt({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
		expect(valueAt({ a: { b: [{ c: 3 }] } }, 'a.b.0.c')).toBe(3);
		expect(valueAt({ a: 'x' }, 'a.b')).toBeUndefined();
	});

	it('flattens nested objects and lists for Intercom', () => {
		expect(flatten({ a: { b: { c: 1 } }, list: [1, 'two'], objects: [{ x: 1 }], empty: null, missing: undefined })).toEqual({
			a_b_c: 1,
			list: '1, two',
			objects: '[{"x":1}]',
			empty: null,
		});
		expect(flatten('not an object')).toEqual({});
	});

	it('reads times as ISO text, Unix seconds or milliseconds', () => {
		expect(isoTime('2024-01-02T03:04:05Z')).toBe('2024-01-02T03:04:05.000Z');
		expect(isoTime(1704164645)).toBe('2024-01-02T03:04:05.000Z');
		expect(isoTime('1704164645000')).toBe('2024-01-02T03:04:05.000Z');
		expect(isoTime('yesterday')).toBeNull();
		expect(isoTime(undefined)).toBeNull();
	});

	it('digests an event the same whatever the order of its keys', () => {
		expect(eventDigest({ a: 1, b: { c: 2, d: [1, { e: 3, f: 4 }] } })).toBe(eventDigest({ b: { d: [1, { f: 4, e: 3 }], c: 2 }, a: 1 }));
		expect(eventDigest({ a: 1 })).not.toBe(eventDigest({ a: 2 }));
		expect(eventDigest({ a: [1, 2] })).not.toBe(eventDigest({ a: [2, 1] }));
	});
});
