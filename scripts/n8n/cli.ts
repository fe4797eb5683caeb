import { n8nEnvironment, type N8nProcessOptions } from './n8n-process';
import { n8nBin, node24Bin } from './paths';
import { runCommand, type CommandResult } from './run-command';

/**
 * Runs an n8n CLI command (`import:workflow`, `import:credentials`, `export:workflow`, …) against the
 * same user folder and settings as a running or stopped instance. Changes to published workflows
 * reach a running n8n only after a restart.
 */
export async function runN8nCli(options: N8nProcessOptions, args: string[], timeoutMs = 120_000): Promise<CommandResult> {
	return await runCommand(node24Bin, [n8nBin, ...args], {
		cwd: options.userFolder,
		env: n8nEnvironment(options),
		timeoutMs,
	});
}
