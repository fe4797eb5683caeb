/**
 * Seed helpers: put the workspace into a known state directly (no HTTP, no conflict checks, so tests can
 * build the duplicates Intercom accumulates in real life). Seeded records are searchable at once unless
 * `searchable: false` says they were "just written".
 */
import type {
	ContactRole,
	Store,
	StoredAdmin,
	StoredContact,
	StoredConversation,
	StoredTag,
	StoredTeam,
	StoredTicket,
	StoredTicketType,
	TicketTypeAttribute,
} from './store';

export interface SeedContact {
	role?: ContactRole;
	email?: string | null;
	external_id?: string | null;
	name?: string | null;
	phone?: string | null;
	custom_attributes?: Record<string, unknown>;
	archived?: boolean;
	/** Unix seconds; defaults to now. Lets tests say which duplicate is older. */
	created_at?: number;
	/** False: invisible to search until `searchLagMs` has passed, like a fresh write. Default true. */
	searchable?: boolean;
}

export interface SeedConversation {
	contact_ids?: string[];
	/** Tag names (created when missing) applied to the conversation. */
	tags?: string[];
	title?: string | null;
	custom_attributes?: Record<string, unknown>;
	state?: StoredConversation['state'];
	admin_assignee_id?: string | null;
}

export interface SeedTicketTypeAttribute {
	name: string;
	data_type?: TicketTypeAttribute['data_type'];
	description?: string;
	required_to_create?: boolean;
}

export interface SeedTicketType {
	name: string;
	description?: string;
	category?: StoredTicketType['category'];
	/** Besides the default title and description, which every ticket type has. */
	attributes?: SeedTicketTypeAttribute[];
}

export interface SeedTicket {
	ticket_type_id: string;
	contact_ids: string[];
	ticket_attributes?: Record<string, unknown>;
	searchable?: boolean;
}

const STATE_CATEGORIES = ['submitted', 'in_progress', 'waiting_on_customer', 'resolved'] as const;

export class Seeder {
	constructor(private readonly store: Store) {}

	contact(input: SeedContact = {}): StoredContact {
		const { store } = this;
		const createdAt = input.created_at ?? store.nowSeconds();
		const contact: StoredContact = {
			id: store.nextId('contact'),
			role: input.role ?? 'user',
			external_id: input.external_id ?? null,
			email: input.email ?? null,
			phone: input.phone ?? null,
			name: input.name ?? null,
			avatar: null,
			owner_id: null,
			signed_up_at: null,
			last_seen_at: null,
			unsubscribed_from_emails: false,
			custom_attributes: { ...input.custom_attributes },
			created_at: createdAt,
			updated_at: createdAt,
			archived: input.archived ?? false,
		};
		store.contacts.set(contact.id, contact);
		store.indexContact(contact, input.searchable === false ? store.clock() : -Infinity);
		return contact;
	}

	user(input: Omit<SeedContact, 'role'> = {}): StoredContact {
		return this.contact({ ...input, role: 'user' });
	}

	lead(input: Omit<SeedContact, 'role'> = {}): StoredContact {
		return this.contact({ ...input, role: 'lead' });
	}

	archivedContact(input: Omit<SeedContact, 'archived'> = {}): StoredContact {
		return this.contact({ ...input, archived: true });
	}

	/** The tag with this name, created when missing. */
	tag(name: string): StoredTag {
		const existing = this.store.tagByName(name);
		if (existing) return existing;
		const tag = { id: this.store.nextId('tag'), name };
		this.store.tags.set(tag.id, tag);
		return tag;
	}

	admin(input: { name?: string; email?: string } = {}): StoredAdmin {
		const id = this.store.nextId('admin');
		const admin = { id, name: input.name ?? `Admin ${id}`, email: input.email ?? `admin${id}@example.org` };
		this.store.admins.set(id, admin);
		return admin;
	}

	team(input: { name?: string; admin_ids?: string[] } = {}): StoredTeam {
		const id = this.store.nextId('team');
		const team = { id, name: input.name ?? `Team ${id}`, admin_ids: [...(input.admin_ids ?? [])] };
		this.store.teams.set(id, team);
		return team;
	}

	conversation(input: SeedConversation = {}): StoredConversation {
		const { store } = this;
		const now = store.nowSeconds();
		const conversation: StoredConversation = {
			id: store.nextId('conversation'),
			title: input.title ?? null,
			contact_ids: [...(input.contact_ids ?? [])],
			tags: (input.tags ?? []).map((name) => ({
				id: this.tag(name).id,
				applied_at: now,
				applied_by: store.meAdminId,
			})),
			custom_attributes: { ...input.custom_attributes },
			state: input.state ?? 'open',
			snoozed_until: null,
			admin_assignee_id: input.admin_assignee_id ?? null,
			team_assignee_id: null,
			parts: [],
			created_at: now,
			updated_at: now,
		};
		store.conversations.set(conversation.id, conversation);
		return conversation;
	}

	ticketType(input: SeedTicketType): StoredTicketType {
		const { store } = this;
		const now = store.nowSeconds();
		const attribute = (seed: SeedTicketTypeAttribute, isDefault: boolean): TicketTypeAttribute => ({
			id: store.nextId('attribute'),
			name: seed.name,
			description: seed.description ?? '',
			data_type: seed.data_type ?? 'string',
			required_to_create: seed.required_to_create ?? false,
			default: isDefault,
		});
		const type: StoredTicketType = {
			id: store.nextId('ticket_type'),
			name: input.name,
			description: input.description ?? '',
			category: input.category ?? 'Customer',
			icon: '🎟️',
			attributes: [
				attribute({ name: '_default_title_', description: 'Title' }, true),
				attribute({ name: '_default_description_', description: 'Description' }, true),
				...(input.attributes ?? []).map((seed) => attribute(seed, false)),
			],
			states: STATE_CATEGORIES.map((category) => ({
				id: store.nextId('state'),
				category,
				internal_label: category.replace(/_/g, ' '),
				external_label: category.replace(/_/g, ' '),
			})),
			archived: false,
			created_at: now,
			updated_at: now,
		};
		store.ticketTypes.set(type.id, type);
		return type;
	}

	ticket(input: SeedTicket): StoredTicket {
		const { store } = this;
		const type = store.ticketTypes.get(input.ticket_type_id);
		if (!type) throw new Error(`Seed a ticket type before its tickets (no type ${input.ticket_type_id})`);
		const now = store.nowSeconds();
		const ticket: StoredTicket = {
			id: store.nextId('ticket'),
			ticket_id: store.nextId('ticket_public'),
			ticket_type_id: type.id,
			contact_ids: [...input.contact_ids],
			ticket_attributes: { ...input.ticket_attributes },
			ticket_state_id: type.states[0].id,
			open: true,
			is_shared: false,
			admin_assignee_id: null,
			created_at: now,
			updated_at: now,
		};
		store.tickets.set(ticket.id, ticket);
		store.indexTicket(ticket, input.searchable === false ? store.clock() : -Infinity);
		return ticket;
	}
}
