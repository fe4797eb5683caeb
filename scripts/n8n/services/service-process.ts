/** What starting Postgres and Redis have in common: a free port, a readiness probe, and errors that show the log. */
import { setTimeout as sleep } from 'node:timers/promises';

import type { GuardedProcess } from '../guarded-process';
import { assertPortFree, freeLoopbackPort } from '../ports';

export const LOOPBACK = '127.0.0.1';

/** The server ended before it was ready; `log` is what it wrote in this run. */
export class ServiceExitedError extends Error {
	constructor(
		readonly service: string,
		readonly log: string,
		code: number | null | undefined,
	) {
		super(`${service} exited (code ${code}) before it was ready. Its log:\n${log}`);
	}

	/** Another process took the port between our probe and the server's bind. */
	get portTaken(): boolean {
		return /Address already in use|could not bind/i.test(this.log);
	}
}

/** Polls `probe` until it answers true; fails with the end of the log when the server exits or time runs out. */
export async function waitUntilReady(
	service: string,
	server: GuardedProcess,
	probe: () => Promise<boolean>,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await probe()) return;
		if (!server.running) throw new ServiceExitedError(service, server.logTail(), server.code);
		if (Date.now() > deadline) {
			await server.stop({ graceMs: 5_000 });
			throw new Error(`${service} was not ready within ${timeoutMs} ms. Log ${server.logFile}:\n${server.logTail()}`);
		}
		await sleep(50);
	}
}

/**
 * Starts on `port`, or on a free loopback port when none is given. A free port can be taken before the server
 * binds it (parallel test workers), so that case gets a few more tries on new ports.
 */
export async function startOnPort<T>(port: number | undefined, start: (port: number) => Promise<T>): Promise<T> {
	// Else the readiness probe could be answered by whatever already listens there.
	if (port !== undefined) await assertPortFree(port, LOOPBACK, 'Stop what listens there or choose another port.');
	for (let attempt = 1; ; attempt++) {
		try {
			return await start(port ?? (await freeLoopbackPort()));
		} catch (error) {
			const retry = port === undefined && attempt < 3 && error instanceof ServiceExitedError && error.portTaken;
			if (!retry) throw error;
		}
	}
}
