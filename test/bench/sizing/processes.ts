/**
 * The processes of a queue-mode deployment by role: CPU time per role (the /proc fields that
 * scripts/n8n/process-memory.ts reads, over each process's group and descendants), which role owns a loopback
 * TCP connection (so Redis's and Postgres's view of a client port names the n8n process behind it), the machine.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

import type { N8nInstance } from '../../support/n8n';

export const ROLES = ['webhook', 'workers', 'main', 'Redis', 'PostgreSQL'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	webhook: 'webhook processor',
	workers: 'workers (both)',
	main: 'main',
	Redis: 'Redis',
	PostgreSQL: 'PostgreSQL',
};

/** `deployment.memberPids()` names: "n8n main", "n8n worker 1", "n8n webhook", "Redis", "PostgreSQL". */
function roleOfMember(name: string): Role {
	if (name === 'n8n main') return 'main';
	if (name.startsWith('n8n worker')) return 'workers';
	if (name === 'n8n webhook') return 'webhook';
	if (name === 'Redis' || name === 'PostgreSQL') return name;
	throw new Error(`Unknown deployment member "${name}"`);
}

export type PerRole = Record<Role, number>;

export function zeroPerRole(): PerRole {
	return { webhook: 0, workers: 0, main: 0, Redis: 0, PostgreSQL: 0 };
}

function readOrEmpty(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return ''; // the process or file went away while we looked
	}
}

/** /proc/<pid>/stat after the command name (which may hold spaces): state is [0], ppid [1], pgrp [2], utime [11]. */
function statFields(pid: string): string[] {
	const stat = readOrEmpty(`/proc/${pid}/stat`);
	return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function processGroupOf(pid: string): string | undefined {
	return statFields(pid)[2];
}

// /proc counts CPU time in clock ticks, 100 per second on Linux.
const MS_PER_TICK = 10;

/**
 * CPU time (user + system, with reaped children, ms) of `pid`'s process group and of all its descendants.
 * The group alone (processGroupCpuMs) holds n8n and its task runner, but not PostgreSQL's backends: each
 * calls setsid() and leads a group of its own, so only the process tree finds them.
 */
function familyCpuMs(pid: number, fields: Map<string, string[]>): number {
	const group = fields.get(String(pid))?.[2];
	const family = new Set<string>([...fields].filter(([, stat]) => group !== undefined && stat[2] === group).map(([member]) => member));
	family.add(String(pid));
	for (let grown = true; grown; ) {
		grown = false;
		for (const [member, stat] of fields) {
			if (family.has(member) || !family.has(stat[1])) continue;
			family.add(member);
			grown = true;
		}
	}
	let ticks = 0;
	for (const member of family) ticks += [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields.get(member)?.[index] ?? 0), 0);
	return ticks * MS_PER_TICK;
}

/** CPU time (ms) so far of every process of the deployment with its children, summed per role. */
export function cpuMsByRole(n8n: N8nInstance): PerRole {
	const fields = new Map(readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map((pid) => [pid, statFields(pid)]));
	const totals = zeroPerRole();
	for (const { name, pid } of n8n.deployment.memberPids()) {
		if (pid > 0) totals[roleOfMember(name)] += familyCpuMs(pid, fields);
	}
	return totals;
}

/** Socket inodes held open by any process of the process group of `pid`. */
function socketInodesOfGroup(pid: number): Set<string> {
	const group = processGroupOf(String(pid));
	const inodes = new Set<string>();
	if (group === undefined) return inodes;
	for (const member of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
		if (processGroupOf(member) !== group) continue;
		let fds: string[] = [];
		try {
			fds = readdirSync(`/proc/${member}/fd`);
		} catch {
			continue;
		}
		for (const fd of fds) {
			try {
				const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${member}/fd/${fd}`))?.[1];
				if (inode) inodes.add(inode);
			} catch {
				// closed meanwhile
			}
		}
	}
	return inodes;
}

/** Local TCP port of every socket inode (/proc/net/tcp and tcp6: `local_address` is `HEXIP:HEXPORT`, inode is field 10). */
function localPortsByInode(): Map<string, number> {
	const ports = new Map<string, number>();
	for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
		for (const line of readOrEmpty(file).split('\n').slice(1)) {
			const fields = line.trim().split(/\s+/);
			if (fields.length < 10) continue;
			ports.set(fields[9], parseInt(fields[1].split(':')[1], 16));
		}
	}
	return ports;
}

/** Which role owns each local TCP port right now: the client side of n8n's Redis and Postgres connections. */
export function portOwners(n8n: N8nInstance): Map<number, Role> {
	const ports = localPortsByInode();
	const owners = new Map<number, Role>();
	for (const { name, pid } of n8n.deployment.memberPids()) {
		const role = roleOfMember(name);
		if (pid <= 0 || role === 'Redis' || role === 'PostgreSQL') continue;
		for (const inode of socketInodesOfGroup(pid)) {
			const port = ports.get(inode);
			if (port !== undefined) owners.set(port, role);
		}
	}
	return owners;
}

/** Remembers owners of ports seen so far, looking again (at most once a second) when a new port turns up. */
export class PortOwnerCache {
	private owners = new Map<number, Role>();
	private lastLook = 0;

	constructor(private readonly n8n: N8nInstance) {}

	ownerOf(port: number): Role | undefined {
		if (!this.owners.has(port) && Date.now() - this.lastLook > 1000) {
			this.lastLook = Date.now();
			for (const [known, role] of portOwners(this.n8n)) this.owners.set(known, role);
		}
		return this.owners.get(port);
	}
}

/** "2 cores (AMD EPYC, family 26 model 2, 2596 MHz), 24 GiB RAM" from /proc/cpuinfo and the OS. */
export function machineDescription(): string {
	const cpuinfo = readOrEmpty('/proc/cpuinfo');
	const field = (name: string) => new RegExp(`^${name}\\s*:\\s*(.+)$`, 'm').exec(cpuinfo)?.[1]?.trim();
	const model = field('model name') ?? cpus()[0]?.model ?? 'unknown CPU';
	const details = [field('cpu family') && `family ${field('cpu family')} model ${field('model')}`, field('cpu MHz') && `${Number(field('cpu MHz')).toFixed(0)} MHz`];
	return `${cpus().length} cores (${[model, ...details.filter(Boolean)].join(', ')}), ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM`;
}
