/**
 * What a delivery claim costs per request: the in-process coordinator (one n8n) and the Redis one (queue mode,
 * a private redis-server on loopback), one claim at a time and 50 at once. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startRedis } from '../../scripts/n8n/services/redis';
import type { Coordinator } from '../../nodes/common/coordination';
import { InProcessCoordinator } from '../../nodes/common/coordination/inProcess';
import { RedisCoordinator } from '../../nodes/common/coordination/redis';
import { table } from './workflows/stats';

const CLAIMS = 20_000;
const TTL_MS = 24 * 60 * 60 * 1000;

async function perClaimMicroseconds(coordinator: Coordinator, parallel: number): Promise<number> {
	const run = `${Date.now()}`;
	let next = 0;
	const worker = async () => {
		while (next < CLAIMS) {
			const key = `bench:${run}:${next++}`;
			// Two keys, as the Todoist Trigger claims (delivery id and body digest).
			await coordinator.claim([`${key}:id`, `${key}:body`], TTL_MS);
		}
	};
	const started = process.hrtime.bigint();
	await Promise.all(Array.from({ length: parallel }, worker));
	return Number(process.hrtime.bigint() - started) / 1000 / CLAIMS;
}

export async function main(): Promise<void> {
	const folder = mkdtempSync(join(tmpdir(), 'bench-redis-'));
	const redis = await startRedis({ dataDir: folder });
	const shared = new RedisCoordinator({ host: redis.host, port: redis.port }, 'bench:');
	try {
		const rows = [['coordinator', 'one at a time', '50 at once']];
		for (const [label, coordinator] of [['in-process (one n8n)', new InProcessCoordinator()], ['Redis (queue mode)', shared]] as const) {
			await perClaimMicroseconds(coordinator, 1); // warm-up
			const serial = await perClaimMicroseconds(coordinator, 1);
			const parallel = await perClaimMicroseconds(coordinator, 50);
			rows.push([label, `${serial.toFixed(1)} µs/claim`, `${parallel.toFixed(1)} µs/claim`]);
		}
		console.log(`\nDelivery claim cost (${CLAIMS} claims of two keys each, wall time per claim):`);
		table(rows);
	} finally {
		await shared.close();
		await redis.stop();
		rmSync(folder, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
