/**
 * From one event as a platform sends it to the fields the next steps use: who (userId = Intercom's external ID,
 * email, name, phone, attributes) and, for track-like events, what happened (eventName, eventTime, metadata).
 *
 * - Segment (its Spec, which RudderStack follows too): `identify` carries `userId`, `anonymousId` and `traits`
 *   (RudderStack also `context.traits`); `track` carries `event`, `properties`, and the person's traits only in
 *   `context.traits`. Every call has `messageId` (Segment deduplicates by it) and an ISO `timestamp`.
 *   Other calls (page, screen, group, alias, delete) are ignored.
 * - Intercom objects (seed 001 has Tealium send Intercom's user object): `user_id`, `email`, `name`, `phone`,
 *   `custom_attributes`; or Intercom's data event object (`event_name`, `created_at` in Unix seconds, `user_id`,
 *   `email`, `metadata`).
 * - Custom: a field path for each value.
 */
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../common/jsonValues';
import { eventDigest, flatten, isEmail, isoTime, textOf, valueAt } from './values';

export type Preset = 'segment' | 'intercomObjects' | 'custom';

export interface FieldPaths {
	userId: string;
	email: string;
	name: string;
	phone: string;
	attributes: string;
	eventName: string;
	eventTime: string;
	metadata: string;
}

export interface PresetSettings {
	preset: Preset;
	/** Intercom objects and Custom: the field that identifies an event (Segment: always `messageId`). */
	eventIdField: string;
	paths: FieldPaths;
	/** Only these attribute / metadata names (after flattening); all when empty. */
	keepAttributes: string[];
	keepMetadata: string[];
}

/** The fields an event becomes on the trigger's main output. */
export interface PersonEvent {
	kind: 'identify' | 'track';
	userId: string | null;
	anonymousId: string | null;
	email: string | null;
	name: string | null;
	phone: string | null;
	attributes: IDataObject;
	eventName: string | null;
	eventTime: string | null;
	metadata: IDataObject;
	notes: string[];
}

export type Sorted =
	| { outcome: 'event'; id: string; fields: PersonEvent }
	/** Nothing to find the person by: goes to the Without Identifier output with the reason. */
	| { outcome: 'withoutIdentifier'; id: string; reason: string }
	/** A kind of call the workflow does not handle (Segment page, screen, …): counted, not run. */
	| { outcome: 'ignored'; reason: string };

interface Raw {
	kind: 'identify' | 'track';
	id?: string;
	userId?: string;
	anonymousId?: string;
	email?: unknown;
	name?: string;
	phone?: string;
	attributes?: unknown;
	eventName?: string;
	eventTime?: unknown;
	metadata?: unknown;
}

const SEGMENT_PERSON_TRAITS = ['email', 'name', 'firstName', 'lastName', 'phone'];

function fromSegment(event: IDataObject): Raw | string {
	const type = textOf(event.type)?.toLowerCase();
	const context = isRecord(event.context) ? event.context : {};
	const contextTraits = isRecord(context.traits) ? context.traits : {};
	const common = { id: textOf(event.messageId), userId: textOf(event.userId), anonymousId: textOf(event.anonymousId), eventTime: event.timestamp ?? event.originalTimestamp };
	if (type === 'track') {
		return { ...common, kind: 'track', email: contextTraits.email, eventName: textOf(event.event), metadata: event.properties };
	}
	if (type !== 'identify') {
		return type ? `Segment ${type} calls are not handled, only identify and track` : 'An event without a Segment type (identify or track) is not handled';
	}
	const traits = { ...contextTraits, ...(isRecord(event.traits) ? event.traits : {}) };
	const fullName = [textOf(traits.firstName), textOf(traits.lastName)].filter(Boolean).join(' ');
	const rest = Object.fromEntries(Object.entries(traits).filter(([key]) => !SEGMENT_PERSON_TRAITS.includes(key)));
	return { ...common, kind: 'identify', email: traits.email, name: textOf(traits.name) ?? (fullName || undefined), phone: textOf(traits.phone), attributes: rest };
}

function fromIntercomObject(event: IDataObject, eventIdField: string): Raw {
	const person = { id: textOf(valueAt(event, eventIdField)), userId: textOf(event.user_id ?? event.external_id), email: event.email };
	if (textOf(event.event_name)) {
		return { ...person, kind: 'track', eventName: textOf(event.event_name), eventTime: event.created_at, metadata: event.metadata };
	}
	return { ...person, kind: 'identify', name: textOf(event.name), phone: textOf(event.phone), attributes: event.custom_attributes };
}

function fromPaths(event: IDataObject, settings: PresetSettings): Raw {
	const at = (path: string) => (path.trim() ? valueAt(event, path) : undefined);
	const { paths } = settings;
	const eventName = textOf(at(paths.eventName));
	return {
		kind: eventName ? 'track' : 'identify',
		id: textOf(at(settings.eventIdField)),
		userId: textOf(at(paths.userId)),
		email: at(paths.email),
		name: textOf(at(paths.name)),
		phone: textOf(at(paths.phone)),
		attributes: eventName ? undefined : at(paths.attributes),
		eventName,
		eventTime: at(paths.eventTime),
		metadata: eventName ? at(paths.metadata) : undefined,
	};
}

/** Sorts one event: a person event for the main output, one without identifier, or one ignored. */
export function sortEvent(event: IDataObject, settings: PresetSettings): Sorted {
	const raw =
		settings.preset === 'segment'
			? fromSegment(event)
			: settings.preset === 'intercomObjects'
				? fromIntercomObject(event, settings.eventIdField)
				: fromPaths(event, settings);
	if (typeof raw === 'string') return { outcome: 'ignored', reason: raw };
	const id = raw.id ?? `sha256:${eventDigest(event)}`;

	const notes: string[] = [];
	let email = textOf(raw.email);
	if (email && !isEmail(email)) {
		if (!raw.userId) return { outcome: 'withoutIdentifier', id, reason: `No user ID, and "${email}" is not an email address` };
		notes.push(`"${email}" is not an email address and was left out; the person is found by the user ID.`);
		email = undefined;
	}
	if (!raw.userId && !email) {
		const reason = raw.anonymousId
			? `Only an anonymous ID ("${raw.anonymousId}"): Intercom needs a user ID or an email to find the person`
			: 'No user ID and no email: nothing to find the person in Intercom by';
		return { outcome: 'withoutIdentifier', id, reason };
	}
	if (raw.kind === 'track' && !raw.eventName) return { outcome: 'withoutIdentifier', id, reason: 'A track event without an event name' };

	return {
		outcome: 'event',
		id,
		fields: {
			kind: raw.kind,
			userId: raw.userId ?? null,
			anonymousId: raw.anonymousId ?? null,
			email: email ?? null,
			name: raw.name ?? null,
			phone: raw.phone ?? null,
			attributes: flatten(raw.attributes, settings.keepAttributes),
			eventName: raw.eventName ?? null,
			eventTime: isoTime(raw.eventTime),
			metadata: flatten(raw.metadata, settings.keepMetadata),
			notes,
		},
	};
}
