/** Stored records → the JSON shapes Intercom answers with (checked against the contract in the fake's tests). */
import type {
	AppliedTag,
	StoredAdmin,
	StoredContact,
	StoredConversation,
	StoredConversationPart,
	StoredTag,
	StoredTeam,
	StoredTicket,
	StoredTicketType,
	Store,
} from './store';

export const WORKSPACE_ID = 'fakews01';

const emptyList = (url: string) => ({ type: 'list', data: [], url, total_count: 0, has_more: false });

/**
 * A contact as Intercom answers with it. With the workspace's attribute list (`customAttributes` option),
 * every defined attribute is present and those never set are null, as Intercom does.
 */
export function contactJson(contact: StoredContact, definedAttributes: string[] = []) {
	const at = (suffix: string) => `/contacts/${contact.id}/${suffix}`;
	return {
		type: 'contact',
		id: contact.id,
		workspace_id: WORKSPACE_ID,
		external_id: contact.external_id,
		role: contact.role,
		email: contact.email ?? '',
		email_domain: contact.email?.split('@')[1] ?? '',
		phone: contact.phone,
		name: contact.name,
		avatar: contact.avatar ? { type: 'avatar', image_url: contact.avatar } : null,
		owner_id: contact.owner_id,
		social_profiles: { type: 'list', data: [] },
		has_hard_bounced: false,
		marked_email_as_spam: false,
		unsubscribed_from_emails: contact.unsubscribed_from_emails,
		created_at: contact.created_at,
		updated_at: contact.updated_at,
		signed_up_at: contact.signed_up_at,
		last_seen_at: contact.last_seen_at,
		last_replied_at: null,
		last_contacted_at: null,
		last_email_opened_at: null,
		last_email_clicked_at: null,
		language_override: null,
		browser: null,
		browser_version: null,
		browser_language: null,
		os: null,
		location: { type: 'location', country: null, region: null, city: null },
		android_app_name: null,
		android_app_version: null,
		android_device: null,
		android_os_version: null,
		android_sdk_version: null,
		android_last_seen_at: null,
		ios_app_name: null,
		ios_app_version: null,
		ios_device: null,
		ios_os_version: null,
		ios_sdk_version: null,
		ios_last_seen_at: null,
		custom_attributes: {
			...Object.fromEntries(definedAttributes.map((name) => [name, null])),
			...contact.custom_attributes,
		},
		tags: emptyList(at('tags')),
		notes: emptyList(at('notes')),
		companies: emptyList(at('companies')),
	};
}

/** The short form archive/unarchive answer with. */
export function contactArchiveJson(contact: StoredContact) {
	return { type: 'contact', id: contact.id, external_id: contact.external_id, archived: contact.archived };
}

export function tagJson(tag: StoredTag, applied?: AppliedTag) {
	const base = { type: 'tag', id: tag.id, name: tag.name };
	if (!applied) return base;
	return { ...base, applied_at: applied.applied_at, applied_by: { type: 'admin', id: applied.applied_by } };
}

export function adminJson(admin: StoredAdmin) {
	return {
		type: 'admin',
		id: admin.id,
		name: admin.name,
		email: admin.email,
		job_title: 'Support',
		away_mode_enabled: false,
		away_mode_reassign: false,
		has_inbox_seat: true,
		team_ids: [],
		avatar: null,
	};
}

export function meJson(admin: StoredAdmin, createdAt: number) {
	return {
		...adminJson(admin),
		avatar: { type: 'avatar', image_url: null },
		email_verified: true,
		app: {
			type: 'app',
			id_code: WORKSPACE_ID,
			name: 'Intercom fake',
			region: 'US',
			timezone: 'Europe/London',
			created_at: createdAt,
			identity_verification: false,
		},
	};
}

export function teamJson(team: StoredTeam) {
	return { type: 'team', id: team.id, name: team.name, admin_ids: team.admin_ids.map(Number) };
}

function partJson(store: Store, part: StoredConversationPart) {
	const admin = store.admins.get(part.author_id);
	return {
		type: 'conversation_part',
		id: part.id,
		part_type: part.part_type,
		body: part.body,
		created_at: part.created_at,
		updated_at: part.created_at,
		notified_at: part.created_at,
		assigned_to: part.assigned_to,
		author: admin ? { type: 'admin', id: admin.id, name: admin.name, email: admin.email } : { type: 'admin', id: part.author_id },
		attachments: [],
		external_id: null,
		redacted: false,
		app_package_code: null,
	};
}

/** Intercom's ids of admins and teams are numbers in a conversation; 0 and absent are both "nobody". */
const assigneeNumber = (id: string | null) => (id === null || id === '0' ? null : Number(id));

function contactReferences(store: Store, ids: string[]) {
	return {
		type: 'contact.list',
		contacts: ids.map((id) => ({ type: 'contact', id, external_id: store.contacts.get(id)?.external_id ?? null })),
	};
}

export function conversationJson(store: Store, conversation: StoredConversation) {
	const tags = conversation.tags.flatMap((applied) => {
		const tag = store.tags.get(applied.id);
		return tag ? [tagJson(tag, applied)] : [];
	});
	return {
		type: 'conversation',
		id: conversation.id,
		title: conversation.title,
		created_at: conversation.created_at,
		updated_at: conversation.updated_at,
		waiting_since: null,
		snoozed_until: conversation.snoozed_until,
		// A snoozed conversation is still open (the contract's own "Snooze a conversation" example).
		open: conversation.state !== 'closed',
		state: conversation.state,
		read: true,
		priority: 'not_priority',
		admin_assignee_id: assigneeNumber(conversation.admin_assignee_id),
		team_assignee_id: assigneeNumber(conversation.team_assignee_id),
		tags: { type: 'tag.list', tags },
		contacts: contactReferences(store, conversation.contact_ids),
		custom_attributes: { ...conversation.custom_attributes },
		conversation_parts: {
			type: 'conversation_part.list',
			conversation_parts: conversation.parts.map((part) => partJson(store, part)),
			total_count: conversation.parts.length,
		},
	};
}

export function ticketTypeJson(type: StoredTicketType) {
	return {
		type: 'ticket_type',
		id: type.id,
		category: type.category,
		name: type.name,
		description: type.description,
		icon: type.icon,
		workspace_id: WORKSPACE_ID,
		archived: type.archived,
		created_at: type.created_at,
		updated_at: type.updated_at,
		ticket_type_attributes: {
			type: 'list',
			ticket_type_attributes: type.attributes.map((attribute, order) => ({
				type: 'ticket_type_attribute',
				id: attribute.id,
				workspace_id: WORKSPACE_ID,
				name: attribute.name,
				description: attribute.description,
				data_type: attribute.data_type,
				input_options: {},
				order,
				required_to_create: attribute.required_to_create,
				required_to_create_for_contacts: false,
				visible_on_create: true,
				visible_to_contacts: true,
				default: attribute.default,
				ticket_type_id: Number(type.id),
				archived: false,
				created_at: type.created_at,
				updated_at: type.updated_at,
			})),
		},
		ticket_states: {
			type: 'list',
			data: type.states.map((state) => ({ type: 'ticket_state', ...state })),
		},
	};
}

export function ticketJson(store: Store, ticket: StoredTicket) {
	const type = store.ticketTypes.get(ticket.ticket_type_id);
	const state = type?.states.find((s) => s.id === ticket.ticket_state_id);
	return {
		type: 'ticket',
		id: ticket.id,
		ticket_id: ticket.ticket_id,
		category: type?.category ?? 'Customer',
		ticket_attributes: { ...ticket.ticket_attributes },
		ticket_state: state ? { type: 'ticket_state', ...state } : undefined,
		ticket_type: type ? ticketTypeJson(type) : undefined,
		contacts: contactReferences(store, ticket.contact_ids),
		admin_assignee_id: ticket.admin_assignee_id ?? '0',
		team_assignee_id: '0',
		created_at: ticket.created_at,
		updated_at: ticket.updated_at,
		open: ticket.open,
		is_shared: ticket.is_shared,
		linked_objects: { type: 'list', data: [], total_count: 0, has_more: false },
		ticket_parts: { type: 'ticket_part.list', ticket_parts: [], total_count: 0 },
	};
}
