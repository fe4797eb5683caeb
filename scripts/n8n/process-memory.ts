/** Memory and CPU time of a process together with its process group (n8n's task runner, Postgres's backends). */
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

function groupMembers(pid: number): string[] {
	const group = processGroupOf(pid);
	if (group === undefined) return [];
	return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry) && processGroupOf(Number(entry)) === group);
}

/** Bytes of RSS summed over every process in the group of `pid` (Linux only). */
export function processGroupRss(pid: number): number {
	let total = 0;
	for (const member of groupMembers(pid)) {
		const rssKb = /^VmRSS:\s+(\d+)/m.exec(readOrEmpty(`/proc/${member}/status`))?.[1];
		total += Number(rssKb ?? 0) * 1024;
	}
	return total;
}

// /proc counts CPU time in clock ticks, 100 per second on Linux.
const MS_PER_TICK = 10;

/**
 * CPU time (user + system, ms) used so far by every process in the group of `pid`, with their children
 * already waited for. Processes that ended unreaped are not counted, so compare two readings over a span in
 * which the group's processes stay up (n8n's task runner does).
 */
export function processGroupCpuMs(pid: number): number {
	let ticks = 0;
	for (const member of groupMembers(pid)) {
		const stat = readOrEmpty(`/proc/${member}/stat`);
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// After the name: state is field 3, so utime (14), stime (15), cutime (16), cstime (17) sit at 11–14.
		ticks += [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
	}
	return ticks * MS_PER_TICK;
}
