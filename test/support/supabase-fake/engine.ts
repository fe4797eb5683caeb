/** The Postgres behind the Supabase test server: PGlite (Postgres compiled to WASM), in memory, in a worker. */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface ColumnInfo {
	name: string;
	/** Postgres' own name of the type without length limits (`format_type`), used in casts. */
	type: string;
}

/** A Postgres error as PGlite reports it: SQLSTATE `code`, `detail` and `hint` beside the message. */
export class DatabaseError extends Error {
	constructor(
		message: string,
		readonly code?: string,
		readonly detail?: string,
		readonly hint?: string,
	) {
		super(message);
	}
}

interface Reply {
	id: number;
	result?: unknown;
	error?: { message: string; code?: string; detail?: string; hint?: string };
}

/** The database, reached through `pglite-worker.js` (see there why it is a worker). */
export class Engine {
	private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
	private nextId = 0;

	private constructor(private readonly worker: Worker) {
		worker.on('message', ({ id, result, error }: Reply) => {
			const call = this.pending.get(id);
			this.pending.delete(id);
			if (this.pending.size === 0) worker.unref();
			if (error) call?.reject(new DatabaseError(error.message, error.code, error.detail, error.hint));
			else call?.resolve(result);
		});
		worker.on('error', (error) => {
			for (const call of this.pending.values()) call.reject(error);
			this.pending.clear();
		});
		// Referenced only while a call is waiting: a forgotten close() must not keep the test process alive.
		worker.unref();
	}

	/**
	 * Starts an empty database. initdb costs about two seconds, so the first start on a machine saves the
	 * pristine data folder (per PGlite version) in the temp folder, and later starts load it instead.
	 */
	static async start(): Promise<Engine> {
		const engine = new Engine(new Worker(join(__dirname, 'pglite-worker.js')));
		const template = join(tmpdir(), `pglite-${await pgliteVersion()}-pristine.tar.gz`);
		const saved = await readFile(template).catch(() => undefined);
		if (saved && (await engine.call('open', { template: saved }).then(() => true, () => false))) return engine;
		await engine.call('open', {});
		const dump = (await engine.call('dump', {})) as Uint8Array;
		// Write then rename, so a test file starting in parallel never reads half a template.
		const partial = `${template}.${process.pid}.partial`;
		await writeFile(partial, dump);
		await rename(partial, template);
		return engine;
	}

	private call(op: string, message: Record<string, unknown>): Promise<unknown> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			this.worker.ref();
			this.worker.postMessage({ id, op, ...message });
		});
	}

	async query<Row>(sql: string, params: unknown[] = []): Promise<{ rows: Row[] }> {
		return (await this.call('query', { sql, params })) as { rows: Row[] };
	}

	/** Several statements, no parameters (seed files). */
	async exec(sql: string): Promise<Array<{ rows: Array<Record<string, unknown>> }>> {
		return (await this.call('exec', { sql })) as Array<{ rows: Array<Record<string, unknown>> }>;
	}

	async close(): Promise<void> {
		await this.call('close', {});
		await this.worker.terminate();
	}
}

async function pgliteVersion(): Promise<string> {
	const packageJson = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
	return (JSON.parse(await readFile(packageJson, 'utf8')) as { version: string }).version;
}

const COLUMNS_SQL = `
	SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, NULL) AS type
	FROM pg_class c
	JOIN pg_namespace n ON n.oid = c.relnamespace
	JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'p', 'f')`;

/** Columns of a table or view in `public`, or `undefined` when there is none (PostgREST's schema cache). */
export async function tableColumns(db: Engine, table: string): Promise<ColumnInfo[] | undefined> {
	const { rows } = await db.query<ColumnInfo>(`${COLUMNS_SQL} AND c.relname = $1 ORDER BY a.attnum`, [table]);
	return rows.length ? rows.map(({ name, type }) => ({ name, type })) : undefined;
}

/** Every table in `public` with its columns, for the REST root. */
export async function allTables(db: Engine): Promise<Map<string, ColumnInfo[]>> {
	const { rows } = await db.query<ColumnInfo & { table: string }>(`${COLUMNS_SQL} ORDER BY c.relname, a.attnum`);
	const tables = new Map<string, ColumnInfo[]>();
	for (const { table, name, type } of rows) tables.set(table, [...(tables.get(table) ?? []), { name, type }]);
	return tables;
}
