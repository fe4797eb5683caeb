/**
 * Leases under slow calls: Intercom answers each create more slowly than the lock's whole lease, and two
 * executions for one Todoist task (and one email) run at once. The holder renews its lease while it waits, so the
 * second execution finds the first one's record instead of creating its own: one ticket, one contact. Run against
 * both coordinators: this process (one n8n) and a real Redis (queue mode).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { closeCoordinators } from '../../nodes/common/coordination';
import { IntercomContact } from '../../nodes/IntercomContact/IntercomContact.node';
import { IntercomTicket } from '../../nodes/IntercomTicket/IntercomTicket.node';
import { startRedis, type PrivateRedis } from '../../scripts/n8n/services/redis';
import { useIntercomFake } from '../support/intercom-fake/jest';
import { runNode } from '../support/intercomNodeRunner';

const LEASE_MS = 1_000;
const SLOWER_THAN_LEASE_MS = 2_500;

const intercom = useIntercomFake();
let redis: PrivateRedis;
let folder: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'lease-'));
	redis = await startRedis({ dataDir: folder });
}, 60_000);

afterAll(async () => {
	process.env = savedEnv;
	await closeCoordinators();
	await redis?.stop();
	rmSync(folder, { recursive: true, force: true });
});

describe.each([
	['one n8n (in-process locks)', false],
	['queue mode (locks in Redis)', true],
])('%s', (_name, queue) => {
	beforeEach(() => {
		process.env = { ...savedEnv, N8N_INTERCOM_SYNC_LEASE_MS: String(LEASE_MS) };
		if (queue) Object.assign(process.env, { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: redis.host, QUEUE_BULL_REDIS_PORT: String(redis.port) });
	});

	it('two executions for one task while Intercom takes longer than the lease make one ticket', async () => {
		const type = intercom.fake.seed.ticketType({ name: 'Bug', attributes: [{ name: 'todoist_task_id', data_type: 'string' }] });
		intercom.fake.seed.user({ email: 'member@example.org' });
		intercom.fake.faults.delay({ ms: SLOWER_THAN_LEASE_MS, method: 'POST', path: '/tickets' });
		const reference = `slow-${queue ? 'q' : 'r'}-${Date.now()}`;
		const parameters = {
			operation: 'createOrUpdate',
			ticketType: { __rl: true, mode: 'list', value: type.id },
			referenceAttribute: 'todoist_task_id',
			referenceValue: reference,
			title: 'Slow Intercom',
			contactBy: 'email',
			contactValue: 'member@example.org',
		};
		const runs = await Promise.all([0, 1].map(async () => await runNode(new IntercomTicket(), intercom.fake, { parameters, continueOnFail: true })));
		expect(runs.flatMap((run) => run.errors)).toEqual([]);
		expect(runs.map((run) => run.successes[0].json.action).sort()).toEqual(['created', 'updated']);
		expect([...intercom.fake.store.tickets.values()].filter((ticket) => ticket.ticket_attributes.todoist_task_id === reference)).toHaveLength(1);
	}, 30_000);

	it('two executions for one email while Intercom takes longer than the lease make one contact', async () => {
		intercom.fake.faults.delay({ ms: SLOWER_THAN_LEASE_MS, method: 'POST', path: '/contacts' });
		const email = `slow-${queue ? 'q' : 'r'}-${Date.now()}@example.org`;
		const parameters = { operation: 'upsert', role: 'user', email, name: 'Slow Intercom' };
		const runs = await Promise.all([0, 1].map(async () => await runNode(new IntercomContact(), intercom.fake, { parameters, continueOnFail: true })));
		expect(runs.flatMap((run) => run.errors)).toEqual([]);
		expect(intercom.fake.store.contactsWithEmail(email)).toHaveLength(1);
	}, 30_000);
});
