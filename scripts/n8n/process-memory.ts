/** Resident memory of a process together with its process group (n8n's task runner, Postgres's backends). */
import { readdirSync, readFileSync } from 'node:fs';

function readOrEmpty(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return ''; // the process ended while we looked
	}
}

/** Field 5 of /proc/<pid>/stat, read after the command name, which may contain spaces. */
function processGroupOf(pid: number): number | undefined {
	const stat = readOrEmpty(`/proc/${pid}/stat`);
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return fields.length > 2 ? Number(fields[2]) : undefined;
}

/** Bytes of RSS summed over every process in the group of `pid` (Linux only). */
export function processGroupRss(pid: number): number {
	const group = processGroupOf(pid);
	if (group === undefined) return 0;
	let total = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry) || processGroupOf(Number(entry)) !== group) continue;
		const rssKb = /^VmRSS:\s+(\d+)/m.exec(readOrEmpty(`/proc/${entry}/status`))?.[1];
		total += Number(rssKb ?? 0) * 1024;
	}
	return total;
}
