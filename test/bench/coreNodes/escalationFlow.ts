/**
 * Todoist → Intercom bug escalation built only from n8n core nodes: the signature checked in a Code node,
 * Remove Duplicates on the delivery id, the same label check and description as our workflow (they are core
 * nodes already), then HTTP Request to search Intercom's tickets and update the one found or create one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { WORKFLOWS_DIR } from '../../../scripts/n8n/sync-workflows';
import type { WorkflowJson } from '../../../scripts/n8n/workflows';
import { canvas, httpWithHeaderAuth, ifTrue, INTERCOM_HEADERS, removeDuplicates, signedStart, type CoreNode, type CredentialRef } from './coreNodes';

export interface EscalationSettings {
	intercomBaseUrl: string;
	signingSecret: string;
	credential: CredentialRef;
	/** Looked up once by hand in Intercom, as a user of plain HTTP Request nodes has to. */
	ticketTypeId: string;
	referenceAttributeId: string;
}

const verifyTodoistSignature = (secret: string) => `const crypto = require('crypto');
const raw = await this.helpers.getBinaryDataBuffer(0, 'data');
const expected = crypto.createHmac('sha256', ${JSON.stringify(secret)}).update(raw).digest('base64');
const headers = $input.first().json.headers;
const given = String(headers['x-todoist-hmac-sha256'] ?? '');
const valid = given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
const event = $input.first().json.body ?? {};
return [{ json: {
  valid,
  deliveryId: headers['x-todoist-delivery-id'],
  eventName: event.event_name,
  task: event.event_data,
  initiator: event.initiator,
} }];`;

/** Our workflow's label check and description, which are n8n core nodes (If and Edit Fields). */
function shippedNode(name: string, renamed: string): CoreNode {
	const shipped = JSON.parse(readFileSync(join(WORKFLOWS_DIR, 'todoist-bug-escalation.json'), 'utf8')) as WorkflowJson;
	const found = shipped.nodes.find((candidate) => candidate.name === name);
	if (!found?.type.startsWith('n8n-nodes-base.')) throw new Error(`The escalation workflow has no core node "${name}"`);
	return { ...structuredClone(found), name: renamed };
}

const DESCRIBED = "$('Describe the bug').item.json";
const TICKET_TEXT = `_default_title_: ${DESCRIBED}.title, _default_description_: ${DESCRIBED}.description`;
const OPEN_OR_CLOSE = `...({ open: { open: true }, closed: { open: false } }[${DESCRIBED}.ticketState] ?? {})`;

export function coreEscalationFlow(settings: EscalationSettings, path: string): WorkflowJson {
	const url = settings.intercomBaseUrl;
	const search = {
		query: {
			operator: 'AND',
			value: [
				{ field: 'ticket_type_id', operator: '=', value: settings.ticketTypeId },
				{ field: `ticket_attribute.${settings.referenceAttributeId}`, operator: '=', value: '{{ $json.todoistTaskId }}' },
			],
		},
		pagination: { per_page: 20 },
	};
	const start = signedStart('Todoist', path, verifyTodoistSignature(settings.signingSecret));
	return canvas(
		'Core nodes: bug escalation',
		[
			...start.nodes,
			removeDuplicates('Skip deliveries already handled', '={{ $json.deliveryId }}'),
			shippedNode('Is the task labelled bug?', 'Is the task labelled bug?'),
			shippedNode('Describe the bug for Intercom', 'Describe the bug'),
			httpWithHeaderAuth('Search the ticket', { method: 'POST', url: `${url}/tickets/search`, headers: INTERCOM_HEADERS, jsonBody: `=${JSON.stringify(search)}` }, settings.credential),
			ifTrue('Is there a ticket?', '={{ ($json.tickets ?? []).length > 0 }}'),
			httpWithHeaderAuth(
				'Update the ticket',
				{
					method: 'PUT',
					url: `=${url}/tickets/{{ $json.tickets[0].id }}`,
					headers: INTERCOM_HEADERS,
					jsonBody: `={{ JSON.stringify({ ticket_attributes: { ${TICKET_TEXT} }, ${OPEN_OR_CLOSE} }) }}`,
				},
				settings.credential,
			),
			httpWithHeaderAuth(
				'Create the ticket',
				{
					method: 'POST',
					url: `${url}/tickets`,
					headers: INTERCOM_HEADERS,
					jsonBody: `={{ JSON.stringify({ ticket_type_id: ${JSON.stringify(settings.ticketTypeId)}, contacts: [{ email: ${DESCRIBED}.reporterEmail.trim().toLowerCase() }], ticket_attributes: { ${TICKET_TEXT}, todoist_task_id: ${DESCRIBED}.todoistTaskId } }) }}`,
				},
				settings.credential,
			),
		],
		[
			...start.wires,
			[start.answered, 'Skip deliveries already handled'],
			['Skip deliveries already handled', 'Is the task labelled bug?'],
			['Is the task labelled bug?', 'Describe the bug'],
			['Describe the bug', 'Search the ticket'],
			['Search the ticket', 'Is there a ticket?'],
			['Is there a ticket?', 'Update the ticket', 0],
			['Is there a ticket?', 'Create the ticket', 1],
		],
	);
}
