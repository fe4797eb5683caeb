import { spawn } from 'node:child_process';

export interface CommandResult {
	code: number | null;
	/** stdout and stderr interleaved, for error messages. */
	output: string;
	stdout: string;
}

/** Runs a command to completion and keeps its combined output for the error message. */
export async function runCommand(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; onStarted?: (pid: number) => void },
): Promise<CommandResult> {
	return await new Promise((resolveResult, reject) => {
		const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		// A caller may watch the process while it works (a benchmark samples its memory).
		if (child.pid !== undefined) options.onStarted?.(child.pid);
		let output = '';
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString('utf8');
			output += chunk.toString('utf8');
		});
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolveResult({ code, output, stdout });
		});
	});
}

/** Like runCommand, but a non-zero exit is an error that shows the end of the output; returns stdout. */
export async function runCommandOrThrow(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string> {
	const result = await runCommand(command, args, options);
	if (result.code !== 0) {
		throw new Error(`\`${command} ${args.join(' ')}\` failed (exit ${result.code}) in ${options.cwd}:\n${result.output.slice(-4000)}`);
	}
	return result.stdout;
}
