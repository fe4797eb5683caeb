/**
 * Acknowledgement next to what a user would build instead: n8n's Webhook node with Header Auth reads a stored
 * credential on every request, as a trigger that checks signatures must. One-step workflows (a No-Op behind
 * each) take turns under the same load: the bare Webhook node, the Webhook node with Header Auth, the Intercom
 * Trigger, and the bare Webhook node again, which shows how far two identical workflows read apart in the same
 * run. Under n8n's defaults and with lazy isolates. Then each alone while n8n counts the expression isolates it
 * hands out per request (its credential read and webhook phase show there).
 * Run: `npm run bench ack-header-auth` (about 22 minutes).
 */
import { randomBytes } from 'node:crypto';

import { startWorkflowEnvironment } from '../e2e/workflows/environment';
import { fire, loadInTurns, referenceWorkflow, triggerWorkflow, type Target } from './workflows/ack';
import { isolatesPerRequest, METRICS_ENV } from './workflows/isolatesPerRequest';
import { uniqueSignedNotifications } from './workflows/payload';
import { ms, ratio, table } from './workflows/stats';

// Short rounds, many of them: the targets take turns often, so a slow spell of the machine falls on all of them.
// (Four rounds of 6 s left identical workflows up to 8 % apart in req/s and 33 % in p99 at 10 connections.)
const ROUNDS = 24;
const SECONDS = 3;
const HEADER = 'x-api-key';
// After the turns, each workflow alone for this long while n8n counts the isolates it hands out.
const ISOLATE_COUNT_SECONDS = 5;

const SETTINGS: Array<{ label: string; env: Record<string, string> }> = [
	{ label: 'n8n defaults', env: {} },
	{ label: 'lazy isolates', env: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' } },
];

async function measure(settings: (typeof SETTINGS)[number], rounds: number): Promise<string[][]> {
	const env = await startWorkflowEnvironment({ n8nEnv: { ...METRICS_ENV, ...settings.env } });
	try {
		const key = randomBytes(24).toString('base64url');
		await env.n8n.createCredential({ name: 'Bench header key', type: 'httpHeaderAuth', data: { name: HEADER, value: key } });
		const url = async (workflow: Parameters<typeof env.n8n.importWorkflow>[0]) =>
			(await env.n8n.importWorkflow(workflow)).webhooks.find((hook) => hook.method === 'POST')!.url;
		const targets: Target[] = [
			{ label: 'Webhook (no auth)', url: await url(referenceWorkflow()) },
			{ label: 'Webhook + Header Auth', url: await url(referenceWorkflow('Bench header key')), headers: { [HEADER]: key } },
			{ label: 'Intercom Trigger', url: await url(triggerWorkflow()) },
			// The bare Webhook node again, as its own workflow: how far two identical workflows differ in this run.
			{ label: 'bare Webhook again (same flow)', url: await url(referenceWorkflow()) },
		];
		const bodies = uniqueSignedNotifications(env.secrets.intercomClientSecret, '6000000000000000000000fff', '95000');
		for (const target of targets) await fire(target, bodies, 1, 3); // warm-up
		const rows: string[][] = [];
		for (const connections of [1, 10]) {
			const sums = await loadInTurns(targets, bodies, connections, rounds, SECONDS);
			const [bare, headerAuth] = sums;
			const isolates = await isolatesPerRequest(env.n8n.baseUrl, targets, bodies, connections, ISOLATE_COUNT_SECONDS);
			for (const [index, target] of targets.entries()) {
				const own = sums[index];
				rows.push([
					index === 0 ? `${settings.label} @${connections}` : '',
					target.label,
					own.rps.toFixed(1),
					ms(own.p50),
					ms(own.p99),
					`${ratio(own.rps, bare.rps)} / ${ratio(own.p99, bare.p99)}`,
					index === targets.length - 1 ? '' : `${ratio(own.rps, headerAuth.rps)} / ${ratio(own.p99, headerAuth.p99)}`,
					isolates[index].toFixed(2),
				]);
			}
		}
		return rows;
	} finally {
		await env.stop();
	}
}

/** Every setting at ROUNDS rounds by default; a longer run of one setting narrows what the ratios can resolve. */
export async function main(settingLabels = SETTINGS.map((settings) => settings.label), rounds = ROUNDS): Promise<void> {
	const rows = [['settings', 'workflow', 'req/s', 'p50', 'p99', 'req/s / p99 vs bare', 'vs Header Auth', 'isolates/request']];
	for (const settings of SETTINGS.filter(({ label }) => settingLabels.includes(label))) rows.push(...(await measure(settings, rounds)));
	console.log(`\nAcknowledgement, ${rounds}×${SECONDS} s per point, every request a new signed notification (goals: ≥ 0.95× req/s and ≤ 1.10× p99 next to the bare Webhook node with lazy isolates; at least parity with Header Auth under the defaults):`);
	table(rows);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
