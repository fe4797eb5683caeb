import { createHmac, randomUUID } from 'node:crypto';

import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import { deliverIntercom, deliverTodoist, intercomNotification, todoistEvent } from './deliveries';
import type { WorkflowEnvironment } from './environment';
import { runAloneWhenNamed } from './onEnvironment';
import { expectNoExecution } from './executions';

/** Unsigned or mis-signed deliveries are refused before any execution starts. */
export function describeSignatures(getEnv: () => WorkflowEnvironment): void {
	describe('signed triggers in the published workflows', () => {
		const notification = () =>
			intercomNotification({
				topic: 'conversation.user.created',
				conversationId: '90500',
				author: { id: getEnv().intercom.seed.user({ email: null }).id, type: 'user' },
			});
		const event = () => todoistEvent('item:added', { id: `sig${randomUUID()}`, content: 'Not a bug', labels: [] });

		const intercomCases: Array<[string, (body: Buffer) => string | null]> = [
			['without a signature', () => null],
			['signed with another secret', (body) => `sha1=${createHmac('sha1', 'not-the-secret').update(body).digest('hex')}`],
			['with a SHA-256 signature', (body) => `sha256=${createHmac('sha256', getEnv().secrets.intercomClientSecret).update(body).digest('hex')}`],
		];

		it.each(intercomCases)('Intercom: a notification %s gets 401 and starts no execution', async (_case, sign) => {
			const env = getEnv();
			const body = notification();
			const response = await expectNoExecution(
				env,
				WORKFLOW_IDS.memberSync,
				() => deliverIntercom(env.n8n, env.urls.intercom, body, '', sign(Buffer.from(JSON.stringify(body)))),
				() => deliverIntercom(env.n8n, env.urls.intercom, notification(), env.secrets.intercomClientSecret),
			);
			expect(response.status).toBe(401);
		});

		it('Intercom: a correctly signed body that was changed afterwards gets 401', async () => {
			const env = getEnv();
			const original = Buffer.from(JSON.stringify(notification()));
			const signature = `sha1=${createHmac('sha1', env.secrets.intercomClientSecret).update(original).digest('hex')}`;
			const tampered = JSON.parse(original.toString()) as Record<string, unknown>;
			tampered.topic = 'conversation.user.replied';
			const response = await expectNoExecution(
				env,
				WORKFLOW_IDS.memberSync,
				() => deliverIntercom(env.n8n, env.urls.intercom, tampered, '', signature),
				() => deliverIntercom(env.n8n, env.urls.intercom, notification(), env.secrets.intercomClientSecret),
			);
			expect(response.status).toBe(401);
		});

		const todoistCases: Array<[string, (body: Buffer) => string | null]> = [
			['without a signature', () => null],
			['signed with another secret', (body) => createHmac('sha256', 'not-the-secret').update(body).digest('base64')],
			['with a hex instead of base64 signature', (body) => createHmac('sha256', getEnv().secrets.todoistClientSecret).update(body).digest('hex')],
		];

		it.each(todoistCases)('Todoist: an event %s gets 401 and starts no execution', async (_case, sign) => {
			const env = getEnv();
			const body = event();
			const response = await expectNoExecution(
				env,
				WORKFLOW_IDS.bugEscalation,
				() => deliverTodoist(env.n8n, env.urls.todoist, body, '', { signature: sign(Buffer.from(JSON.stringify(body))) }),
				() => deliverTodoist(env.n8n, env.urls.todoist, event(), env.secrets.todoistClientSecret),
			);
			expect(response.status).toBe(401);
		});
	});
}

runAloneWhenNamed(__filename, describeSignatures);
