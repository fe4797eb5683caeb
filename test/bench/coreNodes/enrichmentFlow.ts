/**
 * Contact enrichment built only from n8n core nodes, the way a capable n8n user would build it without our
 * package: the signature checked in a Code node before answering, Remove Duplicates on the notification id,
 * HTTP Request to Intercom, the MySQL node for the member, HTTP Request to Supabase for positions, and a Code
 * node for RNAV and the E.164 phone.
 */
import { canvas, code, httpWithHeaderAuth, httpWithSupabase, ifTrue, INTERCOM_HEADERS, mysqlQuery, removeDuplicates, signedStart, type CredentialRef } from './coreNodes';
import type { WorkflowJson } from '../../../scripts/n8n/workflows';

export interface CoreFlowSettings {
	intercomBaseUrl: string;
	supabaseUrl: string;
	/** Pasted into the Code node: n8n blocks `$env` in Code nodes by default. */
	signingSecret: string;
	credentials: { intercom: CredentialRef; mysql: CredentialRef; supabase: CredentialRef };
}

/** Needs NODE_FUNCTION_ALLOW_BUILTIN=crypto, as n8n's Code node refuses built-in modules otherwise. */
const verifyIntercomSignature = (secret: string) => `const crypto = require('crypto');
const raw = await this.helpers.getBinaryDataBuffer(0, 'data');
const expected = 'sha1=' + crypto.createHmac('sha1', ${JSON.stringify(secret)}).update(raw).digest('hex');
const given = String($input.first().json.headers['x-hub-signature'] ?? '');
const valid = given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
const notification = $input.first().json.body ?? {};
const conversation = notification.data?.item ?? {};
return [{ json: {
  valid,
  notificationId: notification.id,
  topic: notification.topic,
  contactId: conversation.source?.author?.id ?? conversation.contacts?.contacts?.[0]?.id,
} }];`;

/** Seed 003's attributes: retired members are filed under RNAV; phones become E.164 (US numbers here). */
const deriveAttributes = `const contact = $('Get the contact').first().json;
const member = $('Find the member by email').first().json;
const positions = $input.first().json.body.map((row) => row.position);
const retired = String(member.status).trim().toLowerCase() === 'retired';
const digits = String(member.phone ?? '').replace(/\\D/g, '');
const phone = digits.length === 10 ? '+1' + digits : digits.length === 11 && digits.startsWith('1') ? '+' + digits : null;
const body = {
  role: contact.role,
  custom_attributes: {
    member_number: String(member.membernumber).trim(),
    member_type: String(member.status).trim(),
    region: retired ? 'RNAV' : String(member.region ?? '').trim(),
    facility: retired ? 'RNAV' : String(member.facility ?? '').trim(),
    positions: positions.join(', '),
  },
};
if (phone) body.phone = phone;
return [{ json: { contactId: contact.id, body } }];`;

export function coreEnrichmentFlow(settings: CoreFlowSettings, path: string): WorkflowJson {
	const { intercom, mysql, supabase } = settings.credentials;
	const start = signedStart('Intercom', path, verifyIntercomSignature(settings.signingSecret));
	return canvas(
		'Core nodes: contact enrichment',
		[
			...start.nodes,
			removeDuplicates('Skip notifications already handled', '={{ $json.notificationId }}'),
			ifTrue('Is it a new message?', "={{ ['conversation.user.created', 'conversation.user.replied'].includes($json.topic) }}"),
			httpWithHeaderAuth('Get the contact', { method: 'GET', url: `=${settings.intercomBaseUrl}/contacts/{{ $json.contactId }}`, headers: INTERCOM_HEADERS }, intercom),
			ifTrue('Does the contact need member data?', "={{ String($json.custom_attributes?.member_number ?? '').trim() === '' && String($json.email ?? '').trim() !== '' }}"),
			mysqlQuery(
				'Find the member by email',
				"SELECT * FROM members WHERE email = $1 AND status IN ('Active', 'Retired') ORDER BY FIELD(status, 'Active', 'Retired') LIMIT 1",
				'={{ $json.email }}',
				mysql,
			),
			httpWithSupabase(
				'Get the positions',
				{
					method: 'GET',
					url: `${settings.supabaseUrl}/rest/v1/member_positions`,
					query: { select: 'position', membernumber: '=eq.{{ $json.membernumber }}', active: 'is.true', order: 'position.asc' },
					fullResponse: true,
				},
				supabase,
			),
			code('Intercom attributes: RNAV and E.164', deriveAttributes),
			httpWithHeaderAuth(
				'Write the member data',
				{ method: 'PUT', url: `=${settings.intercomBaseUrl}/contacts/{{ $json.contactId }}`, headers: INTERCOM_HEADERS, jsonBody: '={{ JSON.stringify($json.body) }}' },
				intercom,
			),
		],
		[
			...start.wires,
			[start.answered, 'Skip notifications already handled'],
			['Skip notifications already handled', 'Is it a new message?'],
			['Is it a new message?', 'Get the contact'],
			['Get the contact', 'Does the contact need member data?'],
			['Does the contact need member data?', 'Find the member by email'],
			['Find the member by email', 'Get the positions'],
			['Get the positions', 'Intercom attributes: RNAV and E.164'],
			['Intercom attributes: RNAV and E.164', 'Write the member data'],
		],
	);
}
