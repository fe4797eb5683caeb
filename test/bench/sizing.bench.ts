/**
 * `npm run bench sizing`: what one event costs on queue mode (main, 2 workers × concurrency 10, a webhook
 * processor, PostgreSQL 17, Redis, all on this machine, lazy isolates as `npm start` runs n8n), for the enrichment
 * flow (a new contact, and one already enriched) and the escalation flow (Todoist added/updated/completed):
 * CPU per n8n role, Redis and PostgreSQL round trips, Intercom requests and the bytes each execution stores,
 * then the sizing that follows (README, Sizing). Prints figures; asserts only that every event ran.
 *
 * Settings (environment): SIZING_EVENTS (per flow, default 300), SIZING_RATE (events/s, default 5),
 * SIZING_INTERCOM_LATENCY_MS (added to every Intercom answer, default 100), SIZING_IDLE_SECONDS (default 20),
 * SIZING_PG_LOG=0 (do not count statements through PostgreSQL's log). Takes about 4 minutes with the defaults.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { startWorkflowEnvironment } from '../e2e/workflows/environment';
import { N8N_VERSION } from '../../scripts/n8n/paths';
import { printGuidance } from './sizing/guidance';
import { measureFlow, measureIdle, warmUp, type Probes } from './sizing/measure';
import { PostgresProbe } from './sizing/postgresProbe';
import { machineDescription } from './sizing/processes';
import { RedisProbe } from './sizing/redisProbe';
import { perEventOf, printBreakdowns, printIdle, printPerEvent } from './sizing/report';
import { enrichmentStream, escalationStream, loadActiveMembers, seedContacts } from './sizing/streams';

function setting(name: string, fallback: number): number {
	const value = Number(process.env[name] ?? fallback);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
	return value;
}

const WARM_UP_EVENTS = 10;
/** Lets the warm-up's after-work (saving, garbage collection) end before the idle window. */
const QUIET_AFTER_WARM_UP_MS = 5_000;
/** Intercom's documented default for a private app: 10,000 calls a minute, enforced per 10-second window. */
const INTERCOM_LIMIT = { limit: 1666, windowMs: 10_000 };

export async function main(): Promise<void> {
	const events = Math.floor(setting('SIZING_EVENTS', 300));
	const rate = setting('SIZING_RATE', 5);
	const latencyMs = setting('SIZING_INTERCOM_LATENCY_MS', 100);
	const idleMs = setting('SIZING_IDLE_SECONDS', 20) * 1000;
	const countStatements = process.env.SIZING_PG_LOG !== '0';

	const env = await startWorkflowEnvironment({
		topology: 'queue',
		n8nEnv: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
		intercom: { latencyMs, rateLimit: INTERCOM_LIMIT },
	});
	const stops: Array<() => Promise<void>> = [];
	try {
		const members = await loadActiveMembers(env, events + WARM_UP_EVENTS);
		const contacts = seedContacts(env, members);
		const redis = await RedisProbe.start(env.n8n);
		stops.push(() => redis.stop());
		const postgres = await PostgresProbe.start(env.n8n, countStatements);
		stops.push(() => postgres.stop());
		const probes: Probes = { n8n: env.n8n, intercom: env.intercom, redis, postgres };

		await warmUp(probes, enrichmentStream(env, contacts.slice(0, WARM_UP_EVENTS), 'warm-up', 'conversation.user.created'), rate);
		await warmUp(probes, escalationStream(env, WARM_UP_EVENTS * 3, 'warm-up'), rate);
		await sleep(QUIET_AFTER_WARM_UP_MS);
		const idle = await measureIdle(probes, idleMs);

		const measured = contacts.slice(WARM_UP_EVENTS);
		const flows = [
			await measureFlow(probes, enrichmentStream(env, measured, 'enrichment', 'conversation.user.created'), rate),
			await measureFlow(probes, enrichmentStream(env, measured, 'enrichment, contact already enriched', 'conversation.user.replied'), rate),
			await measureFlow(probes, escalationStream(env, events, 'escalation (added/updated/completed)'), rate),
		];
		env.intercom.expectNoInvalidRequests();

		const figures = flows.map((flow) => perEventOf(flow));
		console.log(
			`\nSizing figures, n8n ${N8N_VERSION} on queue mode (main, 2 workers × concurrency 10, 1 webhook processor, PostgreSQL 17, Redis 7,` +
				` lazy isolates), all on one machine: ${machineDescription()}.` +
				`\n${events} events per flow at ${rate}/s; the Intercom stand-in answers after ${latencyMs} ms with a limit of ${INTERCOM_LIMIT.limit} per 10 s.` +
				'\nCPU: user + system time of each process with its group and children (n8n with its task runner, Postgres with its backends), from /proc before and after.' +
				'\nRedis: round trips from its slow log at a 0 µs threshold (every command, with client and key); commandstats also counts commands run inside scripts.' +
				`\nPostgres: ${postgres.countsStatements ? 'statements from its log (log_statement = all), ' : ''}transactions and rows from pg_stat_database, bytes from pg_total_relation_size of execution* tables.` +
				'\nPostgres and Redis CPU include the logging this benchmark turns on to count statements (Postgres: about 1 to 2 ms per event; SIZING_PG_LOG=0 leaves it off).' +
				'\nEvery figure is what the window used divided by its events, including what the deployment does on its own meanwhile (see the idle table).',
		);
		printPerEvent(figures, postgres.countsStatements);
		printBreakdowns(figures, postgres.countsStatements);
		printIdle(idle, rate);
		printGuidance(figures);
		const unfinished = flows.filter((flow) => flow.failed + flow.refused > 0);
		if (unfinished.length > 0) throw new Error(`Not every event ran: ${unfinished.map((flow) => `${flow.label}: ${flow.refused} refused, ${flow.failed} failed`).join('; ')}`);
	} finally {
		for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.log(`Stopping a probe: ${(error as Error).message}`));
		await env.stop();
	}
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
