import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { nestedKeys, readAttributeMap, requiredText } from '../../common/attributes';
import type { AttributeFields } from '../../common/attributes';
import { readContactReference } from '../../common/intercom/contactReference';
import { toUnixSeconds } from '../../common/unixTime';

/** Intercom keeps at most this many metadata keys per event. */
export const MAX_METADATA_KEYS = 10;

export interface DataEventBody {
	event_name: string;
	created_at: number;
	id?: string;
	user_id?: string;
	email?: string;
	metadata?: Record<string, string>;
}

/**
 * Checks metadata before it is sent: at most ten keys, flat values. The API contract types metadata
 * values as strings, so numbers and true/false go out as text.
 */
export function validateMetadata(metadata: IDataObject): { value: Record<string, string> } | { problem: string } {
	const keys = Object.keys(metadata);
	if (keys.length > MAX_METADATA_KEYS) {
		return {
			problem: `Intercom accepts at most ${MAX_METADATA_KEYS} metadata keys per event; this item has ${keys.length} (${keys.join(', ')})`,
		};
	}
	const nested = nestedKeys(metadata);
	if (nested.length > 0) {
		return { problem: `Metadata values must be plain text, numbers or true/false; "${nested.join('", "')}" is nested` };
	}
	const value: Record<string, string> = {};
	for (const [key, entry] of Object.entries(metadata)) {
		if (entry !== null && entry !== undefined) value[key] = String(entry);
	}
	return { value };
}

export const METADATA_FIELDS: AttributeFields = {
	listName: 'metadata',
	entryName: 'entry',
	jsonName: 'metadataJson',
	label: 'Metadata',
};

export function readDataEvent(context: IExecuteFunctions, itemIndex: number): DataEventBody {
	const node = context.getNode();
	const eventName = requiredText(context, 'eventName', itemIndex, 'Enter the event name');
	const createdAt = toUnixSeconds(context.getNodeParameter('createdAt', itemIndex, ''));
	if (createdAt === undefined) {
		throw new NodeOperationError(node, 'Occurred At is not a date', {
			itemIndex,
			description: 'Use a date such as 2025-01-31T12:00:00Z or Unix seconds, or leave it empty for now.',
		});
	}
	const contact = readContactReference(context, itemIndex);
	const metadata = validateMetadata(readAttributeMap(context, itemIndex, METADATA_FIELDS));
	if ('problem' in metadata) {
		throw new NodeOperationError(node, metadata.problem, {
			itemIndex,
			description: 'Remove keys before this node; nothing was sent for this item.',
		});
	}
	return {
		event_name: eventName,
		created_at: createdAt,
		...contact,
		...(Object.keys(metadata.value).length > 0 ? { metadata: metadata.value } : {}),
	};
}
