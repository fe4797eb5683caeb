import type { INodePropertyOptions } from 'n8n-workflow';

/** The topics the contact-enrichment and tag re-sync flows listen to (seed 003). */
export const SYNC_TOPICS = [
	'conversation.user.created',
	'conversation.user.replied',
	'conversation_part.tag.created',
];

export const TAG_ADDED_TOPIC = 'conversation_part.tag.created';

/**
 * Intercom webhook topics (API 2.15 and later), as Intercom's webhook reference lists them; a test holds each to
 * that list (test/fixtures/intercom-webhook-topics.txt). The three the sync flows use come first, the rest
 * follow by area. Topics missing here still arrive with "All Topics".
 */
export const TOPIC_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Contact Started a Conversation',
		value: 'conversation.user.created',
		description: 'A user or lead sent a new message (conversation.user.created)',
	},
	{
		name: 'Contact Replied to a Conversation',
		value: 'conversation.user.replied',
		description: 'A user or lead replied (conversation.user.replied)',
	},
	{
		name: 'Tag Added to a Conversation',
		value: 'conversation_part.tag.created',
		description: 'A teammate or rule tagged a conversation (conversation_part.tag.created)',
	},
	{ name: 'Conversation Assigned', value: 'conversation.admin.assigned' },
	{ name: 'Conversation Closed', value: 'conversation.admin.closed' },
	{ name: 'Conversation Deleted', value: 'conversation.deleted' },
	{ name: 'Conversation Opened by a Teammate', value: 'conversation.admin.opened' },
	{ name: 'Conversation Part Redacted', value: 'conversation_part.redacted' },
	{ name: 'Conversation Priority Changed', value: 'conversation.priority.updated' },
	{ name: 'Conversation Rated', value: 'conversation.rating.added' },
	{ name: 'Conversation Snoozed', value: 'conversation.admin.snoozed' },
	{ name: 'Conversation Unsnoozed', value: 'conversation.admin.unsnoozed' },
	{ name: 'Contact Added to a Conversation', value: 'conversation.contact.attached' },
	{ name: 'Contact Removed From a Conversation', value: 'conversation.contact.detached' },
	{ name: 'Note Added to a Conversation', value: 'conversation.admin.noted' },
	{ name: 'Teammate Replied to a Conversation', value: 'conversation.admin.replied' },
	{ name: 'Teammate Started a Conversation', value: 'conversation.admin.single.created' },
	{ name: 'Contact Archived', value: 'contact.archived' },
	{ name: 'Contact Deleted', value: 'contact.deleted' },
	{ name: 'Contact Email Changed', value: 'contact.email.updated' },
	{ name: 'Contact Subscribed to Emails', value: 'contact.subscribed' },
	{ name: 'Contact Unsubscribed From Emails', value: 'contact.unsubscribed' },
	{ name: 'Lead Created', value: 'contact.lead.created' },
	{ name: 'Lead Signed Up (Became a User)', value: 'contact.lead.signed_up' },
	{ name: 'Lead Tagged', value: 'contact.lead.tag.created' },
	{ name: 'Lead Untagged', value: 'contact.lead.tag.deleted' },
	{ name: 'Lead Updated', value: 'contact.lead.updated' },
	{ name: 'User Created', value: 'contact.user.created' },
	{ name: 'User Tagged', value: 'contact.user.tag.created' },
	{ name: 'User Untagged', value: 'contact.user.tag.deleted' },
	{ name: 'User Updated', value: 'contact.user.updated' },
	{ name: 'Visitor Signed Up', value: 'visitor.signed_up' },
	{ name: 'Company Created', value: 'company.created' },
	{ name: 'Company Deleted', value: 'company.deleted' },
	{ name: 'Company Updated', value: 'company.updated' },
	{ name: 'Data Event Recorded', value: 'event.created' },
	{ name: 'Ticket Assigned to a Team', value: 'ticket.team.assigned' },
	{ name: 'Ticket Assigned to a Teammate', value: 'ticket.admin.assigned' },
	{ name: 'Ticket Contact Added', value: 'ticket.contact.attached' },
	{ name: 'Ticket Contact Removed', value: 'ticket.contact.detached' },
	{ name: 'Ticket Created', value: 'ticket.created' },
	{ name: 'Ticket Note Added', value: 'ticket.note.created' },
	{ name: 'Ticket State Changed', value: 'ticket.state.updated' },
	// API 2.15 split these: resolved follows the ticket's state, closed its conversation (before 2.15 closed meant resolved).
	{ name: 'Ticket Resolved (API 2.15+)', value: 'ticket.resolved' },
	{ name: 'Ticket Closed', value: 'ticket.closed', description: 'From API 2.15: the ticket’s conversation was closed. Before 2.15: the ticket was resolved.' },
	{ name: 'Ticket Attribute Changed', value: 'ticket.attribute.updated' },
	{ name: 'Ticket Rated', value: 'ticket.rating.provided' },
	{ name: 'Teammate Replied to a Ticket', value: 'ticket.admin.replied' },
	{ name: 'Contact Replied to a Ticket', value: 'ticket.contact.replied' },
];
