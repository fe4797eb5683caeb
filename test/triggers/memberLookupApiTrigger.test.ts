/**
 * The Member Lookup API Trigger: the key is checked before any execution starts, and the workflow receives only
 * the body and query, never the headers that carry the key.
 */
import type { ICredentialTestFunctions } from 'n8n-workflow';
import { mock } from 'jest-mock-extended';

import { MemberLookupApiTrigger } from '../../nodes/MemberLookupApiTrigger/MemberLookupApiTrigger.node';
import { SECRET_REUSE_MS } from '../../nodes/common/secretReuse';
import { verifyApiKey } from '../../nodes/common/webhookSignature';
import { bufferedPost, expectAnsweredWithoutRun, onlyItem, webhookContext } from '../support/webhookContext';

const KEY = 'a-long-random-lookup-key-0123456789';
const trigger = new MemberLookupApiTrigger();

function call(headers: Record<string, string | string[] | undefined>, credentials: Record<string, unknown> | Error = { headerName: 'X-API-Key', apiKey: KEY }) {
	const harness = webhookContext({ request: bufferedPost(Buffer.from('{"email":"john.doe@example.com"}')), headers, credentials: credentials as never });
	harness.context.getBodyData.mockReturnValue({ email: 'john.doe@example.com' });
	harness.context.getQueryData.mockReturnValue({ source: 'crm' });
	return harness;
}

describe('Member Lookup API Trigger', () => {
	it('starts the workflow with the body and query only when the key matches; headers (and the key) stay out', async () => {
		const harness = call({ 'x-api-key': KEY, 'content-type': 'application/json' });
		const result = await trigger.webhook.call(harness.context);
		const item = onlyItem(result);
		expect(item).toEqual({ body: { email: 'john.doe@example.com' }, query: { source: 'crm' } });
		expect(JSON.stringify(result)).not.toContain(KEY);
	});

	it.each([
		['no key header', {}],
		['a wrong key', { 'x-api-key': `${KEY}x` }],
		['the key in another header', { authorization: KEY }],
		['the header sent twice', { 'x-api-key': [KEY, KEY] }],
		['an empty key', { 'x-api-key': '' }],
	])('answers 403 and starts nothing for %s', async (_case, headers) => {
		const harness = call(headers);
		expectAnsweredWithoutRun({ result: await trigger.webhook.call(harness.context), response: harness.response }, 403);
	});

	it.each([
		['no key set', { headerName: 'X-API-Key', apiKey: '' }],
		['a key too short to be safe', { headerName: 'X-API-Key', apiKey: 'short' }],
		['an unreadable credential', new Error('Credential not found')],
	])('fails closed with %s: 403 for everyone, and the log says what to set', async (_case, credentials) => {
		const harness = call({ 'x-api-key': 'short' }, credentials);
		expectAnsweredWithoutRun({ result: await trigger.webhook.call(harness.context), response: harness.response }, 403);
		expect(harness.logger.warn).toHaveBeenCalled();
	});

	it('reads the header the credential names, in any letter case', async () => {
		const harness = call({ 'x-lookup-key': KEY }, { headerName: 'X-Lookup-Key', apiKey: KEY });
		expect(onlyItem(await trigger.webhook.call(harness.context)).body).toEqual({ email: 'john.doe@example.com' });
	});

	describe('with a saved credential (an id n8n knows it by)', () => {
		afterEach(() => jest.useRealTimers());

		function callWithSavedKey(credentialId: string, headers: Record<string, string>, credentials: Record<string, unknown>) {
			const harness = call(headers, credentials);
			const node = harness.context.getNode();
			harness.context.getNode.mockReturnValue({ ...node, credentials: { memberLookupApi: { id: credentialId, name: 'Lookup key' } } });
			return harness;
		}

		it('reads the key once for the requests of a second, and a changed key counts after it', async () => {
			jest.useFakeTimers({ now: 1_000_000, doNotFake: ['nextTick', 'setImmediate'] });
			const first = callWithSavedKey('lookup-key-1', { 'x-api-key': KEY }, { headerName: 'X-API-Key', apiKey: KEY });
			onlyItem(await trigger.webhook.call(first.context));
			const rotated = `${KEY}-rotated`;
			const later = Array.from({ length: 5 }, () => callWithSavedKey('lookup-key-1', { 'x-api-key': KEY }, { headerName: 'X-API-Key', apiKey: rotated }));
			for (const harness of later) onlyItem(await trigger.webhook.call(harness.context));
			expect(first.context.getCredentials).toHaveBeenCalledTimes(1);
			for (const harness of later) expect(harness.context.getCredentials).not.toHaveBeenCalled();

			jest.setSystemTime(1_000_000 + SECRET_REUSE_MS);
			const oldKey = callWithSavedKey('lookup-key-1', { 'x-api-key': KEY }, { headerName: 'X-API-Key', apiKey: rotated });
			expectAnsweredWithoutRun({ result: await trigger.webhook.call(oldKey.context), response: oldKey.response }, 403);
			const newKey = callWithSavedKey('lookup-key-1', { 'x-api-key': rotated }, { headerName: 'X-API-Key', apiKey: rotated });
			onlyItem(await trigger.webhook.call(newKey.context));
		});

		it('reads a credential without a usable key again on the next request, so a key filled in counts at once', async () => {
			const empty = callWithSavedKey('lookup-key-2', { 'x-api-key': KEY }, { headerName: 'X-API-Key', apiKey: '' });
			expectAnsweredWithoutRun({ result: await trigger.webhook.call(empty.context), response: empty.response }, 403);
			const filledIn = callWithSavedKey('lookup-key-2', { 'x-api-key': KEY }, { headerName: 'X-API-Key', apiKey: KEY });
			onlyItem(await trigger.webhook.call(filledIn.context));
			expect(filledIn.context.getCredentials).toHaveBeenCalledTimes(1);
		});

		it('keeps two credentials apart', async () => {
			const one = callWithSavedKey('lookup-key-3', { 'x-api-key': KEY }, { headerName: 'X-API-Key', apiKey: KEY });
			onlyItem(await trigger.webhook.call(one.context));
			const other = callWithSavedKey('lookup-key-4', { 'x-api-key': KEY }, { headerName: 'X-API-Key', apiKey: `${KEY}-other` });
			expectAnsweredWithoutRun({ result: await trigger.webhook.call(other.context), response: other.response }, 403);
		});
	});

	it("has a credential test that says what to fix", async () => {
		const test = trigger.methods.credentialTest.lookupApiCredentialTest.bind(mock<ICredentialTestFunctions>());
		const withData = (data: Record<string, unknown>) => test({ id: '1', name: 'key', type: 'memberLookupApi', data: data as never });
		expect(await withData({ headerName: 'X-API-Key', apiKey: 'short' })).toEqual({ status: 'Error', message: expect.stringContaining('at least 16 characters') });
		expect(await withData({ headerName: ' ', apiKey: KEY })).toEqual({ status: 'Error', message: expect.stringContaining('Header Name') });
		expect(await withData({ headerName: 'X-API-Key', apiKey: KEY })).toEqual({ status: 'OK', message: expect.stringContaining('X-API-Key') });
	});
});

describe('verifyApiKey', () => {
	it('accepts only the exact key, whatever the lengths', () => {
		expect(verifyApiKey(KEY, KEY)).toBe(true);
		expect(verifyApiKey(KEY, KEY.slice(0, -1))).toBe(false);
		expect(verifyApiKey(KEY, `${KEY} `)).toBe(false);
		expect(verifyApiKey('', '')).toBe(false);
		expect(verifyApiKey(undefined, KEY)).toBe(false);
		expect(verifyApiKey(KEY, undefined)).toBe(false);
	});
});
