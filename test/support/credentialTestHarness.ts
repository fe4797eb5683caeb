/**
 * Runs the package's credential test functions the way n8n's CredentialsTester calls them, against a loopback
 * stand-in that each test tells how to answer.
 */
import { mock } from 'jest-mock-extended';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunction,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { closedLoopbackPort, startStandIn, type Reply, type SeenRequest, type StandIn } from './loopbackStandIn';

export async function runCredentialTest(
	test: ICredentialTestFunction,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	return await test.call(mock<ICredentialTestFunctions>(), { id: '1', name: 'Credential under test', type: 'test', data });
}

/** Names under .invalid never resolve (RFC 6761); an offline resolver may say "try again" instead of "no such name". */
export const DNS_FAILURE = /\((no server has that name|the name could not be looked up \(DNS\))\)/;

/**
 * One stand-in for the whole test file: it answers with whatever `answerWith` was last given, and forgets the
 * requests it saw before each test. Also a loopback address that refuses connections, and an https:// address
 * on the stand-in's plain-HTTP port, where TLS fails.
 */
export function useStandIn() {
	let standIn: StandIn | undefined;
	let answer: (request: SeenRequest) => Reply = () => ({ status: 500, body: { message: 'No answer set by the test' } });
	let refusedUrl = '';
	beforeAll(async () => {
		standIn = await startStandIn((request) => answer(request));
		refusedUrl = `http://127.0.0.1:${await closedLoopbackPort()}`;
	});
	afterAll(async () => await standIn?.close());
	beforeEach(() => {
		if (standIn) standIn.seen.length = 0;
	});
	const started = () => {
		if (!standIn) throw new Error('The stand-in starts in beforeAll');
		return standIn;
	};
	return {
		get baseUrl() {
			return started().baseUrl;
		},
		get host() {
			return new URL(started().baseUrl).host;
		},
		get seen() {
			return started().seen;
		},
		get refusedUrl() {
			return refusedUrl;
		},
		get tlsFailureUrl() {
			return started().baseUrl.replace(/^http:/, 'https:');
		},
		answerWith(next: (request: SeenRequest) => Reply) {
			answer = next;
		},
	};
}
