import { join } from 'node:path';

import { ensureRetryCredential } from '../n8n/api-key';
import { startN8n, TEST_OWNER, type N8nInstance } from '../n8n/instance';
import { repoRoot } from '../n8n/paths';
import { ensureSyncCredentials } from '../start/credentials';
import { importWorkflowFiles, type WorkflowStatus } from '../start/workflows';

export interface SampleEditor {
	n8n: N8nInstance;
	login: { email: string; password: string };
	workflows: WorkflowStatus[];
	credentials: Array<{ id: string; name: string; type: string }>;
}

/**
 * A throw-away n8n set up exactly as `npm start` sets up a new user's: the package installed, the
 * credentials the workflows name created empty, and workflows/*.json imported and published.
 */
export async function startSampleEditor(env?: Record<string, string>): Promise<SampleEditor> {
	const n8n = await startN8n({ env });
	try {
		await ensureSyncCredentials(n8n.client, n8n.userFolder);
		await ensureRetryCredential(n8n.client, n8n.deployment.editorUrl);
		const workflows = await importWorkflowFiles({
			client: n8n.client,
			webhookBaseUrl: n8n.webhookBaseUrl,
			dataDir: n8n.userFolder,
			workflowsDir: join(repoRoot, 'workflows'),
		});
		const credentials = await n8n.client.get<Array<{ id: string; name: string; type: string }>>('/rest/credentials');
		return { n8n, login: { email: TEST_OWNER.email, password: TEST_OWNER.password }, workflows, credentials };
	} catch (error) {
		await n8n.stop();
		throw error;
	}
}
