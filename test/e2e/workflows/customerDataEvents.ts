/**
 * Customer data events as Segment, RudderStack and Tealium send them to the customer data events workflow, the
 * authentication each can use, and what the Intercom stand-in holds afterwards. Signatures are computed here with
 * node:crypto, independently of the trigger's code.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { SECRET_REUSE_MS } from '../../../nodes/common/secretReuse';
import { CREDENTIAL_NAMES, CUSTOMER_DATA_EVENTS_KEY_HEADER, type CustomerDataEventsCredentialValues } from '../../../scripts/n8n/sync-workflows';
import type { HttpResponse } from '../../support/n8n';
import type { StoredContact } from '../../support/intercom-fake';
import type { WorkflowEnvironment } from './environment';

export type SegmentEvent = Record<string, unknown> & { messageId: string; userId?: string };

/** A Segment identify call for a new person of this test run. */
export function identify(userId: string, traits: Record<string, unknown> = {}): SegmentEvent {
	return {
		type: 'identify',
		messageId: `ajs-${randomUUID()}`,
		userId,
		traits: { email: `${userId}@example.org`, name: `Person ${userId}`, ...traits },
		timestamp: new Date().toISOString(),
	};
}

/** A Segment track call; the person's email travels in context.traits, as Segment's libraries send it. */
export function track(userId: string, event: string, properties: Record<string, unknown> = {}): SegmentEvent {
	return {
		type: 'track',
		messageId: `ajs-${randomUUID()}`,
		userId,
		event,
		properties,
		context: { traits: { email: `${userId}@example.org` } },
		timestamp: new Date().toISOString(),
	};
}

/** The Authorization header of HTTP Basic Auth. */
export const basicAuthorization = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Segment's X-Signature: hex HMAC-SHA1 of the bytes sent. */
export const segmentSignature = (body: Buffer | string, secret: string) => createHmac('sha1', secret).update(body).digest('hex');

/** Posts exact bytes as a platform would; `headers` replace the default key header (pass `{}` for none). */
export async function postEvents(
	env: WorkflowEnvironment,
	body: Buffer | string,
	headers: Record<string, string> = { [CUSTOMER_DATA_EVENTS_KEY_HEADER]: env.secrets.customerDataEventsKey },
	contentType = 'application/json',
): Promise<HttpResponse> {
	return await env.n8n.postWebhook(env.urls.customerDataEvents, body, { 'content-type': contentType, 'user-agent': 'Segment.io/1.0', ...headers });
}

/** Events as one JSON array, sent with the environment's key. */
export const sendBatch = (env: WorkflowEnvironment, events: unknown[]) => postEvents(env, JSON.stringify(events));

/**
 * Switches the workflow's credential to another Authentication, as a user would in the editor, and waits out the
 * second for which the trigger reuses what it read. `restore` puts back the key the environment was started with.
 */
export async function useCredential(env: WorkflowEnvironment, data: CustomerDataEventsCredentialValues): Promise<void> {
	const credentials = await env.n8n.client.get<Array<{ id: string; name: string; type: string }>>('/rest/credentials');
	const credential = credentials.find((candidate) => candidate.name === CREDENTIAL_NAMES.customerDataEvents);
	if (!credential) throw new Error(`No credential named ${CREDENTIAL_NAMES.customerDataEvents}`);
	await env.n8n.client.patch(`/rest/credentials/${credential.id}`, { name: credential.name, type: credential.type, data });
	await sleep(SECRET_REUSE_MS + 300);
}

export const restoreCredential = (env: WorkflowEnvironment) =>
	useCredential(env, { authentication: 'headerKey', headerName: CUSTOMER_DATA_EVENTS_KEY_HEADER, apiKey: env.secrets.customerDataEventsKey });

/** Every contact the stand-in holds with this external ID (the person's user ID). */
export function contactsOf(env: WorkflowEnvironment, userId: string): StoredContact[] {
	return [...env.intercom.store.contacts.values()].filter((contact) => contact.external_id === userId && !contact.merged_into);
}

/** Accepted writes to the person's contact: creates carrying the user ID, and updates of the contact. */
export function contactWrites(env: WorkflowEnvironment, userId: string): number {
	const ids = new Set(contactsOf(env, userId).map((contact) => contact.id));
	return env.intercom.requests.filter(
		(request) =>
			request.status < 300 &&
			((request.method === 'POST' && request.path === '/contacts' && (request.body as { external_id?: string } | undefined)?.external_id === userId) ||
				(request.method === 'PUT' && ids.has(request.path.replace('/contacts/', '')))),
	).length;
}

/** The data events the stand-in recorded for the person under this name. */
export function dataEventsOf(env: WorkflowEnvironment, userId: string, eventName: string) {
	const ids = new Set(contactsOf(env, userId).map((contact) => contact.id));
	return env.intercom.store.events.filter((event) => ids.has(event.contact_id) && event.event_name === eventName);
}

/** How many copies of a batch started an execution: those answered with their counts, not "Nothing new to run". */
export const answersThatRan = (responses: HttpResponse[]) =>
	responses.filter((response) => response.status === 200 && !('message' in response.json<object>())).length;
