import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import type { Pool } from 'mysql2/promise';

import { closePool, describeDatabaseError, openPool, toCredentials } from '../memberDatabase/transport';

/** Connects with exactly the pool settings the Member Lookup node uses, then runs `SELECT 1`. */
export async function memberDatabaseCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = toCredentials(credential.data ?? {});
	let pool: Pool | undefined;
	try {
		pool = openPool(credentials);
		await pool.query('SELECT 1');
		return { status: 'OK', message: 'Connection successful' };
	} catch (error) {
		const failure = describeDatabaseError(error, credentials);
		return { status: 'Error', message: `${failure.message}. ${failure.description}` };
	} finally {
		if (pool) await closePool(pool);
	}
}
