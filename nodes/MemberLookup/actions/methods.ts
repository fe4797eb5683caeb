import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { testConnection, toCredentials } from '../transport/memberDatabase';

/** Wired to the node's `supabaseSyncApi` credential entry through `testedBy`. */
export { supabaseCredentialTest } from '../transport/supabaseCredentialTest';

/** Wired to the node's `memberDatabase` credential entry through `testedBy`. */
export async function memberDatabaseConnectionTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await testConnection(toCredentials(credential.data ?? {}));
}
