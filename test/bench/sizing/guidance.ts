/**
 * Sizing from the per-event figures: for an event rate, what each part of a queue-mode deployment needs, and
 * which limit comes first. The rules (README, Sizing):
 * - Intercom: requests/s = rate × requests per event, against the app's limit per 10-second window;
 * - CPU: an n8n process runs its executions on one JavaScript thread, so plan about 0.7 of a core per worker
 *   and per webhook processor: processes = rate × CPU per event / 700 ms;
 * - worker concurrency: executions in flight = rate × execution time (Little's law, with the p95); each
 *   worker's `--concurrency` twice its share, at least n8n's default 10;
 * - PostgreSQL: statements/s and CPU; one core of it carries 1,000 ms / its CPU per event events/s;
 * - storage: bytes per execution × the executions n8n keeps (it prunes to 10,000 by default).
 */
import { table } from '../workflows/stats';
import type { PerEvent } from './report';

/** Intercom's limit per 10-second window: 10,000/min (its documented default for private apps) and lower ones. */
export const INTERCOM_LIMITS_PER_10S = [1666, 1000, 167];
export const RATES = [10, 50, 100];
/** Of one core, what an n8n process should use at most, leaving room for bursts and garbage collection. */
export const CORE_SHARE = 0.7;
export const MIN_CONCURRENCY = 10;
/** n8n's EXECUTIONS_DATA_PRUNE_MAX_COUNT default. */
const KEPT_EXECUTIONS = 10_000;

export interface Plan {
	rate: number;
	intercomPer10s: number;
	workerCores: number;
	workers: number;
	webhookProcessors: number;
	inFlight: number;
	concurrency: number;
	postgresStatementsPerSecond: number;
	postgresCores: number;
	redisPerSecond: number;
	storagePerDay: number;
}

export function planFor(figure: PerEvent, rate: number): Plan {
	const workerCores = (rate * figure.cpu.workers) / 1000;
	const workers = Math.max(1, Math.ceil(workerCores / CORE_SHARE));
	const inFlight = (rate * figure.durationP95) / 1000;
	return {
		rate,
		intercomPer10s: rate * figure.intercom * 10,
		workerCores,
		workers,
		webhookProcessors: Math.max(1, Math.ceil((rate * figure.cpu.webhook) / 1000 / CORE_SHARE)),
		inFlight,
		concurrency: Math.max(MIN_CONCURRENCY, Math.ceil((2 * inFlight) / workers)),
		postgresStatementsPerSecond: rate * figure.pgStatements,
		postgresCores: (rate * figure.cpu.PostgreSQL) / 1000,
		redisPerSecond: rate * figure.redisRoundTrips,
		storagePerDay: rate * 86_400 * figure.diskBytes,
	};
}

/** Events per second at which each limit is reached. */
export function ceilings(figure: PerEvent): { intercom: number[]; perWorker: number; perWebhookProcessor: number; perPostgresCore: number } {
	return {
		intercom: INTERCOM_LIMITS_PER_10S.map((limit) => limit / 10 / figure.intercom),
		perWorker: (CORE_SHARE * 1000) / figure.cpu.workers,
		perWebhookProcessor: (CORE_SHARE * 1000) / figure.cpu.webhook,
		perPostgresCore: 1000 / figure.cpu.PostgreSQL,
	};
}

const gib = (bytes: number) => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`);
const rateText = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

export function printGuidance(figures: PerEvent[]): void {
	const rows = [['flow', 'events/s', 'Intercom req per 10 s', 'worker CPU', 'workers', 'webhook procs', 'in flight', '--concurrency', 'PG stmts/s', 'PG CPU', 'Redis ops/s', 'stored per day']];
	for (const figure of figures) {
		for (const rate of RATES) {
			const plan = planFor(figure, rate);
			rows.push([
				figure.label,
				String(rate),
				`${plan.intercomPer10s.toFixed(0)} (${((plan.intercomPer10s / INTERCOM_LIMITS_PER_10S[0]) * 100).toFixed(0)} % of 1,666)`,
				`${plan.workerCores.toFixed(2)} cores`,
				String(plan.workers),
				String(plan.webhookProcessors),
				plan.inFlight.toFixed(1),
				String(plan.concurrency),
				plan.postgresStatementsPerSecond.toFixed(0),
				`${plan.postgresCores.toFixed(2)} cores`,
				plan.redisPerSecond.toFixed(0),
				gib(plan.storagePerDay),
			]);
		}
	}
	console.log(
		`\nSizing from these figures (workers and webhook processors at ${CORE_SHARE * 100} % of a core each; in flight = events/s × execution p95;` +
			` --concurrency = twice each worker's share, at least ${MIN_CONCURRENCY}; stored per day if nothing were pruned):`,
	);
	table(rows);

	const limitRows = [['flow', ...INTERCOM_LIMITS_PER_10S.map((limit) => `Intercom at ${limit}/10 s`), 'per worker', 'per webhook processor', 'per Postgres core', `${KEPT_EXECUTIONS.toLocaleString('en')} kept executions`]];
	for (const figure of figures) {
		const limits = ceilings(figure);
		limitRows.push([
			figure.label,
			...limits.intercom.map((value) => `${rateText(value)}/s`),
			`${rateText(limits.perWorker)}/s`,
			`${rateText(limits.perWebhookProcessor)}/s`,
			`${rateText(limits.perPostgresCore)}/s`,
			gib(KEPT_EXECUTIONS * figure.diskBytes),
		]);
	}
	console.log('\nWhere each limit is reached, in events per second (Intercom: per app; CPU: per process, add processes to go further):');
	table(limitRows);
	console.log(
		"The nodes' Concurrency option limits the requests one node has in flight for the items of one execution; every event here is one item," +
			' so it changes nothing for these flows (it matters for the backfill, 150 contacts per execution).',
	);
}
