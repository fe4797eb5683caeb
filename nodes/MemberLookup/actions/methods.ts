import {
	NodeOperationError,
	type ICredentialsDecrypted,
	type ICredentialTestFunctions,
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeCredentialTestResult,
	type INodePropertyOptions,
} from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../../shared/credentialTypes';
import { DEFAULT_COLUMNS, DEFAULT_TABLE } from './settings';
import { isValidIdentifier, isValidTableName, quoteIdentifier } from './sql';
import {
	closePool,
	describeDatabaseError,
	openPool,
	selectRows,
	testConnection,
	toCredentials,
} from '../transport/memberDatabase';

/** Wired to the node's `supabaseSyncApi` credential entry through `testedBy`. */
export { supabaseCredentialTest } from '../transport/supabaseCredentialTest';

/** Wired to the node's `memberDatabase` credential entry through `testedBy`. */
export async function memberDatabaseConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await testConnection(toCredentials(credential.data ?? {}));
}

const MAX_STATUSES = 100;

/** The statuses that occur in the members table, so users pick from real values. */
export async function getStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const table = String(this.getCurrentNodeParameter('table') ?? DEFAULT_TABLE).trim() || DEFAULT_TABLE;
	const columns = (this.getCurrentNodeParameter('columns') ?? {}) as IDataObject;
	const statusColumn = String(columns.statusColumn ?? '').trim() || DEFAULT_COLUMNS.statusColumn;
	if (!isValidTableName(table) || !isValidIdentifier(statusColumn)) {
		throw new NodeOperationError(this.getNode(), 'The table or status column name is not allowed', {
			description: 'Use only letters, digits and underscores in Table and Status Column.',
		});
	}
	const credentials = toCredentials(await this.getCredentials(CREDENTIAL_TYPES.memberDatabase));
	let pool: ReturnType<typeof openPool> | undefined;
	try {
		pool = openPool(credentials);
		const column = quoteIdentifier(statusColumn);
		const { rows } = await selectRows(
			pool,
			{
				sql: `SELECT DISTINCT ${column} AS status FROM ${quoteIdentifier(table)} WHERE ${column} IS NOT NULL ORDER BY 1 LIMIT ?`,
				values: [MAX_STATUSES],
			},
			credentials,
		);
		return rows.map((row) => ({ name: String(row.status), value: String(row.status) }));
	} catch (error) {
		const failure = describeDatabaseError(error, credentials);
		throw new NodeOperationError(this.getNode(), failure.message, { description: failure.description });
	} finally {
		if (pool) await closePool(pool);
	}
}
