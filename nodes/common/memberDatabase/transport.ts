/**
 * The only module that talks to the MySQL / MariaDB member directory: builds the pool from the
 * `memberDatabase` credential, runs queries, and turns driver errors into words a user can act on. The Member
 * Lookup node queries through it; the credential test connects through it, with the same pool settings.
 */
import { createPool, Types, type FieldPacket, type Pool, type PoolOptions, type RowDataPacket } from 'mysql2/promise';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { errorText, LookupFailure } from '../lookupFailure';

/** SQL text with `?` placeholders and the values for them, in order. */
export interface SqlQuery {
	sql: string;
	values: unknown[];
}

export interface MemberDatabaseCredentials {
	host: string;
	port: number;
	database: string;
	user: string;
	password: string;
	ssl: 'off' | 'required' | 'verifyCa';
	caCertificate?: string;
}

const CONNECT_TIMEOUT_MS = 10_000;
// A chunk's query reads at most 1,000 indexed rows; a minute means the server is stuck, not busy.
const QUERY_TIMEOUT_MS = 60_000;

export function toCredentials(data: ICredentialDataDecryptedObject): MemberDatabaseCredentials {
	return {
		host: String(data.host ?? '').trim(),
		port: Number(data.port ?? 3306),
		database: String(data.database ?? '').trim(),
		user: String(data.user ?? ''),
		password: String(data.password ?? ''),
		ssl: (data.ssl as MemberDatabaseCredentials['ssl']) ?? 'off',
		caCertificate: data.caCertificate ? String(data.caCertificate) : undefined,
	};
}

function poolOptions(credentials: MemberDatabaseCredentials): PoolOptions {
	const options: PoolOptions = {
		host: credentials.host,
		port: credentials.port,
		database: credentials.database,
		user: credentials.user,
		password: credentials.password,
		connectTimeout: CONNECT_TIMEOUT_MS,
		// Chunk queries run one after another (positions requests overlap them), so one connection is enough.
		connectionLimit: 1,
		enableKeepAlive: true,
		// Keep values JSON-friendly: no lossy big integers, no Date objects with time-zone surprises.
		supportBigNumbers: true,
		bigNumberStrings: true,
		dateStrings: true,
	};
	if (credentials.ssl === 'required') {
		options.ssl = { rejectUnauthorized: false };
	} else if (credentials.ssl === 'verifyCa') {
		if (!credentials.caCertificate?.trim()) {
			throw new LookupFailure(
				'SSL is set to verify with a CA certificate, but no certificate was given',
				'Paste the CA certificate (PEM text) into the Member Database credential, or set SSL to Required.',
				'configuration',
			);
		}
		options.ssl = { ca: credentials.caCertificate, rejectUnauthorized: true };
	}
	return options;
}

/** One pool per execution; the caller closes it with `closePool` in `finally`. */
export function openPool(credentials: MemberDatabaseCredentials): Pool {
	return createPool(poolOptions(credentials));
}

export async function closePool(pool: Pool): Promise<void> {
	await pool.end().catch(() => undefined); // a pool that never connected has nothing to close
}

export interface DirectoryRows {
	rows: RowDataPacket[];
	/** Columns of a numeric SQL type: MySQL compares them with the keys as numbers (`'00123'` = 123). */
	numericColumns: Set<string>;
}

const NUMERIC_TYPES = new Set([
	Types.DECIMAL,
	Types.NEWDECIMAL,
	Types.TINY,
	Types.SHORT,
	Types.INT24,
	Types.LONG,
	Types.LONGLONG,
	Types.FLOAT,
	Types.DOUBLE,
	Types.YEAR,
]);

export async function selectRows(
	pool: Pool,
	query: SqlQuery,
	credentials: MemberDatabaseCredentials,
): Promise<DirectoryRows> {
	try {
		const [rows, fields] = await pool.query<RowDataPacket[]>({
			sql: query.sql,
			values: query.values,
			timeout: QUERY_TIMEOUT_MS,
		});
		return { rows, numericColumns: numericColumnsOf(fields) };
	} catch (error) {
		throw describeDatabaseError(error, credentials);
	}
}

function numericColumnsOf(fields: FieldPacket[] | undefined): Set<string> {
	const numeric = new Set<string>();
	for (const field of fields ?? []) {
		const type = field.columnType ?? field.type;
		if (type !== undefined && NUMERIC_TYPES.has(type)) numeric.add(field.name);
	}
	return numeric;
}

interface DriverError {
	code?: string;
	errno?: number;
	sqlMessage?: string;
	message?: string;
}

const CERTIFICATE_CODES = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function describeDatabaseError(
	error: unknown,
	credentials: MemberDatabaseCredentials,
): LookupFailure {
	if (error instanceof LookupFailure) return error;
	const driver = (error ?? {}) as DriverError;
	const code = driver.code ?? '';
	const detail = driver.sqlMessage ?? errorText(error);
	const where = `${credentials.host}:${credentials.port}`;
	const remote = (message: string, description: string) =>
		new LookupFailure(message, description, 'remote', detail);
	const inCredential = 'in the Member Database credential';

	switch (code) {
		case 'ECONNREFUSED':
			return remote(
				`Could not connect to the member database at ${where}`,
				`Nothing accepted the connection. Check Host and Port ${inCredential}, and that the database server is running.`,
			);
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return remote(
				`The member database host “${credentials.host}” could not be found`,
				`Check Host ${inCredential}.`,
			);
		case 'PROTOCOL_SEQUENCE_TIMEOUT':
			return remote(
				`The member database did not answer the lookup within ${QUERY_TIMEOUT_MS / 1000} seconds`,
				'Check that the server is not overloaded and that the table has an index on the email and member number columns.',
			);
		case 'ETIMEDOUT':
		case 'ECONNRESET':
		case 'PROTOCOL_CONNECTION_LOST':
			return remote(
				`The member database at ${where} did not answer or dropped the connection`,
				`Check Host and Port ${inCredential} and any firewall between n8n and the database, then retry.`,
			);
		case 'ER_ACCESS_DENIED_ERROR':
		case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
			return remote(
				'The member database refused the user name or password',
				`Check User and Password ${inCredential}.`,
			);
		case 'ER_DBACCESS_DENIED_ERROR':
		case 'ER_BAD_DB_ERROR':
			return remote(
				`The member database “${credentials.database}” does not exist or this user may not open it`,
				`Check Database ${inCredential}.`,
			);
		case 'ER_NO_SUCH_TABLE':
			return remote(
				'The members table was not found',
				'Check Table in the node (or the table names in your custom query).',
			);
		case 'ER_BAD_FIELD_ERROR':
			return remote(
				'A column the lookup needs was not found in the members table',
				'Check Column Names in the node (or the columns your custom query returns and uses).',
			);
		case 'ER_TABLEACCESS_DENIED_ERROR':
		case 'ER_COLUMNACCESS_DENIED_ERROR':
			return remote(
				'The database user may not read the members table',
				'Ask your database administrator to grant SELECT on it to the user in the credential.',
			);
		case 'ER_PARSE_ERROR':
			return remote('The member database could not understand the query', 'Check Custom Query for typing mistakes.');
		case 'HANDSHAKE_NO_SSL_SUPPORT':
			return remote(
				'The member database does not offer SSL',
				`Set SSL to Off ${inCredential}, or ask your administrator to enable SSL on the server.`,
			);
	}
	if (CERTIFICATE_CODES.has(code)) {
		return remote(
			"The member database's SSL certificate could not be verified",
			`Check CA Certificate ${inCredential}, or set SSL to Required to encrypt without verifying.`,
		);
	}
	return remote(
		'The member database lookup failed',
		`Check the Member Database credential and the node's table and column settings.`,
	);
}
