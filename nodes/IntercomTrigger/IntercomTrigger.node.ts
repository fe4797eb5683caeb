import {
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../common/credentialTypes';
import { intercomCredentialTest } from '../common/credentialTests/intercom';
import { journalDelivery } from '../common/deliveryJournal';
import { claimDelivery, deliveryClaims, ignoreRepeatedDeliveriesProperty } from '../common/repeatedDeliveries';
import { answerIfEcho, ignoreSyncEchoesProperty } from '../common/syncEchoes';
import { answerWithoutRun, receiveSignedJson, type SigningScheme } from '../common/signedWebhook';
import { isSelected, listenToProperty, manualSetupLifecycle } from '../common/triggerSetup';
import { verifyIntercomSignature } from '../common/webhookSignature';
import { TRIGGER_VERSIONS } from '../common/webhookWithoutEngine';
import { isIntercomNotification, ticketChange, toOutputItem } from './helpers/notification';
import { SYNC_TOPICS, TOPIC_OPTIONS } from './helpers/topics';

const INTERCOM_SIGNING: SigningScheme = {
	service: 'Intercom',
	credentialType: CREDENTIAL_TYPES.intercom,
	secretField: 'webhookClientSecret',
	signatureHeader: 'x-hub-signature',
	verify: verifyIntercomSignature,
	secretHint:
		'Copy the client secret from the Intercom Developer Hub (your app → Basic information) into Webhook Client Secret in the credential.',
};

export class IntercomTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Intercom Trigger',
		name: 'intercomTrigger',
		icon: 'file:intercom.svg',
		group: ['trigger'],
		...TRIGGER_VERSIONS,
		subtitle: '={{$parameter["listenTo"] === "all" ? "All topics" : $parameter["topics"].join(", ")}}',
		description: 'Starts the workflow when Intercom sends a signed webhook notification',
		defaults: { name: 'Intercom Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPES.intercom, required: true, testedBy: 'intercomCredentialTest' }],
		webhooks: [
			// Intercom checks a new endpoint URL with a HEAD request before it saves it.
			{ name: 'setup', httpMethod: 'HEAD', responseMode: 'onReceived', path: 'webhook' },
			// Acknowledge at once (Intercom prefers endpoints that answer within 500 ms) with an empty 200;
			// without responseData n8n would answer with the literal text "firstEntryJson".
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'Intercom has no API for webhook subscriptions, so set this one up by hand: in the Intercom Developer Hub open your app → Webhooks, paste the Production URL shown above under "Webhook URLs" as the endpoint URL, tick the same topics as below and save. The credential\'s Webhook Client Secret (the app\'s client secret, under Basic information) makes sure only requests signed by Intercom start the workflow.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			listenToProperty({ service: 'Intercom', plural: 'Topics', singular: 'notification' }),
			{
				displayName: 'Topics',
				name: 'topics',
				type: 'multiOptions',
				required: true,
				default: [...SYNC_TOPICS],
				description:
					'Notifications that start the workflow. Subscribe to the same topics in the Developer Hub, or Intercom never sends them.',
				displayOptions: { show: { listenTo: ['selected'] } },
				options: TOPIC_OPTIONS,
			},
			ignoreRepeatedDeliveriesProperty('Intercom', 'the same notification ID'),
			ignoreSyncEchoesProperty('the Intercom Ticket node (a ticket closed or reopened because of its Todoist task)'),
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Run on Ping',
						name: 'runOnPing',
						type: 'boolean',
						default: false,
						description:
							'Whether the ping Intercom sends from the Developer Hub ("Send a test request") starts the workflow. Off: pings are answered and ignored.',
					},
				],
			},
		],
	};

	methods = { credentialTest: { intercomCredentialTest } };

	webhookMethods = {
		default: manualSetupLifecycle('Intercom', 'the Developer Hub (your app → Webhooks)'),
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (this.getWebhookName() === 'setup') {
			// Intercom's URL check carries no body and no signature; it only needs a 200.
			return answerWithoutRun(this, 200, 'OK');
		}

		const received = await receiveSignedJson(this, INTERCOM_SIGNING);
		if ('response' in received) return received.response;

		const notification = received.payload;
		if (!isIntercomNotification(notification)) {
			return answerWithoutRun(this, 400, 'The body is not an Intercom notification');
		}

		if (notification.topic === 'ping') {
			const { runOnPing } = this.getNodeParameter('options', {}) as { runOnPing?: boolean };
			if (!runOnPing) return answerWithoutRun(this, 200, 'Ping received');
		} else if (!isSelected(this, 'topics', notification.topic)) {
			return answerWithoutRun(this, 200, `Topic ${notification.topic} is not selected in this trigger`);
		}

		const ids = typeof notification.id === 'string' && notification.topic !== 'ping' ? [`notification:${notification.id}`] : [];
		if (ids.length > 0) {
			const repeated = await claimDelivery(this, 'Intercom', ids);
			if (repeated) return repeated;
		}
		const echo = await answerIfEcho(this, 'Intercom', ticketChange(notification));
		if (echo) return echo;
		await journalDelivery(this, received.rawBody, deliveryClaims(this, ids));
		return { workflowData: [[{ json: toOutputItem(notification) }]] };
	}
}
