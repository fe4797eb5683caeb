/**
 * The Customer Data Events Trigger's claims on queue mode: the same cases as on one n8n, against a real Redis as
 * n8n's queue settings name it, where copies of a batch arriving together race for each event's claim.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { redisCommand, startRedis, type PrivateRedis } from '../../scripts/n8n/services/redis';
import { closeCoordinators } from '../../nodes/common/coordination';
import { batchOf, describeRepeatedEvents, post, withKey } from '../triggers/customerDataEventsCases';

let redis: PrivateRedis;
let folder: string;
const savedEnvironment = { ...process.env };

beforeAll(async () => {
	folder = mkdtempSync(join(tmpdir(), 'cdp-claims-'));
	redis = await startRedis({ dataDir: folder });
}, 60_000);

afterAll(async () => {
	process.env = savedEnvironment;
	await closeCoordinators();
	await redis?.stop();
	rmSync(folder, { recursive: true, force: true });
});

describe("repeated events, queue mode (n8n's Redis)", () => {
	beforeEach(() => {
		process.env.EXECUTIONS_MODE = 'queue';
		process.env.QUEUE_BULL_REDIS_HOST = redis.host;
		process.env.QUEUE_BULL_REDIS_PORT = String(redis.port);
	});
	afterEach(() => {
		process.env = { ...savedEnvironment };
	});

	describeRepeatedEvents();

	it("keeps each event's claim in n8n's Redis, under the workflow, the trigger node and the event's ID, for 24 hours", async () => {
		const workflowId = randomUUID();
		await withKey(post(batchOf(['kept-1']), { workflowId }));
		const key = `n8n-nodes-intercom-sync:delivery:${workflowId}:trigger-under-test:event:kept-1`;
		expect(await redisCommand(redis.port, `EXISTS ${key}`)).toBe(':1');
		const ttl = Number((await redisCommand(redis.port, `PTTL ${key}`)).slice(1));
		expect(ttl).toBeGreaterThan(23 * 60 * 60 * 1000);
	});
});
