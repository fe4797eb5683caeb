/**
 * The Intercom Trigger's own `webhook()` per 5 KB request, in process: signature check, parse, delivery claim and output item,
 * with a context that hands over what n8n would (raw body, headers, credential, parameters). Compared with the
 * floor: one HMAC-SHA1 of the same bytes.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { IWebhookFunctions } from 'n8n-workflow';

import type { IntercomTrigger as IntercomTriggerClass } from '../../../nodes/IntercomTrigger/IntercomTrigger.node';
import { signedNotification } from './payload';
import { table } from './stats';

const BENCH_SECRET = 'bench-intercom-client-secret';

const PARAMETERS: Record<string, unknown> = {
	listenTo: 'selected',
	topics: ['conversation.user.created', 'conversation.user.replied', 'conversation_part.tag.created'],
	options: {},
};

function contextFor(body: Buffer, signature: string): IWebhookFunctions {
	const answered = { status: () => ({ send: () => ({ end: () => undefined }) }) };
	let calls = 0;
	const context = {
		getNode: () => ({ name: 'Intercom Trigger', id: 'bench-trigger' }),
		getMode: () => 'webhook',
		// A workflow of its own per call: the same notification is then new each time, so every call takes the
		// full path, its delivery claim (in-process, as on one n8n) included.
		getWorkflow: () => ({ id: `bench-${++calls}` }),
		getWebhookName: () => 'default',
		getCredentials: async () => ({ webhookClientSecret: BENCH_SECRET }),
		getRequestObject: () => ({ method: 'POST', rawBody: body }),
		getHeaderData: () => ({ 'x-hub-signature': signature, 'content-type': 'application/json' }),
		getNodeParameter: (name: string, fallback?: unknown) => PARAMETERS[name] ?? fallback,
		getResponseObject: () => answered,
		logger: { warn: () => undefined, info: () => undefined, debug: () => undefined, error: () => undefined },
	};
	return context as unknown as IWebhookFunctions;
}

async function timePerCall(iterations: number, call: () => unknown): Promise<number> {
	for (let i = 0; i < Math.min(2_000, iterations); i++) await call(); // warm-up: JIT and caches
	const start = performance.now();
	for (let i = 0; i < iterations; i++) await call();
	return (performance.now() - start) / iterations;
}

export async function measureWebhookCost(iterations = 20_000): Promise<{ perCallMs: number; hmacMs: number }> {
	// Named with its extension: plain resolution would pick the codex file IntercomTrigger.node.json first.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { IntercomTrigger } = require(join(__dirname, '../../../nodes/IntercomTrigger/IntercomTrigger.node.ts')) as {
		IntercomTrigger: typeof IntercomTriggerClass;
	};
	const trigger = new IntercomTrigger();
	const { body, signature } = signedNotification(BENCH_SECRET, '6000000000000000000000001', '90001');
	const context = contextFor(body, signature);

	const result = await trigger.webhook.call(context);
	if (!result.workflowData?.[0]?.[0]?.json.notificationId) {
		throw new Error(`The benchmark request did not start a run: ${JSON.stringify(result).slice(0, 200)}`);
	}

	const perCallMs = await timePerCall(iterations, () => trigger.webhook.call(context));
	const hmacMs = await timePerCall(iterations, () => createHmac('sha1', BENCH_SECRET).update(body).digest('hex'));

	console.log(`\nIntercom Trigger webhook() in process, ${body.length}-byte signed notification, ${iterations} calls:`);
	table([
		['', 'per request', 'goal'],
		['webhook()', `${(perCallMs * 1000).toFixed(1)} µs`, '≤ 200 µs'],
		['HMAC-SHA1 alone (floor)', `${(hmacMs * 1000).toFixed(1)} µs`, ''],
	]);
	return { perCallMs, hmacMs };
}
