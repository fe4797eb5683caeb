import {
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { customerDataEventsCredentialTest } from '../common/credentialTests/customerDataEvents';
import { CREDENTIAL_TYPES } from '../common/credentialTypes';
import { respondWithoutRun } from '../common/signedWebhook';
import { readyOnPublishLifecycle } from '../common/triggerSetup';
import { properties, readSettings } from './helpers/description';
import { claimEvents } from './helpers/claims';
import { sortEvent } from './helpers/presets';
import { expectedAuth, firstEventBytes, headersAuthorize, segmentSignatureMatches } from './helpers/auth';
import { parseEvents, tooLarge } from './helpers/body';
import { contentTypeOf, readRequestBody } from './helpers/respond';

const REFUSED = { message: 'Missing or wrong credentials' };

/**
 * Receives people and their actions from a customer data platform (Segment, RudderStack, Tealium, or anything that
 * posts JSON): checks the credential before anything starts, accepts one event, an array, a Segment batch or NDJSON
 * within limits, claims each event so a batch sent again writes nothing twice, and puts out one item per new event
 * with the fields the Intercom nodes need. Request headers, and so the key or secret, never reach the workflow.
 */
export class CustomerDataEventsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Customer Data Events Trigger',
		name: 'customerDataEventsTrigger',
		icon: { light: 'file:customerDataEvents.svg', dark: 'file:customerDataEvents.dark.svg' },
		group: ['trigger'],
		// Version 1 on purpose: n8n then leaves the body to the trigger when `options.binaryData` is set (helpers/description.ts).
		version: 1,
		subtitle: '={{ {segment: "Segment or RudderStack", intercomObjects: "Intercom objects", custom: "Custom field paths"}[$parameter["preset"]] }}',
		description: 'Starts the workflow with the people and actions a customer data platform (Segment, RudderStack, Tealium) sends',
		defaults: { name: 'Customer Data Events Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Events', 'Without Identifier'],
		credentials: [{ name: CREDENTIAL_TYPES.customerDataEvents, required: true, testedBy: 'customerDataEventsCredentialTest' }],
		// `responseData: ''` makes n8n answer with the trigger's own `webhookResponse` (the counts) once the run has
		// started; without it n8n would answer with the literal text "firstEntryJson".
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path: 'events' }],
		properties,
	};

	methods = { credentialTest: { customerDataEventsCredentialTest } };

	webhookMethods = { default: readyOnPublishLifecycle() };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const auth = await expectedAuth(this);
		const headers = this.getHeaderData();
		if (!auth || !headersAuthorize(auth, headers)) return respondWithoutRun(this, 401, REFUSED);

		const settings = readSettings(this);
		const body = await readRequestBody(this);
		if ('status' in body) {
			if (body.status === 400) return respondWithoutRun(this, 400, { message: 'The request body could not be read' });
			const message = body.bytes ? tooLarge(body.bytes, settings.limits).message : 'The body is larger than this n8n accepts (N8N_PAYLOAD_SIZE_MAX). Send smaller batches.';
			return respondWithoutRun(this, 413, { message });
		}
		const { bytes } = body;
		if (bytes.length > settings.limits.maxBytes) return respondWithoutRun(this, 413, { message: tooLarge(bytes.length, settings.limits).message });
		if (auth.kind === 'segmentSignature' && !segmentSignatureMatches(auth, bytes, headers['x-signature'], () => firstEventBytes(bytes))) {
			return respondWithoutRun(this, 401, REFUSED);
		}

		const parsed = parseEvents(bytes, contentTypeOf(this), settings.limits);
		if ('status' in parsed) return respondWithoutRun(this, parsed.status, { message: parsed.message });

		const sorted = parsed.events.map((event, index) => ({ ...sortEvent(event, settings), position: index + 1, event }));
		const counted = sorted.filter((entry) => entry.outcome !== 'ignored');
		const ids = counted.map((entry) => ('id' in entry ? entry.id : ''));
		let fresh = ids.map(() => true);
		// "Listen for test event" in the editor: a sample must not use up the events' claims for the live workflow.
		if (settings.ignoreRepeatedEvents && this.getMode() !== 'manual') {
			const claimed = await claimEvents(this, ids);
			if ('unavailable' in claimed) return respondWithoutRun(this, 503, { message: 'Could not check for repeated events; please retry' });
			fresh = claimed.fresh;
		}

		const events: INodeExecutionData[] = [];
		const withoutIdentifier: INodeExecutionData[] = [];
		for (const [index, entry] of counted.entries()) {
			if (!fresh[index]) continue;
			if (entry.outcome === 'event') {
				events.push({ json: { ...entry.fields, eventId: entry.id, position: entry.position, event: entry.event } });
			} else if (entry.outcome === 'withoutIdentifier') {
				withoutIdentifier.push({ json: { reason: entry.reason, eventId: entry.id, position: entry.position, event: entry.event } });
			}
		}
		const summary = {
			received: parsed.events.length,
			new: events.length,
			withoutIdentifier: withoutIdentifier.length,
			repeated: fresh.filter((isFresh) => !isFresh).length,
			ignored: sorted.length - counted.length,
		};
		this.logger.debug(`Customer Data Events Trigger "${this.getNode().name}": ${JSON.stringify(summary)}`);
		if (events.length + withoutIdentifier.length === 0) {
			return respondWithoutRun(this, 200, { message: 'Nothing new to run', ...summary });
		}
		return { webhookResponse: summary, workflowData: [events, withoutIdentifier] };
	}
}
