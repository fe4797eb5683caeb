// Runs a command and takes its whole process group down when the parent goes away (its end of our
// stdin closes), so a crashed or killed test run leaves no n8n behind.
// Started by n8n-process.ts with Node 24, which runs this file directly (type stripping).
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let orphaned = false;

function killGroup(): void {
	try {
		process.kill(-process.pid, 'SIGKILL');
	} catch {
		child.kill('SIGKILL');
	}
}

// Exactly one signal for n8n: it shuts down gracefully on the first and dies at once on a second.
function forward(signal: NodeJS.Signals): void {
	child.kill(signal);
}

process.on('SIGTERM', () => forward('SIGTERM'));
process.on('SIGINT', () => forward('SIGTERM'));

function parentGone(): void {
	if (orphaned) return;
	orphaned = true;
	forward('SIGTERM');
	setTimeout(killGroup, 15_000).unref();
}
process.stdin.on('end', parentGone);
process.stdin.on('close', parentGone);
process.stdin.on('error', parentGone);
process.stdin.resume();

child.on('exit', (code, signal) => {
	if (orphaned) killGroup();
	process.exit(code ?? (signal ? 1 : 0));
});
