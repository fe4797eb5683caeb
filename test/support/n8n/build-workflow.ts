import { randomUUID } from 'node:crypto';

import type { WorkflowJson } from '../../../scripts/n8n/workflows';

export interface TriggerSpec {
	/** Full type name, e.g. `n8n-nodes-intercom-sync.intercomTrigger`. */
	type: string;
	parameters?: Record<string, unknown>;
	/** Credential type → credential name; n8n resolves the name to the stored credential on import. */
	credentials?: Record<string, string>;
	typeVersion?: number;
}

/**
 * A two-node workflow: the trigger, and a No-Op after it whose output shows exactly what the trigger emitted.
 * The trigger gets an explicit webhookId, as every trigger in `workflows/*.json` must, so its URL is stable.
 */
export function triggerThenNoOp(name: string, trigger: TriggerSpec, webhookId: string = randomUUID()): WorkflowJson {
	const triggerName = 'Trigger';
	const noOpName = 'Received';
	return {
		name,
		nodes: [
			{
				id: randomUUID(),
				name: triggerName,
				type: trigger.type,
				typeVersion: trigger.typeVersion ?? 1,
				position: [0, 0],
				webhookId,
				parameters: trigger.parameters ?? {},
				...(trigger.credentials
					? {
							credentials: Object.fromEntries(
								Object.entries(trigger.credentials).map(([type, credentialName]) => [type, { id: null, name: credentialName }]),
							),
						}
					: {}),
			},
			{ id: randomUUID(), name: noOpName, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { [triggerName]: { main: [[{ node: noOpName, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}
