import { CREDENTIAL_NAMES, LOOKUP_API_KEY_HEADER, WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import { startMariaDb, type MariaDb } from '../../support/mariadb';
import type { WorkflowEnvironment } from './environment';
import { runOnce } from './executions';
import { runAloneWhenNamed } from './onEnvironment';

interface StoredCredential {
	id: string;
	name: string;
	type: string;
}

/** Points the "Member Database" credential at another server, as a user would edit it in the editor. */
async function pointMemberDatabaseAt(env: WorkflowEnvironment, server: MariaDb): Promise<void> {
	const { client } = env.n8n;
	const credentials = await client.get<StoredCredential[]>('/rest/credentials');
	const stored = credentials.find((credential) => credential.name === CREDENTIAL_NAMES.memberDatabase);
	if (!stored) throw new Error('No "Member Database" credential');
	await client.patch(`/rest/credentials/${stored.id}`, { name: stored.name, type: stored.type, data: { ...server.credentials, ssl: 'off' } });
}

/**
 * The lookup API when what it depends on is down, and what its executions keep. The member directory it loses
 * is its own: the suite points the credential at a MariaDB of its own and back, so the others keep theirs.
 */
export function describeOutages(getEnv: () => WorkflowEnvironment): void {
	describe('member lookup API when a service is down', () => {
		let ownDirectory: MariaDb | undefined;

		beforeAll(async () => {
			ownDirectory = await startMariaDb();
			await pointMemberDatabaseAt(getEnv(), ownDirectory);
		}, 120_000);

		afterAll(async () => {
			await pointMemberDatabaseAt(getEnv(), getEnv().mariadb);
			await ownDirectory?.stop();
		}, 120_000);

		const ask = async () => {
			const env = getEnv();
			const body = JSON.stringify({ email: 'john.doe@example.com' });
			const headers = { 'content-type': 'application/json', [LOOKUP_API_KEY_HEADER]: env.secrets.lookupApiKey };
			return await runOnce(env, WORKFLOW_IDS.lookupApi, () => env.n8n.postWebhook(env.urls.lookupApi, body, headers));
		};

		it('answers with the member while both services answer', async () => {
			const { response } = await ask();
			expect(response.status).toBe(200);
		});

		it('answers 503 with a JSON error naming Supabase while Supabase refuses connections', async () => {
			await getEnv().supabase.setDown(true);
			try {
				const { response } = await ask();
				expect(response.status).toBe(503);
				expect(response.json()).toEqual({ error: expect.stringContaining('Supabase'), unavailable: 'Supabase' });
			} finally {
				await getEnv().supabase.setDown(false);
			}
		});

		it('answers 503 with a JSON error naming the member directory once MariaDB is stopped', async () => {
			await ownDirectory!.stop();
			const { response } = await ask();
			expect(response.status).toBe(503);
			expect(response.json()).toEqual({ error: expect.stringContaining('member database'), unavailable: 'member directory' });
		});

		it('never stores the API key in an execution, whether it answered, refused or failed', async () => {
			const env = getEnv();
			const executions = await env.n8n.listExecutions(WORKFLOW_IDS.lookupApi);
			// At least this suite's three: answered, Supabase down, MariaDB down.
			expect(executions.length).toBeGreaterThanOrEqual(3);
			for (const { id } of executions) {
				const stored = await env.n8n.client.get<{ data: string }>(`/rest/executions/${id}`);
				expect(stored.data).not.toContain(env.secrets.lookupApiKey);
			}
		});
	});
}

runAloneWhenNamed(__filename, describeOutages);
