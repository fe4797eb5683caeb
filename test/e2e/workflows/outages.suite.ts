import { LOOKUP_API_KEY_HEADER, WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import type { WorkflowEnvironment } from './environment';
import { runOnce } from './executions';

/**
 * The lookup API when what it depends on is down, and what its executions keep. Runs last: it stops the
 * environment's MariaDB for good.
 */
export function describeOutages(getEnv: () => WorkflowEnvironment): void {
	describe('member lookup API when a service is down', () => {
		const ask = async () => {
			const env = getEnv();
			const body = JSON.stringify({ email: 'john.doe@example.com' });
			const headers = { 'content-type': 'application/json', [LOOKUP_API_KEY_HEADER]: env.secrets.lookupApiKey };
			return await runOnce(env, WORKFLOW_IDS.lookupApi, () => env.n8n.postWebhook(env.urls.lookupApi, body, headers));
		};

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
			await getEnv().mariadb.stop();
			const { response } = await ask();
			expect(response.status).toBe(503);
			expect(response.json()).toEqual({ error: expect.stringContaining('member database'), unavailable: 'member directory' });
		});

		it('never stores the API key in an execution, whether it answered, refused or failed', async () => {
			const env = getEnv();
			const executions = await env.n8n.listExecutions(WORKFLOW_IDS.lookupApi);
			expect(executions.length).toBeGreaterThan(5);
			for (const { id } of executions) {
				const stored = await env.n8n.client.get<{ data: string }>(`/rest/executions/${id}`);
				expect(stored.data).not.toContain(env.secrets.lookupApiKey);
			}
		});
	});
}
