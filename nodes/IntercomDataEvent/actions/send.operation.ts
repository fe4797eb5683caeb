import type { Intercom } from 'intercom-client';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { attributeJsonOption, attributeProperties } from '../../common/attributes';
import { contactReferenceProperties } from '../../common/intercom/contactReference';
import { optionsCollection } from '../../common/intercom/session';
import type { IntercomSession } from '../../common/intercom/session';
import { MAX_METADATA_KEYS, METADATA_FIELDS, readDataEvent } from './eventInput';

const METADATA_TEXT = {
	listDisplayName: 'Metadata',
	listDescription: `Details about the event, at most ${MAX_METADATA_KEYS}. Sent as text.`,
	jsonDisplayName: 'Metadata (JSON)',
	namePlaceholder: 'facility',
	jsonDescription: `More metadata as one flat JSON object; together with the list at most ${MAX_METADATA_KEYS} keys`,
};

const properties: INodeProperties[] = [
	{
		displayName: 'Event Name',
		name: 'eventName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'renewed-membership',
		description: 'What happened, best as past-tense verb and noun. Shown in Intercom and usable in segments.',
	},
	{
		displayName: 'Occurred At',
		name: 'createdAt',
		type: 'dateTime',
		default: '',
		description: 'When it happened. Leave empty for now; Unix seconds also work.',
	},
	...contactReferenceProperties(['email', 'id', 'userId'], 'the event belongs to'),
	...attributeProperties(METADATA_FIELDS, METADATA_TEXT),
	optionsCollection([attributeJsonOption(METADATA_FIELDS, METADATA_TEXT)]),
];

export const description = updateDisplayOptions({ show: { operation: ['send'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, session: IntercomSession) {
	const event = readDataEvent(this, itemIndex);
	await session.transport.call(`record event ${event.event_name}`, async (client, options) =>
		await client.events.create(event as Intercom.CreateDataEventRequest, options),
	);
	return { sent: true, ...(event as unknown as IDataObject) };
}
