/** Loopback port probes shared by every process we start (n8n, Postgres, Redis). */
import { createServer } from 'node:net';

/** Resolves when `port` on `host` can be bound right now, and rejects with the listen error when not. */
function probePort(port: number, host = '127.0.0.1'): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const probe = createServer();
		probe.unref();
		probe.once('error', reject);
		probe.listen(port, host, () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('No port'))));
		});
	});
}

/** Asks the kernel for a free port on 127.0.0.1 (for servers that cannot listen on port 0 themselves). */
export function freeLoopbackPort(): Promise<number> {
	return probePort(0);
}

/** Fails with `hint` in the message when `port` is taken (e.g. by an earlier `npm start`). */
export async function assertPortFree(port: number, host: string, hint: string): Promise<void> {
	try {
		await probePort(port, host);
	} catch {
		throw new Error(`Port ${port} on ${host} is in use. ${hint}`);
	}
}
