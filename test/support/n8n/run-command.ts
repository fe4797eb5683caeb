import { spawn } from 'node:child_process';

export interface CommandResult {
	code: number | null;
	output: string;
}

/** Runs a command to completion and keeps its combined output for the error message. */
export async function runCommand(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandResult> {
	return await new Promise((resolveResult, reject) => {
		const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const collect = (chunk: Buffer) => (output += chunk.toString('utf8'));
		child.stdout.on('data', collect);
		child.stderr.on('data', collect);
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolveResult({ code, output });
		});
	});
}

/** Like runCommand, but a non-zero exit is an error that shows the end of the output. */
export async function runCommandOrThrow(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string> {
	const result = await runCommand(command, args, options);
	if (result.code !== 0) {
		throw new Error(`\`${command} ${args.join(' ')}\` failed (exit ${result.code}) in ${options.cwd}:\n${result.output.slice(-4000)}`);
	}
	return result.output;
}
