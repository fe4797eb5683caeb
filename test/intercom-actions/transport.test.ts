import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

import { mock } from 'jest-mock-extended';
import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { requestOptions } from '../../nodes/common/intercom/session';
import { createIntercomTransport, DEFAULT_TRANSPORT_SETTINGS, resolveBaseUrl } from '../../nodes/common/intercom/transport';

describe('resolveBaseUrl', () => {
	it.each([
		['us', undefined, 'https://api.intercom.io'],
		['eu', undefined, 'https://api.eu.intercom.io'],
		['au', undefined, 'https://api.au.intercom.io'],
		['custom', 'https://proxy.example.org/intercom//', 'https://proxy.example.org/intercom'],
		['custom', ' http://127.0.0.1:4010 ', 'http://127.0.0.1:4010'],
		['custom', '', undefined],
		['custom', 'proxy.example.org', undefined],
	])('%s %p → %p', (region, baseUrl, expected) => {
		expect(resolveBaseUrl(region, baseUrl)).toBe(expected);
	});
});

describe('createIntercomTransport', () => {
	function contextWith(credentials: Record<string, unknown>) {
		const context = mock<IExecuteFunctions>();
		context.getNode.mockReturnValue(mock<INode>({ name: 'Intercom' }));
		context.getCredentials.mockResolvedValue(credentials);
		return context;
	}

	/** A loopback server that answers GET /me and remembers the request headers. */
	async function startRecorder() {
		const seen: IncomingHttpHeaders[] = [];
		const server = createServer((request, response) => {
			seen.push(request.headers);
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ type: 'admin', id: '1', name: 'Owner', email: 'owner@example.org' }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		return { baseUrl, seen, close: async () => await new Promise((resolve) => server.close(resolve)) };
	}

	it('sends the Bearer token and the Intercom-Version from the credential to the custom base URL', async () => {
		const recorder = await startRecorder();
		try {
			const transport = await createIntercomTransport(
				contextWith({ accessToken: ' secret-token ', region: 'custom', baseUrl: `${recorder.baseUrl}/`, apiVersion: '2.11' }),
			);
			const me = await transport.call('identify', async (client, options) => await client.admins.identify(options));
			expect(me?.id).toBe('1');
			expect(recorder.seen[0]).toMatchObject({ authorization: 'Bearer secret-token', 'intercom-version': '2.11' });
		} finally {
			await recorder.close();
		}
	});

	it('defaults the version to 2.14', async () => {
		const recorder = await startRecorder();
		try {
			const transport = await createIntercomTransport(
				contextWith({ accessToken: 't', region: 'custom', baseUrl: recorder.baseUrl, apiVersion: '' }),
			);
			await transport.call('identify', async (client, options) => await client.admins.identify(options));
			expect(recorder.seen[0]['intercom-version']).toBe('2.14');
		} finally {
			await recorder.close();
		}
	});

	it('points each region at its own address', async () => {
		for (const [region, url] of [['us', 'https://api.intercom.io'], ['eu', 'https://api.eu.intercom.io']]) {
			const transport = await createIntercomTransport(contextWith({ accessToken: 't', region }));
			expect(transport.baseUrl).toBe(url);
		}
	});

	it('refuses a custom region without a usable URL, and a missing token, with what to do', async () => {
		await expect(createIntercomTransport(contextWith({ accessToken: 't', region: 'custom', baseUrl: '' }))).rejects.toThrow(
			'The Intercom credential has no valid custom base URL',
		);
		await expect(createIntercomTransport(contextWith({ accessToken: '', region: 'us' }))).rejects.toThrow(
			'The Intercom credential has no access token',
		);
	});
});

describe('request options', () => {
	it('offer the transport’s own defaults', () => {
		const defaults = Object.fromEntries(requestOptions.map((option) => [option.name, option.default]));
		expect(defaults).toEqual({
			concurrency: DEFAULT_TRANSPORT_SETTINGS.concurrency,
			maxRetries: DEFAULT_TRANSPORT_SETTINGS.maxRetries,
			timeoutSeconds: DEFAULT_TRANSPORT_SETTINGS.timeoutSeconds,
		});
	});
});
