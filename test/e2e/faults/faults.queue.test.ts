/**
 * Issue 29, part 4: 200 events while a worker is killed -9, Redis restarts and MariaDB is down for 30 s, on a
 * queue-mode deployment of its own (n8n, Postgres, Redis, MariaDB: no other suite shares them). Then the
 * shipped retries workflow heals what failed, and every event must have had its effect exactly once.
 */
import { startWorkflowEnvironment, type WorkflowEnvironment } from '../workflows/environment';
import { healWithRetries, type HealReport } from './heal';
import { describeReport, runFaultScenario } from './scenario';

/** n8n's check for executions without a queue job, in minutes (default 180; fractions work): every 6 s. */
const QUEUE_RECOVERY_MINUTES = '0.1';

describe('queue mode under faults: worker killed -9, Redis restarted, MariaDB down 30 s', () => {
	let env: WorkflowEnvironment | undefined;

	beforeAll(async () => {
		// Redis as it should run in production: with its append-only file, so a restart (a kill here) keeps all but
		// its last second: queued jobs, claims and the triggers' copies of deliveries (README, "Repeated deliveries").
		env = await startWorkflowEnvironment({ topology: 'queue', redisAppendOnly: true, n8nEnv: { N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: QUEUE_RECOVERY_MINUTES } });
	}, 900_000);

	afterAll(async () => {
		await env?.stop();
	}, 120_000);

	it('runs 200 events through the faults and, once the retries have run, has every effect exactly once', async () => {
		if (!env) throw new Error('The environment did not start; see the beforeAll error');
		const began = Date.now();
		let healed: HealReport | undefined;
		const report = await runFaultScenario(env, {
			events: 200,
			spacingMs: 350,
			redisDownMs: 4_000,
			mariadbDownMs: 30_000,
			settleTimeoutMs: 180_000,
			heal: async (deployed) => {
				healed = await healWithRetries(deployed, 300_000);
			},
		});
		const heal = healed!;
		console.log(
			[
				describeReport(report),
				`failed runs ${heal.failedRuns}: healed ${heal.healed} (n8n retries ${heal.retries}, deliveries sent again for ${heal.resent} erased runs), left for a person ${heal.needsPerson.length}, still open ${heal.open}; healing took ${heal.waitedS} s`,
				...heal.needsPerson.map((row) => `  needs a person: execution ${row.execution_id} (${row.cause}): ${row.error_message} ${row.error_details}`),
				`scenario took ${Math.round((Date.now() - began) / 1000)} s`,
			].join('\n'),
		);

		for (const row of heal.needsPerson) {
			// What n8n stored for a run left for a person: a fault should heal, so this says what else happened.
			const stored = await env.n8n.client.get<Record<string, unknown>>(`/rest/executions/${row.execution_id}`);
			console.log(`execution ${row.execution_id} as n8n stored it: ${JSON.stringify(stored).slice(0, 3_000)}`);
		}
		expect(report.unsettled).toBe(0);
		expect(heal.open).toBe(0);
		// A failure left for a person says why.
		for (const row of heal.needsPerson) expect(row.error_message).not.toBe('');
		expect(report.effects.duplicatedEvents.map((event) => `${event.kind} ${event.key}`)).toEqual([]);
		expect(report.effects.lostEvents.map((event) => `${event.kind} ${event.key}`)).toEqual([]);
		env.intercom.expectNoInvalidRequests();
	}, 1_200_000);
});
