import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CREDENTIAL_TYPES } from '../../nodes/common/credentialTypes';
import { OLD_SIGNING_SECRET_FIELD } from '../../nodes/common/signingSecret';
import { CREDENTIAL_EMPTY_VALUE } from 'n8n-workflow';

import type { N8nRestClient } from '../n8n/rest-client';
import { CREDENTIAL_NAMES, CUSTOMER_DATA_EVENTS_KEY_HEADER, LOOKUP_API_KEY_HEADER, syncCredentials } from '../n8n/sync-workflows';

export interface SyncCredentialsStatus {
	/** Names created on this run (empty values for the user to fill in). */
	created: string[];
	/** Names whose needed fields (NEEDED_FIELDS) are still empty, on this run or any later one. */
	stillEmpty: string[];
	/** The lookup API's key, for the person who calls it. */
	lookupApiKey: string;
}

const LOOKUP_KEY_FILE = 'lookup-api-key.txt';

/** What each credential needs from the user, named by the labels of its form, and where the values come from. */
export const CREDENTIAL_FIELDS: Record<string, { type: string; fields: string[]; from: string }> = {
	[CREDENTIAL_NAMES.intercom]: {
		type: CREDENTIAL_TYPES.intercom,
		fields: ['Access Token', 'Webhook Client Secret'],
		from: 'Intercom Developer Hub → your app',
	},
	[CREDENTIAL_NAMES.intercomTickets]: {
		type: CREDENTIAL_TYPES.intercom,
		fields: ['Access Token', 'Webhook Client Secret'],
		from: 'a second app in the Intercom Developer Hub, for the ticket webhooks of the bug escalation',
	},
	[CREDENTIAL_NAMES.todoist]: {
		type: CREDENTIAL_TYPES.todoist,
		fields: ['API Token', 'App Client Secret'],
		from: 'Todoist Settings → Integrations → Developer, and the App Management Console',
	},
	[CREDENTIAL_NAMES.memberDatabase]: {
		type: CREDENTIAL_TYPES.memberDatabase,
		fields: ['Host', 'Port', 'Database', 'User', 'Password'],
		from: 'ask your database administrator',
	},
	[CREDENTIAL_NAMES.supabase]: {
		type: CREDENTIAL_TYPES.supabase,
		fields: ['Project URL', 'Service Role Key'],
		from: 'Supabase → Project Settings → API',
	},
	[CREDENTIAL_NAMES.customerDataEvents]: {
		type: CREDENTIAL_TYPES.customerDataEvents,
		fields: ['Authentication', 'Header Name', 'API Key', 'User', 'Password', 'Shared Secret'],
		from: 'only those of the Authentication you choose; the same values go into Tealium, Segment or RudderStack',
	},
};

const listed = (labels: string[]) => `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;

/** The signing secrets' own field names, which replaced OLD_SIGNING_SECRET_FIELD. */
const SIGNING_SECRET_FIELDS: ReadonlySet<string> = new Set(['webhookClientSecret', 'appClientSecret']);

/** Fields (as the credential types name them) without which the workflows cannot run. */
export const NEEDED_FIELDS: Record<string, string[]> = {
	[CREDENTIAL_NAMES.intercom]: ['accessToken', 'webhookClientSecret'],
	[CREDENTIAL_NAMES.intercomTickets]: ['accessToken', 'webhookClientSecret'],
	[CREDENTIAL_NAMES.todoist]: ['apiToken', 'appClientSecret'],
	[CREDENTIAL_NAMES.memberDatabase]: ['database', 'user'],
	[CREDENTIAL_NAMES.supabase]: ['url', 'serviceRoleKey'],
	// As npm start creates it (Key in a Header); NEEDED_BY_AUTHENTICATION says what another choice needs.
	[CREDENTIAL_NAMES.customerDataEvents]: ['headerName', 'apiKey'],
};

/** For a credential whose needed fields follow its Authentication choice: the fields of each choice. */
export const NEEDED_BY_AUTHENTICATION: Record<string, Record<string, string[]>> = {
	[CREDENTIAL_NAMES.customerDataEvents]: {
		headerKey: ['headerName', 'apiKey'],
		basicAuth: ['user', 'password'],
		segmentSignature: ['sharedSecret'],
	},
};

/** The fields `name` needs, given what is stored (its Authentication choice, for credentials that have one). */
function neededFields(name: string, data: Record<string, unknown> | undefined): string[] {
	const byAuthentication = NEEDED_BY_AUTHENTICATION[name];
	const chosen = typeof data?.authentication === 'string' ? byAuthentication?.[data.authentication] : undefined;
	return chosen ?? NEEDED_FIELDS[name] ?? [];
}

interface StoredCredential {
	name: string;
	type: string;
	/** As n8n lists it with includeData: secrets read CREDENTIAL_EMPTY_VALUE when empty, a mask otherwise. */
	data?: Record<string, unknown>;
}

/** The names of the stored credentials with a needed field still empty. */
export function credentialsStillEmpty(stored: StoredCredential[], wanted: Array<{ name: string; type: string }>): string[] {
	const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || value === CREDENTIAL_EMPTY_VALUE;
	return wanted
		.filter(({ name, type }) => {
			const credential = stored.find((candidate) => candidate.name === name && candidate.type === type);
			// A signing secret saved before the rename still counts (the triggers read it: readSigningSecret).
			const filled = (field: string) =>
				!isEmpty(credential?.data?.[field]) || (SIGNING_SECRET_FIELDS.has(field) && !isEmpty(credential?.data?.[OLD_SIGNING_SECRET_FIELD]));
			return credential?.data !== undefined && neededFields(name, credential.data).some((field) => !filled(field));
		})
		.map(({ name }) => name);
}

function lookupApiKey(dataDir: string): string {
	const file = join(dataDir, LOOKUP_KEY_FILE);
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	const key = randomBytes(24).toString('base64url');
	writeFileSync(file, `${key}\n`, { mode: 0o600 });
	return key;
}

/**
 * Creates the credentials the workflows name, when this n8n has none of that name and type yet, so the
 * workflows import already linked to them. Secrets start empty (the triggers refuse every webhook until the
 * client secrets are filled in); the lookup API key is generated and kept in the data folder.
 */
export async function ensureSyncCredentials(client: N8nRestClient, dataDir: string): Promise<SyncCredentialsStatus> {
	const key = lookupApiKey(dataDir);
	// With their data: which are still empty is asked on every start, since the editor is where they get filled in.
	const stored = await client.get<StoredCredential[]>('/rest/credentials?includeData=true&includeScopes=true');
	const wanted = emptySyncCredentials(key);
	const created: string[] = [];
	for (const credential of wanted) {
		if (stored.some((candidate) => candidate.name === credential.name && candidate.type === credential.type)) continue;
		await client.post('/rest/credentials', credential);
		created.push(credential.name);
	}
	// Those just created are empty by construction.
	const stillEmpty = [...created.filter((name) => name in NEEDED_FIELDS), ...credentialsStillEmpty(stored, wanted)];
	return { created, stillEmpty, lookupApiKey: key };
}

/** The credentials the workflows name, as `npm start` creates them: only the lookup API's key is filled in (the
 * customer data events credential starts empty, so its trigger refuses every request until one is chosen). */
export function emptySyncCredentials(lookupApiKey: string) {
	return syncCredentials({
		intercom: { accessToken: '', webhookClientSecret: '' },
		intercomTickets: { accessToken: '', webhookClientSecret: '' },
		todoist: { apiToken: '', appClientSecret: '' },
		memberDatabase: { host: 'localhost', port: 3306, database: '', user: '', password: '' },
		supabase: { url: '', serviceRoleKey: '' },
		lookupApiKey,
		customerDataEvents: { authentication: 'headerKey', headerName: CUSTOMER_DATA_EVENTS_KEY_HEADER, apiKey: '' },
	});
}

export function credentialLines(status: SyncCredentialsStatus, keyFile: string): string[] {
	const lines = ['Credentials the workflows use (editor → Overview → Credentials):'];
	for (const [name, { fields, from }] of Object.entries(CREDENTIAL_FIELDS)) {
		lines.push(`  ${name}: ${listed(fields)} (${from})${emptyNote(status, name)}`);
	}
	lines.push(
		`  ${CREDENTIAL_NAMES.lookupApiKey}: Header Name ${LOOKUP_API_KEY_HEADER}, API Key ${status.lookupApiKey}   (kept in ${keyFile})`,
	);
	return lines;
}

function emptyNote(status: SyncCredentialsStatus, name: string): string {
	if (!status.stillEmpty.includes(name)) return '';
	return status.created.includes(name) ? '   ← created empty on this run, fill it in' : '   ← still empty, fill it in';
}

export const lookupKeyFile = (dataDir: string): string => join(dataDir, LOOKUP_KEY_FILE);
