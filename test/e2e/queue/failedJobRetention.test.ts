/**
 * Why queue mode keeps failed jobs (N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED, README "Running on n8n queue mode"),
 * on the Bull that n8n 2.41 ships and a real Redis: the process that queued a run learns of its failure from
 * `job.finished()`, which n8n calls only after queuing. A job a worker fails before that call is found failed
 * when Redis keeps it; with n8n's default (0) Redis deleted it, and the wait never ends.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { n8nInstallDir } from '../../../scripts/n8n/paths';
import { startRedis, type PrivateRedis } from '../../../scripts/n8n/services/redis';

const HEARD_WITHIN_MS = 3_000;

/**
 * Runs in a process of its own, which exits when done: Bull keeps timers and a subscriber for a wait that
 * never ends. Queues a job, lets a worker fail it at once (as one without the package does), then waits on it
 * as n8n does, and prints what it heard.
 */
const FAIL_BEFORE_WAITING = `
const [bullPath, host, port, keepLastFailed, heardWithinMs] = process.argv.slice(1);
const Queue = require(bullPath);
(async () => {
	const name = 'jobs-' + keepLastFailed + '-' + Date.now();
	const redis = { host, port: Number(port) };
	const queuing = new Queue(name, { redis });
	const working = new Queue(name, { redis });
	const failedOnWorker = new Promise((resolve) => working.on('failed', resolve));
	working.process(async () => { throw new Error('Unrecognized node type: n8n-nodes-intercom-sync.intercomTrigger'); });
	const job = await queuing.add({ executionId: '1' }, { removeOnFail: Number(keepLastFailed) });
	await failedOnWorker;
	const heard = job.finished().then(() => 'completed', () => 'failed');
	const notHeard = new Promise((resolve) => setTimeout(resolve, Number(heardWithinMs), 'never heard'));
	process.stdout.write(JSON.stringify(await Promise.race([heard, notHeard])));
	process.exit(0);
})().catch((error) => { console.error(error); process.exit(1); });
`;

let folder: string;
let redis: PrivateRedis;

beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'failed-jobs-'));
	redis = await startRedis({ dataDir: folder });
}, 60_000);

afterAll(async () => {
	await redis?.stop();
	await rm(folder, { recursive: true, force: true });
});

async function failBeforeWaiting(keepLastFailed: number): Promise<string> {
	const bullPath = join(n8nInstallDir, 'node_modules', 'bull');
	const args = ['-e', FAIL_BEFORE_WAITING, bullPath, redis.host, String(redis.port), String(keepLastFailed), String(HEARD_WITHIN_MS)];
	const { stdout } = await promisify(execFile)(process.execPath, args, { timeout: 30_000 });
	return JSON.parse(stdout) as string;
}

describe("n8n's queue (Bull) when a worker fails a job before the queuing process waits on it", () => {
	it('with failed jobs kept, the queuing process finds the failure and can fail the run', async () => {
		expect(await failBeforeWaiting(1_000)).toBe('failed');
	});

	it("with n8n's default of keeping none, the failure is never heard: the run would stay running", async () => {
		expect(await failBeforeWaiting(0)).toBe('never heard');
	});
});
