/**
 * What the Intercom and Todoist triggers share besides signature checks: the "Listen To" choice and a
 * webhook lifecycle for services whose webhook URL the user pastes in by hand.
 */
import type { IHookFunctions, INodeProperties, INodePropertyOptions, IWebhookFunctions, WebhookSetupMethodNames } from 'n8n-workflow';

/** How the trigger names what the service sends, e.g. "Topics" / "notification" for Intercom. */
export interface ListenToWording {
	service: string;
	/** Title case, plural: "Topics", "Events". */
	plural: string;
	/** Lower case, singular: "notification", "event". */
	singular: string;
}

/** "Listen To": everything the service sends, or only what is ticked in the list shown below it. */
export function listenToProperty({ service, plural, singular }: ListenToWording): INodeProperties {
	const options: INodePropertyOptions[] = [
		{
			name: `All ${plural}`,
			value: 'all',
			description: `Every ${singular} ${service} sends to this URL starts the workflow`,
		},
		{
			name: `Selected ${plural}`,
			value: 'selected',
			description: `Only the ${plural.toLowerCase()} chosen below start the workflow; others are acknowledged and ignored`,
		},
	];
	return { displayName: 'Listen To', name: 'listenTo', type: 'options', default: 'selected', options };
}

/** Whether the trigger listens to this topic or event: everything, or only what the user ticked. */
export function isSelected(context: IWebhookFunctions, listParameter: string, value: string): boolean {
	if (context.getNodeParameter('listenTo', 'selected') === 'all') return true;
	return (context.getNodeParameter(listParameter, []) as string[]).includes(value);
}

/**
 * Neither Intercom nor Todoist has an API to subscribe a URL: the user pastes it into the service by hand. So
 * there is nothing for n8n to look up or delete; on activation the log says where the URL goes.
 */
export function manualSetupLifecycle(
	service: string,
	whereToPaste: string,
): Record<WebhookSetupMethodNames, (this: IHookFunctions) => Promise<boolean>> {
	return {
		checkExists: async () => false,
		async create(this: IHookFunctions): Promise<boolean> {
			const url = this.getNodeWebhookUrl('default');
			this.logger.info(
				`${service} has no API for webhook subscriptions: in ${whereToPaste}, set the URL to ${url ?? "this node's production URL"}`,
			);
			return true;
		},
		delete: async () => true,
	};
}

/** A URL our own callers use: nothing to register elsewhere, it is ready as soon as the workflow is published. */
export function readyOnPublishLifecycle(): Record<WebhookSetupMethodNames, (this: IHookFunctions) => Promise<boolean>> {
	return { checkExists: async () => true, create: async () => true, delete: async () => true };
}
