/**
 * The probe under the credential tests: its deadline, and how it names a failure that has no HTTP answer. The
 * services' tests cover refused, DNS and TLS failures for real; rarer system errors are named here from errors
 * shaped as Node's fetch throws them (the system error is its `cause`).
 */
import { classifyFailure, probe } from '../../nodes/common/credentialProbe';
import { startSilentServer } from '../support/loopbackStandIn';

it('gives up on a server that accepts the connection and never answers', async () => {
	const silent = await startSilentServer();
	try {
		const started = Date.now();
		const result = await probe(`${silent.baseUrl}/me`, {}, 300);
		expect(result).toEqual({ kind: 'unreachable', url: `${silent.baseUrl}/me`, reason: 'timeout', detail: 'no answer within 0.3 seconds' });
		expect(Date.now() - started).toBeLessThan(5_000);
	} finally {
		await silent.close();
	}
});

const fetchFailure = (cause: object) => Object.assign(new TypeError('fetch failed'), { cause });
const systemError = (code: string, message: string) => Object.assign(new Error(message), { code });

it.each([
	['an unknown name', systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND x.invalid'), 'dns', 'no server has that name'],
	['a DNS server that does not answer', systemError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN api.intercom.io'), 'dns', 'the name could not be looked up (DNS)'],
	[
		'every address of a name refusing',
		Object.assign(new AggregateError([systemError('ECONNREFUSED', 'connect ECONNREFUSED ::1:443'), systemError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443')]), {}),
		'refused',
		'the connection was refused',
	],
	['a connect timeout', systemError('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error'), 'timeout', 'the connection timed out'],
	['an expired certificate', systemError('CERT_HAS_EXPIRED', 'certificate has expired'), 'tls', 'the secure connection failed: CERT_HAS_EXPIRED'],
	['a certificate for another name', systemError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), 'tls', 'the secure connection failed: ERR_TLS_CERT_ALTNAME_INVALID'],
	['a self-signed certificate', systemError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'tls', 'the secure connection failed: DEPTH_ZERO_SELF_SIGNED_CERT'],
	['a reset connection', systemError('ECONNRESET', 'read ECONNRESET'), 'network', 'ECONNRESET: read ECONNRESET'],
])('names %s', (_label, cause, reason, detail) => {
	expect(classifyFailure(fetchFailure(cause))).toEqual({ reason, detail });
});

it('names a port fetch will not use, which has no system error code', () => {
	expect(classifyFailure(fetchFailure(new Error('bad port')))).toEqual({ reason: 'network', detail: 'bad port' });
});

it('names the deadline it was given', () => {
	expect(classifyFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 10_000)).toEqual({
		reason: 'timeout',
		detail: 'no answer within 10 seconds',
	});
});
