/** Small helpers for test services: free loopback ports and child processes. */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Asks the kernel for a free port on 127.0.0.1 (for servers that cannot listen on port 0 themselves). */
export function freeLoopbackPort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.unref();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('No port'))));
		});
	});
}

/** Resolves with the exit code (or signal name) once the child has exited, or `undefined` after `timeoutMs`. */
export function waitForExit(child: ChildProcess, timeoutMs = Infinity): Promise<number | string | undefined> {
	if (child.exitCode !== null) return Promise.resolve(child.exitCode);
	if (child.signalCode !== null) return Promise.resolve(child.signalCode);
	return new Promise((resolve) => {
		const timer = Number.isFinite(timeoutMs) ? setTimeout(() => resolve(undefined), timeoutMs) : undefined;
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			resolve(code ?? signal ?? undefined);
		});
	});
}
