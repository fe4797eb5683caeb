import { LOOKUP_API_KEY_HEADER, WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import type { WorkflowEnvironment } from './environment';
import { runAloneWhenNamed } from './onEnvironment';
import { expectNoExecution, runOnce } from './executions';

/** Seed 003's POST /lookup-email as an n8n webhook with header auth. */
export function describeLookupApi(getEnv: () => WorkflowEnvironment): void {
	describe('member lookup API', () => {
		const send = (body: string, key: string | null = getEnv().secrets.lookupApiKey) =>
			getEnv().n8n.postWebhook(getEnv().urls.lookupApi, body, {
				'content-type': 'application/json',
				...(key === null ? {} : { [LOOKUP_API_KEY_HEADER]: key }),
			});
		// A request with the right key runs the workflow: wait for that run, so later counts start from it.
		const ask = async (body: string) => (await runOnce(getEnv(), WORKFLOW_IDS.lookupApi, () => send(body))).response;

		it('answers a member’s details and active positions, matching the email ignoring case and spaces', async () => {
			const response = await ask(JSON.stringify({ email: '  JOHN.DOE@example.com ' }));

			expect(response.status).toBe(200);
			expect(response.headers['content-type']).toMatch(/application\/json/);
			const answer = response.json<{ positions: string[] }>();
			expect([...answer.positions].sort()).toEqual(['Area Representative', 'Facility President']);
			expect(answer).toEqual({
				found: true,
				member_number: '12345',
				firstname: 'John',
				lastname: 'Doe',
				email: 'john.doe@example.com',
				phone: '(765) 465-7031',
				region: 'GL',
				facility: 'ZAU',
				positions: expect.any(Array),
			});
		});

		it('answers found: false for an unknown email and for a member who is neither Active nor Retired', async () => {
			for (const email of ['nobody@example.com', 'ina.gone@example.com']) {
				const response = await ask(JSON.stringify({ email }));
				expect(response.status).toBe(200);
				expect(response.json()).toEqual({ found: false });
			}
		});

		it.each([
			['no email', {}],
			['an empty email', { email: '' }],
			['a malformed email', { email: 'john.doe-at-example.com' }],
			['an email that is not text', { email: ['john.doe@example.com'] }],
		])('answers 400 with a JSON error for %s', async (_case, body) => {
			const response = await ask(JSON.stringify(body));

			expect(response.status).toBe(400);
			expect(response.json()).toEqual({ error: expect.stringContaining('valid email address') });
		});

		it.each([
			['a wrong key', 'not-the-key'],
			['no key', null],
		])('refuses a request with %s with 403 without running the workflow', async (_case, key) => {
			const response = await expectNoExecution(
				getEnv(),
				WORKFLOW_IDS.lookupApi,
				() => send(JSON.stringify({ email: 'john.doe@example.com' }), key),
				() => send(JSON.stringify({ email: 'nobody@example.com' })),
			);
			expect(response.status).toBe(403);
			expect(response.json()).toEqual({ message: 'Missing or wrong API key' });
			expect(response.text()).not.toContain('12345');
		});
	});
}

runAloneWhenNamed(__filename, describeLookupApi);
