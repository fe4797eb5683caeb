/** The trigger's parameters on the canvas, and reading them for one request. */
import type { IDataObject, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import { DEFAULT_LIMITS, type BodyLimits } from './body';
import type { FieldPaths, Preset, PresetSettings } from './presets';
import { namesList } from './values';

const FOR = (...presets: Preset[]) => ({ show: { preset: presets } });

const path = (name: keyof FieldPaths, displayName: string, fallback: string, description: string): INodeProperties => ({
	displayName,
	name: `${name}Path`,
	type: 'string',
	default: fallback,
	placeholder: fallback || 'properties.plan',
	description,
	displayOptions: FOR('custom'),
});

/** n8n's own largest body (N8N_PAYLOAD_SIZE_MAX, 16 MB by default) is the ceiling: it refuses bigger ones itself. */
const MAX_BODY_MB = 16;

export const properties: INodeProperties[] = [
	{
		displayName:
			'Give the platform the Production URL above, with the key, Basic Auth or Segment shared secret from the credential. Each request may hold one event (a JSON object), several (a JSON array) or one per line (NDJSON). A refused request starts nothing; an accepted one is answered 200 with how many events were new.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events From',
		name: 'preset',
		type: 'options',
		default: 'segment',
		options: [
			{
				name: 'Segment or RudderStack (Identify and Track)',
				value: 'segment',
				description: 'Segment’s Spec: userId, anonymousId, traits, event, properties, messageId, timestamp',
			},
			{
				name: 'Intercom Objects (Tealium Template)',
				value: 'intercomObjects',
				description:
					'Intercom’s user object (user_id, email, name, phone, custom_attributes) or data event object (event_name, created_at, user_id, email, metadata)',
			},
			{ name: 'Custom Field Paths', value: 'custom', description: 'Name the field that holds each value' },
		],
		description: 'Which shape the events have, so each one becomes the same output fields',
	},
	{
		displayName: 'Event ID Field',
		name: 'eventIdField',
		type: 'string',
		default: '',
		placeholder: 'event_id',
		description:
			'The field that identifies each event, to recognise one sent again. Leave empty to recognise events by their whole content. (Segment and RudderStack events use messageId.)',
		displayOptions: FOR('intercomObjects', 'custom'),
	},
	path('userId', 'User ID Field', 'userId', 'Your ID for the person; written to Intercom as the external ID'),
	path('email', 'Email Field', 'email', 'The person’s email; used when no contact has the user ID'),
	path('name', 'Name Field', 'name', 'The person’s full name'),
	path('phone', 'Phone Field', '', 'The person’s phone number'),
	path('attributes', 'Attributes Field', 'attributes', 'An object whose values become Intercom custom attributes (identify-like events)'),
	path('eventName', 'Event Name Field', 'event', 'When it holds a name, the event is track-like and becomes an Intercom data event'),
	path('eventTime', 'Event Time Field', 'timestamp', 'When it happened: ISO text or Unix seconds'),
	path('metadata', 'Metadata Field', 'properties', 'An object whose values become the data event’s metadata'),
	{
		displayName: 'Ignore Repeated Events',
		name: 'ignoreRepeatedEvents',
		type: 'boolean',
		default: true,
		description:
			'Whether an event this trigger already received (same ID, or the same content when there is none) is left out of the run, so retries and copies never write twice. Remembered for 24 hours: on one n8n in its memory, on queue mode in n8n’s Redis.',
	},
	{
		displayName: 'Options',
		name: 'eventOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Attributes to Keep',
				name: 'keepAttributes',
				type: 'string',
				default: '',
				placeholder: 'plan, member_type',
				description:
					'Only these attributes reach the output (comma-separated, nested ones as parent_child). Empty: all. Intercom refuses attributes it does not know.',
			},
			{
				displayName: 'Max Body Size (MB)',
				name: 'maxBodyMb',
				type: 'number',
				typeOptions: { minValue: 0.1, maxValue: MAX_BODY_MB, numberPrecision: 1 },
				default: 5,
				description: `A larger request is answered 413 and starts nothing (at most ${MAX_BODY_MB}, n8n’s own limit)`,
			},
			{
				displayName: 'Max Events per Request',
				name: 'maxEvents',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10000 },
				default: 1000,
				description: 'A request with more events is answered 413 and starts nothing',
			},
			{
				displayName: 'Metadata Keys to Keep',
				name: 'keepMetadata',
				type: 'string',
				default: '',
				placeholder: 'plan, amount',
				description: 'Only these metadata keys reach the output (comma-separated). Empty: all. Intercom keeps at most 10 per event.',
			},
		],
	},
	{
		// n8n reads the body of a request to a trigger of version 1 itself unless `options.binaryData` is set; then
		// the trigger gets the bytes. It needs them: for Segment's signature, for NDJSON, and to answer 400 saying
		// where a body is not JSON (n8n would answer 422 before the trigger runs). Not shown, not saved.
		displayName: 'Read the Body Itself',
		name: 'options',
		type: 'hidden',
		default: { binaryData: true },
	},
];

export interface TriggerSettings extends PresetSettings {
	limits: BodyLimits;
	ignoreRepeatedEvents: boolean;
}

export function readSettings(context: IWebhookFunctions): TriggerSettings {
	const text = (name: string, fallback = '') => String(context.getNodeParameter(name, fallback) ?? fallback);
	const options = context.getNodeParameter('eventOptions', {}) as IDataObject;
	const number = (value: unknown, fallback: number, max: number) => {
		const parsed = Number(value);
		return Number.isFinite(parsed) && parsed > 0 ? Math.min(parsed, max) : fallback;
	};
	return {
		preset: text('preset', 'segment') as Preset,
		eventIdField: text('eventIdField'),
		paths: {
			userId: text('userIdPath'),
			email: text('emailPath'),
			name: text('namePath'),
			phone: text('phonePath'),
			attributes: text('attributesPath'),
			eventName: text('eventNamePath'),
			eventTime: text('eventTimePath'),
			metadata: text('metadataPath'),
		},
		keepAttributes: namesList(options.keepAttributes),
		keepMetadata: namesList(options.keepMetadata),
		limits: {
			maxEvents: Math.floor(number(options.maxEvents, DEFAULT_LIMITS.maxEvents, 10_000)),
			maxBytes: Math.floor(number(options.maxBodyMb, DEFAULT_LIMITS.maxBytes / (1024 * 1024), MAX_BODY_MB) * 1024 * 1024),
		},
		ignoreRepeatedEvents: context.getNodeParameter('ignoreRepeatedEvents', true) !== false,
	};
}
