/**
 * Per-event figures: everything a flow's window used divided by its events. The window includes what the
 * deployment does on its own meanwhile (timers, queue polling, statistics flushes, Postgres's autovacuum of the
 * rows the events wrote); the idle table shows that share. Subtracting an idle window instead proved unsound:
 * part of the "idle" work is the events' own deferred work, and it came in bursts a window caught or missed.
 */
import { ms, percentile, table } from '../workflows/stats';
import type { FlowFigures, Window } from './measure';
import { ROLE_LABELS, ROLES, type Role } from './processes';
import { sumWhere } from './redisProbe';

export interface PerEvent {
	label: string;
	/** CPU ms per event by role. */
	cpu: Record<Role, number>;
	cpuTotal: number;
	redisRoundTrips: number;
	redisOurs: number;
	redisQueue: number;
	/** Round trips by `role|category|COMMAND`. */
	redisDetail: Map<string, number>;
	redisInsideScripts: number;
	redisCommandstats: number;
	pgStatements: number;
	/** Statements by `role|kind`. */
	pgDetail: Map<string, number>;
	pgTransactions: number;
	pgRowsWritten: number;
	intercom: number;
	intercomDetail: Map<string, number>;
	throttled: number;
	/** Growth of the execution tables on disk, per execution. */
	diskBytes: number;
	/** Stored size of one execution's rows: run data, workflow copy, execution row. */
	rowBytes: number;
	durationP50: number;
	durationP95: number;
	ackP50: number;
	ackP99: number;
	flow: FlowFigures;
}

const total = (map: Map<string, number>) => sumWhere(map, () => true);

export function perEventOf(flow: FlowFigures): PerEvent {
	const perEvent = (map: Map<string, number>) => new Map([...map].map(([key, count]) => [key, count / flow.events]));
	const cpu = Object.fromEntries(ROLES.map((role) => [role, flow.cpu[role] / flow.events])) as Record<Role, number>;
	const redisDetail = perEvent(flow.redis.roundTrips);
	const pgDetail = perEvent(flow.postgres.statements);
	return {
		label: flow.label,
		cpu,
		cpuTotal: ROLES.reduce((sum, role) => sum + cpu[role], 0),
		redisRoundTrips: total(redisDetail),
		redisOurs: sumWhere(redisDetail, (key) => key.includes('|ours: ')),
		redisQueue: sumWhere(redisDetail, (key) => key.includes('|n8n queue|')),
		redisDetail,
		redisInsideScripts: total(flow.redis.insideScripts) / flow.events,
		redisCommandstats: total(flow.redis.commandstats) / flow.events,
		pgStatements: total(pgDetail),
		pgDetail,
		pgTransactions: flow.postgres.transactions / flow.events,
		pgRowsWritten: flow.postgres.rowsWritten / flow.events,
		intercom: total(flow.intercom) / flow.events,
		intercomDetail: perEvent(flow.intercom),
		throttled: flow.throttled,
		diskBytes: flow.postgres.executionTableBytes / Math.max(1, flow.stored.count),
		rowBytes: flow.stored.runData + flow.stored.workflowCopy + flow.stored.entityRow,
		durationP50: percentile(flow.durationMs, 50),
		durationP95: percentile(flow.durationMs, 95),
		ackP50: percentile(flow.ackMs, 50),
		ackP99: percentile(flow.ackMs, 99),
		flow,
	};
}

const n = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Sum per event of the detail keys whose part `index` (split on `|`) equals `value`. */
function part(detail: Map<string, number>, index: number, value: string): number {
	return sumWhere(detail, (key) => key.split('|')[index] === value);
}

export function printPerEvent(figures: PerEvent[], countsStatements: boolean): void {
	const rows: string[][] = [['per event', ...figures.map((figure) => figure.label)]];
	const add = (label: string, value: (figure: PerEvent) => string) => rows.push([label, ...figures.map(value)]);
	add('events sent / executions ok / failed', (f) => `${f.flow.events} / ${f.flow.succeeded} / ${f.flow.failed + f.flow.refused}`);
	for (const role of ROLES) add(`CPU ms, ${ROLE_LABELS[role]}`, (f) => n(f.cpu[role]));
	add('CPU ms, all', (f) => n(f.cpuTotal));
	add('Redis round trips', (f) => n(f.redisRoundTrips));
	add('  of them ours (n8n-nodes-intercom-sync:)', (f) => n(f.redisOurs, 2));
	add("  n8n's queue (bull:) / n8n's other", (f) => `${n(f.redisQueue)} / ${n(f.redisRoundTrips - f.redisOurs - f.redisQueue)}`);
	add('  from webhook / workers / main', (f) => ['webhook', 'workers', 'main'].map((role) => n(part(f.redisDetail, 0, role))).join(' / '));
	add('Redis commands incl. inside scripts (commandstats)', (f) => n(f.redisCommandstats));
	if (countsStatements) {
		add('Postgres statements (round trips)', (f) => n(f.pgStatements));
		add('  from webhook / workers / main', (f) => ['webhook', 'workers', 'main'].map((role) => n(part(f.pgDetail, 0, role))).join(' / '));
	}
	add('Postgres transactions / rows written', (f) => `${n(f.pgTransactions)} / ${n(f.pgRowsWritten)}`);
	add('Intercom requests (429s in all)', (f) => `${n(f.intercom, 2)} (${f.throttled})`);
	add('stored per execution: disk growth / its rows', (f) => `${kib(f.diskBytes)} / ${kib(f.rowBytes)}`);
	add('  rows: run data + workflow copy + execution row', (f) => `${kib(f.flow.stored.runData)} + ${kib(f.flow.stored.workflowCopy)} + ${n(f.flow.stored.entityRow, 0)} B`);
	add('execution time p50 / p95 (n8n)', (f) => `${ms(f.durationP50)} / ${ms(f.durationP95)}`);
	add('webhook answered p50 / p99', (f) => `${ms(f.ackP50)} / ${ms(f.ackP99)}`);
	table(rows);
}

/** Per-event counts of every key over the flows, biggest first; keys below `floor` in every flow left out. */
function detailTable(title: string, figures: PerEvent[], detail: (figure: PerEvent) => Map<string, number>, floor = 0.05): void {
	const keys = new Set(figures.flatMap((figure) => [...detail(figure).keys()]));
	const ranked = [...keys]
		.map((key) => ({ key, values: figures.map((figure) => detail(figure).get(key) ?? 0) }))
		.filter(({ values }) => values.some((value) => value >= floor))
		.sort((a, b) => Math.max(...b.values) - Math.max(...a.values));
	console.log(`\n${title}`);
	table([['', ...figures.map((figure) => figure.label)], ...ranked.map(({ key, values }) => [key.replace(/\|/g, ' · '), ...values.map((value) => n(value, 2))])]);
}

export function printBreakdowns(figures: PerEvent[], countsStatements: boolean): void {
	detailTable('Intercom requests per event, by endpoint:', figures, (figure) => figure.intercomDetail, 0.005);
	detailTable('Redis round trips per event, by process · whose key · command:', figures, (figure) => figure.redisDetail);
	if (countsStatements) {
		detailTable('Postgres statements per event, by process · statement:', figures, (figure) => figure.pgDetail);
	}
}

export function printIdle(idle: Window, rate: number): void {
	const perSecond = (value: number) => (value * 1000) / idle.ms;
	const rows = [['with no events', 'per second', `per event at ${rate}/s`]];
	const add = (label: string, value: number) => rows.push([label, n(perSecond(value)), n(perSecond(value) / rate)]);
	for (const role of ROLES) add(`CPU ms, ${ROLE_LABELS[role]}`, idle.cpu[role]);
	add('Redis round trips', total(idle.redis.roundTrips));
	add('Postgres statements', total(idle.postgres.statements));
	console.log(`\nWhat the deployment does with no events (${(idle.ms / 1000).toFixed(0)} s), included in the figures above in the share shown:`);
	table(rows);
	if (idle.redis.lost > 0) console.log(`Redis slow log: ${idle.redis.lost} entries rolled off unread`);
}
