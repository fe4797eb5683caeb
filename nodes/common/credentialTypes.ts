/**
 * The credential type names of this package, as workflows and n8n's credential store spell them. The credential
 * classes and the nodes both read them from here, so the two cannot drift apart. No imports: the credential
 * files load this module too.
 */
export const CREDENTIAL_TYPES = {
	intercom: 'intercomSyncApi',
	todoist: 'todoistSyncApi',
	memberDatabase: 'memberDatabase',
	supabase: 'supabaseSyncApi',
	lookupApi: 'memberLookupApi',
	customerDataEvents: 'customerDataEventsApi',
	n8nApi: 'intercomSyncN8nApi',
} as const;
