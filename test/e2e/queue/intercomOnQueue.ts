/** A queue-mode n8n with one Intercom Trigger → No-Op workflow, as both queue-only test files need it. */
import { PACKAGE_NAME, startN8n, triggerThenNoOp, type N8nInstance, type PublishedWorkflow, type StartN8nOptions } from '../../support/n8n';
import { knownAnswers } from '../../support/webhookFixtures';

export async function startQueueWithIntercomTrigger(
	name: string,
	options: Pick<StartN8nOptions, 'workers' | 'withoutPackage'> = {},
): Promise<{ n8n: N8nInstance; flow: PublishedWorkflow }> {
	const n8n = await startN8n({
		topology: 'queue',
		...options,
		credentials: [
			{
				name: 'Intercom test app',
				type: 'intercomSyncApi',
				// Nothing here calls Intercom's API: the address refuses connections.
				data: { accessToken: 'unused', region: 'custom', baseUrl: 'http://127.0.0.1:9', apiVersion: '2.14', webhookClientSecret: knownAnswers.secret },
			},
		],
	});
	try {
		const flow = await n8n.importWorkflow(
			triggerThenNoOp(name, {
				type: `${PACKAGE_NAME}.intercomTrigger`,
				typeVersion: 1.1,
				parameters: { listenTo: 'selected', topics: ['conversation.user.created'] },
				credentials: { intercomSyncApi: 'Intercom test app' },
			}),
		);
		return { n8n, flow };
	} catch (error) {
		await n8n.stop();
		throw error;
	}
}
