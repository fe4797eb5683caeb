import {
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { CREDENTIAL_TYPES } from '../common/credentialTypes';
import { journalDelivery } from '../common/deliveryJournal';
import { bodyDigest, claimDelivery, deliveryClaims, ignoreRepeatedDeliveriesProperty } from '../common/repeatedDeliveries';
import { answerIfEcho, ignoreSyncEchoesProperty } from '../common/syncEchoes';
import { answerWithoutRun, receiveSignedJson, type SigningScheme } from '../common/signedWebhook';
import { isSelected, listenToProperty, manualSetupLifecycle } from '../common/triggerSetup';
import { verifyTodoistSignature } from '../common/webhookSignature';
import { TRIGGER_VERSIONS } from '../common/webhookWithoutEngine';
import { todoistCredentialTest } from '../common/credentialTests/todoist';
import { EVENT_OPTIONS, isTodoistEvent, taskChange, toOutputItem } from './helpers/events';

const TODOIST_SIGNING: SigningScheme = {
	service: 'Todoist',
	credentialType: CREDENTIAL_TYPES.todoist,
	secretField: 'appClientSecret',
	signatureHeader: 'x-todoist-hmac-sha256',
	verify: verifyTodoistSignature,
	secretHint:
		'Copy the client secret from the Todoist App Management Console (your app) into App Client Secret in the credential.',
};

export class TodoistTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Todoist Trigger',
		name: 'todoistTrigger',
		icon: 'file:todoist.svg',
		group: ['trigger'],
		...TRIGGER_VERSIONS,
		subtitle: '={{$parameter["listenTo"] === "all" ? "All events" : $parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Todoist sends a signed webhook event',
		defaults: { name: 'Todoist Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPES.todoist, required: true, testedBy: 'todoistCredentialTest' }],
		// Acknowledge at once with an empty 200, so Todoist does not time out and redeliver; without responseData
		// n8n would answer with the literal text "firstEntryJson".
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'Todoist has no API for webhook subscriptions, so set this one up by hand: in the Todoist App Management Console open your app, paste the Production URL shown above under "Webhook URLs" as the Webhook callback URL, tick the same events as below and activate the webhook. Todoist only sends events for people who connected the app through OAuth, and the credential\'s App Client Secret (the app\'s client secret) makes sure only requests signed by Todoist start the workflow.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			listenToProperty({ service: 'Todoist', plural: 'Events', singular: 'event' }),
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['item:added'],
				description:
					'Events that start the workflow. Tick the same events in the App Management Console, or Todoist never sends them.',
				displayOptions: { show: { listenTo: ['selected'] } },
				options: EVENT_OPTIONS,
			},
			ignoreRepeatedDeliveriesProperty('Todoist', 'the same X-Todoist-Delivery-ID, or the same signed body'),
			ignoreSyncEchoesProperty('the Todoist Task node (a task completed or reopened because of its Intercom ticket)'),
		],
	};

	methods = { credentialTest: { todoistCredentialTest } };

	webhookMethods = {
		default: manualSetupLifecycle('Todoist', 'the App Management Console (your app → Webhooks)'),
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const received = await receiveSignedJson(this, TODOIST_SIGNING);
		if ('response' in received) return received.response;

		const event = received.payload;
		if (!isTodoistEvent(event)) {
			return answerWithoutRun(this, 400, 'The body is not a Todoist webhook event');
		}

		if (!isSelected(this, 'events', event.event_name)) {
			return answerWithoutRun(this, 200, `Event ${event.event_name} is not selected in this trigger`);
		}

		const header = this.getHeaderData()['x-todoist-delivery-id'];
		const deliveryId = typeof header === 'string' && header !== '' ? header : undefined;
		// The delivery ID is outside the signature: a captured body replayed under a new ID is known by its digest.
		const ids = [`body:${bodyDigest(received.rawBody)}`, ...(deliveryId ? [`delivery:${deliveryId}`] : [])];
		const repeated = await claimDelivery(this, 'Todoist', ids);
		if (repeated) return repeated;
		const echo = await answerIfEcho(this, 'Todoist', taskChange(event));
		if (echo) return echo;
		await journalDelivery(this, received.rawBody, deliveryClaims(this, ids));
		const item = toOutputItem(event, deliveryId);
		return { workflowData: [[{ json: item }]] };
	}
}
