/**
 * What the deployment asks of PostgreSQL, on our private server (the n8n role is its superuser):
 * - statements, from the server's own log: `log_statement = all` with the client's address in each line's
 *   prefix, switched on with ALTER SYSTEM + pg_reload_conf() (no restart) and reset at the end. Each statement
 *   n8n's driver sends is one round trip (node-postgres sends parse, bind and execute together). The embedded
 *   PostgreSQL ships pg_stat_statements, but it works only when preloaded at server start, which scripts/n8n
 *   does not do;
 * - transactions and rows from `pg_stat_database` (flushed by each backend at most once a second, so a
 *   window's figure can miss up to a second of one connection's work);
 * - bytes: `pg_total_relation_size` of n8n's `execution*` tables (with indexes and TOAST), and
 *   `pg_column_size` of the stored execution rows themselves.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { assertN8nInstalled, n8nInstallDir } from '../../../scripts/n8n/paths';
import type { N8nInstance } from '../../support/n8n';
import { PortOwnerCache, type Role } from './processes';

interface PgClient {
	connect(): Promise<void>;
	query(sql: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
	end(): Promise<void>;
	on(event: 'error', listener: (error: Error) => void): void;
}

export interface PostgresCounts {
	/** Statements by `role|kind`, e.g. `workers|UPDATE execution_entity`. */
	statements: Map<string, number>;
	/** Committed and rolled-back transactions (pg_stat_database). */
	transactions: number;
	/** Rows inserted, updated and deleted (pg_stat_database). */
	rowsWritten: number;
	/** Rows read (tup_returned). */
	rowsRead: number;
	/** On-disk bytes of the execution tables, indexes and TOAST included. */
	executionTableBytes: number;
}

export interface StoredExecutions {
	count: number;
	/** Average stored (compressed when TOASTed) bytes per execution of each part. */
	runData: number;
	workflowCopy: number;
	entityRow: number;
}

/** `UPDATE execution_entity`, `SELECT workflow_entity`, `BEGIN`, … */
export function statementKind(sql: string): string {
	const text = sql.replace(/\s+/g, ' ').trim();
	const control = /^(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE|SET|SHOW)\b/i.exec(text);
	if (control) return control[1].toUpperCase();
	const verb = /^(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.exec(text)?.[1]?.toUpperCase() ?? text.split(' ')[0].toUpperCase();
	const table = /\b(?:FROM|INTO|UPDATE)\s+(?:"?public"?\.)?"?([A-Za-z_][\w]*)"?/i.exec(text)?.[1];
	return table ? `${verb} ${table}` : verb;
}

const STATEMENT_LINE = /\[(\d+)\] [^(\s]*\((\d+)\) LOG: {2}(?:statement|execute [^:]*): (.*)$/;

export class PostgresProbe {
	private readonly statements = new Map<string, number>();
	private logOffset = 0;
	private partialLine = '';
	private readonly owners: PortOwnerCache;

	private constructor(
		private readonly client: PgClient,
		private readonly ownPid: string,
		private readonly logFile: string | undefined,
		n8n: N8nInstance,
	) {
		this.owners = new PortOwnerCache(n8n);
	}

	/** Connects with the deployment's own settings; with `logStatements`, every statement goes to the server log. */
	static async start(n8n: N8nInstance, logStatements: boolean): Promise<PostgresProbe> {
		const env = n8n.deployment.processes.find((process) => process.role === 'worker')?.options.env ?? {};
		if (env.DB_TYPE !== 'postgresdb') throw new Error('Not a queue-mode deployment: n8n does not use PostgreSQL');
		assertN8nInstalled();
		// The pg driver n8n itself uses; the package does not depend on one (as test/services does).
		const pg = createRequire(__filename)(join(n8nInstallDir, 'node_modules', 'pg')) as { Client: new (config: Record<string, unknown>) => PgClient };
		const client = new pg.Client({
			host: env.DB_POSTGRESDB_HOST,
			port: Number(env.DB_POSTGRESDB_PORT),
			database: env.DB_POSTGRESDB_DATABASE,
			user: env.DB_POSTGRESDB_USER,
			password: env.DB_POSTGRESDB_PASSWORD,
		});
		client.on('error', () => undefined);
		await client.connect();
		const ownPid = String((await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
		// startTopology keeps the server's log at <root>/postgres.log.
		const logFile = join(n8n.root, 'postgres.log');
		const counting = logStatements && existsSync(logFile);
		if (logStatements && !counting) console.log(`No PostgreSQL log at ${logFile}: statements are not counted`);
		const probe = new PostgresProbe(client, ownPid, counting ? logFile : undefined, n8n);
		if (counting) {
			await client.query(`ALTER SYSTEM SET log_statement = 'all'`);
			await client.query(`ALTER SYSTEM SET log_line_prefix = '%m [%p] %r '`);
			await client.query('SELECT pg_reload_conf()');
			probe.logOffset = statSync(logFile).size;
		}
		return probe;
	}

	get countsStatements(): boolean {
		return this.logFile !== undefined;
	}

	private readLog(): void {
		if (!this.logFile) return;
		const size = statSync(this.logFile).size;
		if (size <= this.logOffset) return;
		const buffer = Buffer.alloc(size - this.logOffset);
		const fd = openSync(this.logFile, 'r');
		try {
			readSync(fd, buffer, 0, buffer.length, this.logOffset);
		} finally {
			closeSync(fd);
		}
		this.logOffset = size;
		const lines = (this.partialLine + buffer.toString('utf8')).split('\n');
		this.partialLine = lines.pop() ?? '';
		for (const line of lines) {
			const match = STATEMENT_LINE.exec(line);
			if (!match || match[1] === this.ownPid) continue;
			const role: Role | 'unknown' = this.owners.ownerOf(Number(match[2])) ?? 'unknown';
			const key = `${role}|${statementKind(match[3])}`;
			this.statements.set(key, (this.statements.get(key) ?? 0) + 1);
		}
	}

	async snapshot(): Promise<PostgresCounts> {
		this.readLog();
		const database = await this.client.query(
			`SELECT xact_commit + xact_rollback AS transactions, tup_inserted + tup_updated + tup_deleted AS written, tup_returned AS read
			 FROM pg_stat_database WHERE datname = current_database()`,
		);
		const size = await this.client.query(
			`SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			 WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname LIKE 'execution%'`,
		);
		const [row] = database.rows;
		return {
			statements: new Map(this.statements),
			transactions: Number(row.transactions),
			rowsWritten: Number(row.written),
			rowsRead: Number(row.read),
			executionTableBytes: Number(size.rows[0].bytes),
		};
	}

	async lastExecutionId(): Promise<number> {
		return Number((await this.client.query('SELECT coalesce(max(id), 0) AS id FROM execution_entity')).rows[0].id);
	}

	/** Average stored size of the executions of `workflowId` after `afterId`. */
	async storedExecutions(workflowId: string, afterId: number): Promise<StoredExecutions> {
		const { rows } = await this.client.query(
			`SELECT count(*) AS count, avg(pg_column_size(d.data)) AS run_data, avg(pg_column_size(d."workflowData")) AS workflow_copy,
			        avg(pg_column_size(e.*)) AS entity_row
			 FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = $1 AND e.id > $2`,
			[workflowId, afterId],
		);
		const [row] = rows;
		return { count: Number(row.count), runData: Number(row.run_data), workflowCopy: Number(row.workflow_copy), entityRow: Number(row.entity_row) };
	}

	async stop(): Promise<void> {
		if (this.logFile) {
			await this.client.query('ALTER SYSTEM RESET log_statement').catch(() => undefined);
			await this.client.query('ALTER SYSTEM RESET log_line_prefix').catch(() => undefined);
			await this.client.query('SELECT pg_reload_conf()').catch(() => undefined);
		}
		await this.client.end().catch(() => undefined);
	}
}
