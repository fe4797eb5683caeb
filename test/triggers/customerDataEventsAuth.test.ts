/**
 * How the Customer Data Events Trigger recognises its platform: Segment's X-Signature and HTTP Basic Auth against
 * known answers computed with openssl (test/fixtures/cdp/sign.sh), the credential's choices, and its test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { mock } from 'jest-mock-extended';
import type { ICredentialTestFunctions } from 'n8n-workflow';

import { CustomerDataEventsTrigger } from '../../nodes/CustomerDataEventsTrigger/CustomerDataEventsTrigger.node';
import { firstEventBytes } from '../../nodes/CustomerDataEventsTrigger/helpers/auth';
import { readExpectedAuth } from '../../nodes/common/credentialTests/customerDataEvents';
import { verifyBasicAuth, verifySegmentSignature } from '../../nodes/common/webhookSignature';
import { FIXTURES_DIR } from '../support/webhookFixtures';

interface CdpKnownAnswers {
	secret: string;
	user: string;
	password: string;
	basicAuthorization: string;
	segment: Record<string, string>;
	segmentFirstEvent: Record<string, string>;
}

const answers = JSON.parse(readFileSync(join(FIXTURES_DIR, 'cdp', 'signatures.json'), 'utf8')) as CdpKnownAnswers;
const bytes = (file: string) => readFileSync(join(FIXTURES_DIR, 'cdp', file));
const BATCH = 'segment-batch.json';

describe('verifySegmentSignature', () => {
	it.each(Object.keys(answers.segment))('accepts %s signed by openssl over its exact bytes', (file) => {
		expect(verifySegmentSignature({ rawBody: bytes(file), secret: answers.secret, signature: answers.segment[file] })).toBe(true);
	});

	it('accepts a Webhooks (Actions) batch signed over JSON.stringify of its first event only when asked to', () => {
		const rawBody = bytes(BATCH);
		const check = { rawBody, secret: answers.secret, signature: answers.segmentFirstEvent[BATCH] };
		expect(verifySegmentSignature(check)).toBe(false);
		expect(verifySegmentSignature(check, firstEventBytes(rawBody))).toBe(true);
	});

	it.each([
		['a wrong secret', { secret: `${answers.secret}x` }],
		['no secret (fails closed)', { secret: '' }],
		['no signature', { signature: undefined }],
		['the header sent twice', { signature: [answers.segment['segment-track.json'], answers.segment['segment-track.json']] }],
		['upper-case hex', { signature: answers.segment['segment-track.json'].toUpperCase() }],
		['an Intercom-style sha1= prefix', { signature: `sha1=${answers.segment['segment-track.json']}` }],
		['a truncated digest', { signature: answers.segment['segment-track.json'].slice(0, 39) }],
		['another body', { rawBody: bytes('segment-identify.json') }],
	])('refuses %s', (_case, change) => {
		const check = { rawBody: bytes('segment-track.json'), secret: answers.secret, signature: answers.segment['segment-track.json'], ...change };
		expect(verifySegmentSignature(check as Parameters<typeof verifySegmentSignature>[0])).toBe(false);
	});

	it('takes the first event only from a JSON array', () => {
		expect(firstEventBytes(bytes('segment-track.json'))).toBeUndefined();
		expect(firstEventBytes(Buffer.from('[not json'))).toBeUndefined();
		expect(firstEventBytes(Buffer.from('[]'))).toBeUndefined();
		expect(firstEventBytes(Buffer.from(' [{"b":1, "a":2}]'))?.toString()).toBe('{"b":1,"a":2}');
	});
});

describe('verifyBasicAuth', () => {
	const expected = { user: answers.user, password: answers.password };

	it('accepts the header openssl encoded, with any letter case of the scheme', () => {
		expect(verifyBasicAuth(expected, answers.basicAuthorization)).toBe(true);
		expect(verifyBasicAuth(expected, answers.basicAuthorization.replace('Basic', 'basic'))).toBe(true);
	});

	it.each([
		['a wrong password', `Basic ${Buffer.from(`${answers.user}:${answers.password}x`).toString('base64')}`],
		['another user', `Basic ${Buffer.from(`someone:${answers.password}`).toString('base64')}`],
		['the password alone', `Basic ${Buffer.from(answers.password).toString('base64')}`],
		['a bearer token', `Bearer ${answers.password}`],
		['no header', undefined],
		['the header sent twice', [answers.basicAuthorization, answers.basicAuthorization]],
	])('refuses %s', (_case, header) => {
		expect(verifyBasicAuth(expected, header)).toBe(false);
	});

	it('fails closed without a user or password', () => {
		expect(verifyBasicAuth({ user: '', password: answers.password }, `Basic ${Buffer.from(`:${answers.password}`).toString('base64')}`)).toBe(false);
		expect(verifyBasicAuth({ user: answers.user, password: '' }, `Basic ${Buffer.from(`${answers.user}:`).toString('base64')}`)).toBe(false);
		expect(verifyBasicAuth(undefined, answers.basicAuthorization)).toBe(false);
	});
});

describe('the Customer Data Events API credential', () => {
	const KEY = 'a-long-random-key-0123456789';

	it('yields what the trigger checks for each Authentication, trimmed and with the header in lower case', () => {
		expect(readExpectedAuth({ authentication: 'headerKey', headerName: ' X-Events-Key ', apiKey: ` ${KEY} ` })).toEqual({
			auth: { kind: 'headerKey', header: 'x-events-key', key: KEY },
		});
		expect(readExpectedAuth({ authentication: 'basicAuth', user: 'tealium', password: KEY })).toEqual({ auth: { kind: 'basicAuth', user: 'tealium', password: KEY } });
		expect(readExpectedAuth({ authentication: 'segmentSignature', sharedSecret: KEY })).toEqual({
			auth: { kind: 'segmentSignature', secret: KEY, acceptFirstEventSignature: true },
		});
		expect(readExpectedAuth({ authentication: 'segmentSignature', sharedSecret: KEY, acceptFirstEventSignature: false })).toEqual({
			auth: { kind: 'segmentSignature', secret: KEY, acceptFirstEventSignature: false },
		});
	});

	it.each([
		['no key', { authentication: 'headerKey', headerName: 'X-API-Key', apiKey: '' }, 'API Key of at least 16'],
		['a short key', { authentication: 'headerKey', headerName: 'X-API-Key', apiKey: 'short' }, 'API Key of at least 16'],
		['no header name', { authentication: 'headerKey', headerName: ' ', apiKey: KEY }, 'Header Name'],
		['no user', { authentication: 'basicAuth', user: '', password: KEY }, 'User'],
		['a user with a colon', { authentication: 'basicAuth', user: 'a:b', password: KEY }, 'User'],
		['a short password', { authentication: 'basicAuth', user: 'tealium', password: 'short' }, 'Password of at least 16'],
		['no shared secret', { authentication: 'segmentSignature', sharedSecret: '' }, 'Shared Secret'],
		['an unknown choice', { authentication: 'oauth' }, 'Authentication'],
	])('is unusable with %s, and its test says what to fill in', async (_case, data, says) => {
		expect(readExpectedAuth(data)).toEqual({ problem: expect.stringContaining(says) });
		const test = new CustomerDataEventsTrigger().methods.credentialTest.customerDataEventsCredentialTest.bind(mock<ICredentialTestFunctions>());
		expect(await test({ id: '1', name: 'events', type: 'customerDataEventsApi', data: data as never })).toEqual({
			status: 'Error',
			message: expect.stringContaining(says),
		});
	});

	it('passes its test when usable, saying what the platform must send', async () => {
		const test = new CustomerDataEventsTrigger().methods.credentialTest.customerDataEventsCredentialTest.bind(mock<ICredentialTestFunctions>());
		const withData = (data: Record<string, unknown>) => test({ id: '1', name: 'events', type: 'customerDataEventsApi', data: data as never });
		expect(await withData({ authentication: 'headerKey', headerName: 'X-API-Key', apiKey: KEY })).toEqual({ status: 'OK', message: expect.stringContaining('X-API-Key') });
		expect(await withData({ authentication: 'basicAuth', user: 'tealium', password: KEY })).toEqual({ status: 'OK', message: expect.stringContaining('Basic Auth') });
		expect(await withData({ authentication: 'segmentSignature', sharedSecret: KEY })).toEqual({ status: 'OK', message: expect.stringContaining('X-Signature') });
	});
});
