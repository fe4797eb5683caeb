/** The fake workspace's in-memory state, readable by tests (`fake.store`). */
import { notFound } from './errors';
import { LaggedIndex } from './lagged-index';

export type ContactRole = 'user' | 'lead';

export interface StoredContact {
	id: string;
	role: ContactRole;
	external_id: string | null;
	email: string | null;
	phone: string | null;
	name: string | null;
	avatar: string | null;
	owner_id: number | null;
	signed_up_at: number | null;
	last_seen_at: number | null;
	unsubscribed_from_emails: boolean;
	custom_attributes: Record<string, unknown>;
	created_at: number;
	updated_at: number;
	archived: boolean;
	/** Set once merged away: the contact then answers 404 everywhere. */
	merged_into?: string;
}

export interface StoredTag {
	id: string;
	name: string;
}

export interface AppliedTag {
	id: string;
	applied_at: number;
	applied_by: string;
}

export type ConversationState = 'open' | 'closed' | 'snoozed';

export interface StoredConversation {
	id: string;
	title: string | null;
	contact_ids: string[];
	tags: AppliedTag[];
	custom_attributes: Record<string, unknown>;
	state: ConversationState;
	snoozed_until: number | null;
	admin_assignee_id: string | null;
	team_assignee_id: string | null;
	/** Replies, notes and state changes, oldest first. */
	parts: StoredConversationPart[];
	created_at: number;
	updated_at: number;
}

export interface StoredConversationPart {
	id: string;
	/** comment, note, close, open, snoozed or assignment. */
	part_type: string;
	body: string | null;
	/** The admin who wrote the part or made the change. */
	author_id: string;
	/** For an assignment: whom the conversation went to (id `0`: nobody). */
	assigned_to: { type: 'admin' | 'team'; id: string } | null;
	created_at: number;
}

export interface StoredTeam {
	id: string;
	name: string;
	admin_ids: string[];
}

export interface TicketTypeAttribute {
	id: string;
	name: string;
	description: string;
	data_type: 'string' | 'list' | 'integer' | 'decimal' | 'boolean' | 'datetime' | 'files';
	required_to_create: boolean;
	default: boolean;
}

export interface TicketState {
	id: string;
	category: 'submitted' | 'in_progress' | 'waiting_on_customer' | 'resolved';
	internal_label: string;
	external_label: string;
}

export interface StoredTicketType {
	id: string;
	name: string;
	description: string;
	category: 'Customer' | 'Back-office' | 'Tracker';
	icon: string;
	attributes: TicketTypeAttribute[];
	states: TicketState[];
	archived: boolean;
	created_at: number;
	updated_at: number;
}

export interface StoredTicket {
	id: string;
	ticket_id: string;
	ticket_type_id: string;
	contact_ids: string[];
	ticket_attributes: Record<string, unknown>;
	ticket_state_id: string;
	open: boolean;
	is_shared: boolean;
	admin_assignee_id: string | null;
	created_at: number;
	updated_at: number;
}

export interface StoredTicketReply {
	id: string;
	ticket_id: string;
	part_type: 'comment' | 'note';
	body: string;
	admin_id: string;
	created_at: number;
}

export interface StoredAdmin {
	id: string;
	name: string;
	email: string;
}

export interface StoredEvent {
	event_name: string;
	created_at: number;
	contact_id: string;
	metadata: Record<string, unknown>;
}

export interface StoredNote {
	id: string;
	contact_id: string;
	admin_id: string;
	body: string;
	created_at: number;
}

const ID_STARTS: Record<string, number> = {
	contact: 1,
	tag: 7000,
	conversation: 64619700005000,
	ticket: 480,
	ticket_public: 1,
	ticket_type: 10,
	attribute: 9100,
	state: 7600,
	admin: 991200,
	note: 3300,
	part: 100,
	team: 5017690,
};

export class Store {
	readonly contacts = new Map<string, StoredContact>();
	readonly tags = new Map<string, StoredTag>();
	readonly conversations = new Map<string, StoredConversation>();
	readonly tickets = new Map<string, StoredTicket>();
	readonly ticketTypes = new Map<string, StoredTicketType>();
	readonly admins = new Map<string, StoredAdmin>();
	readonly teams = new Map<string, StoredTeam>();
	/** Tags applied to contacts, by contact id. */
	readonly contactTags = new Map<string, AppliedTag[]>();
	readonly events: StoredEvent[] = [];
	readonly notes: StoredNote[] = [];
	/** Replies and notes admins added to tickets, in order. */
	readonly ticketReplies: StoredTicketReply[] = [];
	/** The admin who owns the token (`GET /me`). */
	meAdminId = '';
	readonly contactIndex = new LaggedIndex<StoredContact>();
	readonly ticketIndex = new LaggedIndex<StoredTicket>();
	private readonly counters = new Map<string, number>();

	constructor(
		readonly clock: () => number,
		public searchLagMs: number,
	) {}

	nextId(kind: keyof typeof ID_STARTS): string {
		const next = this.counters.get(kind) ?? ID_STARTS[kind];
		this.counters.set(kind, next + 1);
		// Contact ids look like Intercom's: 24 hex digits.
		return kind === 'contact' ? `6${next.toString(16).padStart(23, '0')}` : String(next);
	}

	nowSeconds(): number {
		return Math.floor(this.clock() / 1000);
	}

	/** Records a contact write for search; `at: -Infinity` makes it visible at once (seeded history). */
	indexContact(contact: StoredContact, at = this.clock()): void {
		const searchable = !contact.archived && !contact.merged_into;
		this.contactIndex.record(contact.id, searchable ? contact : undefined, at);
	}

	indexTicket(ticket: StoredTicket, at = this.clock()): void {
		this.ticketIndex.record(ticket.id, ticket, at);
	}

	/** A contact that exists, is not archived and was not merged away; else Intercom's 404. */
	liveContact(id: string): StoredContact {
		const contact = this.contacts.get(id);
		if (!contact || contact.archived || contact.merged_into) throw notFound('User Not Found');
		return contact;
	}

	/** Contacts not merged away whose email matches case-insensitively, oldest first. */
	contactsWithEmail(email: string): StoredContact[] {
		const wanted = email.trim().toLowerCase();
		const found: StoredContact[] = [];
		for (const contact of this.contacts.values()) {
			if (!contact.merged_into && contact.email?.toLowerCase() === wanted) found.push(contact);
		}
		return found;
	}

	contactWithExternalId(externalId: string): StoredContact | undefined {
		for (const contact of this.contacts.values()) {
			if (!contact.merged_into && contact.external_id === externalId) return contact;
		}
		return undefined;
	}

	/** Intercom's tag names are case-insensitive ("Names are case insensitive", create_or_update_tag_request). */
	tagByName(name: string): StoredTag | undefined {
		const wanted = name.toLowerCase();
		return [...this.tags.values()].find((tag) => tag.name.toLowerCase() === wanted);
	}

	admin(id: string): StoredAdmin {
		const admin = this.admins.get(id);
		if (!admin) throw notFound('Admin not found', 'admin_not_found');
		return admin;
	}

	team(id: string): StoredTeam {
		const team = this.teams.get(id);
		if (!team) throw notFound('Team not found', 'team_not_found');
		return team;
	}
}
