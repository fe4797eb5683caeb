/** Small helper for test services: waiting for a child process to exit. */
import type { ChildProcess } from 'node:child_process';

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
