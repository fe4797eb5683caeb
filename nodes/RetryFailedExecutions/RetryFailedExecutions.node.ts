import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../common/credentialTypes';
import { n8nApiCredentialTest } from '../common/credentialTests/n8nApi';
import { N8nApi } from './actions/n8nApi';
import { retryFailedExecutions } from './actions/retryFailed';

const MINUTE = 60_000;

export class RetryFailedExecutions implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Retry Failed Executions',
		name: 'retryFailedExecutions',
		icon: { light: 'file:retryFailedExecutions.svg', dark: 'file:retryFailedExecutions.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "Up to " + $parameter.maxRetries + " retries" }}',
		description: 'Run failed executions again once the service they could not reach answers, with n8n’s own retry',
		defaults: { name: 'Retry Failed Executions' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPES.n8nApi, required: true, testedBy: 'n8nApiCredentialTest' }],
		properties: [
			{
				displayName:
					'Runs once per execution, whatever it receives. Executions that failed because a service was unreachable, timed out, was overloaded, or because n8n stopped mid-run, are retried from the step that failed; failures caused by data or settings are only reported (Needs Person).',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Workflow IDs',
				name: 'workflowIds',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'intercomSyncMembers, intercomSyncTodoistBugs',
				description: 'The workflows whose failed executions to retry, separated by commas. A workflow’s ID is in its address: …/workflow/&lt;ID&gt;.',
			},
			{
				displayName: 'Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: 5,
				description: 'How many times one failed execution is run again before it is left for a person',
			},
			{
				displayName: 'First Retry After (Minutes)',
				name: 'firstWaitMinutes',
				type: 'number',
				typeOptions: { minValue: 0.1, numberPrecision: 1 },
				default: 1,
				description: 'How long after a failure the first retry is made; each further retry waits twice as long',
			},
			{
				displayName: 'Longest Wait (Minutes)',
				name: 'longestWaitMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: 'The doubling waits between retries stop growing at this',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Look Back (Hours)',
						name: 'lookBackHours',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 24,
						description: 'Failures older than this are left alone',
					},
					{
						displayName: 'Webhook Base URL',
						name: 'webhookBaseUrl',
						type: 'string',
						default: '',
						placeholder: 'http://n8n-webhooks:5678',
						description:
							'Where this n8n answers production webhooks, when that is not the address in the credential (on queue mode: the webhook processors). A run whose worker died lost its data in n8n; its delivery is sent here again.',
					},
					{
						displayName: 'Use the Original Workflow Version',
						name: 'originalWorkflow',
						type: 'boolean',
						default: false,
						description: 'Whether to retry with the workflow as it was when the execution failed, instead of as it is saved now',
					},
				],
			},
		],
	};

	methods = { credentialTest: { n8nApiCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const workflowIds = String(this.getNodeParameter('workflowIds', 0))
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
		if (workflowIds.length === 0) {
			throw new NodeOperationError(this.getNode(), 'No workflow to look at', { description: 'Enter the IDs of the workflows whose failed executions to retry in Workflow IDs.' });
		}
		const options = this.getNodeParameter('options', 0, {}) as { lookBackHours?: number; originalWorkflow?: boolean; webhookBaseUrl?: string };
		const firstWaitMs = Number(this.getNodeParameter('firstWaitMinutes', 0)) * MINUTE;
		const credentials = await this.getCredentials<{ baseUrl: string }>(CREDENTIAL_TYPES.n8nApi);
		const rows = await retryFailedExecutions(this, new N8nApi(this, credentials.baseUrl), {
			workflowIds,
			maxRetries: Number(this.getNodeParameter('maxRetries', 0)),
			firstWaitMs,
			longestWaitMs: Math.max(firstWaitMs, Number(this.getNodeParameter('longestWaitMinutes', 0)) * MINUTE),
			lookBackMs: (options.lookBackHours ?? 24) * 60 * MINUTE,
			currentWorkflow: !options.originalWorkflow,
			webhookBaseUrl: (options.webhookBaseUrl ?? '').trim(),
		});
		// One run for the whole input: every row pairs with the item that started it.
		return [rows.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}
