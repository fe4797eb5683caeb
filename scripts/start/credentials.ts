import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { CREDENTIAL_TYPES } from '../../nodes/shared/credentialTypes';
import type { N8nRestClient } from '../n8n/rest-client';
import { CREDENTIAL_NAMES, LOOKUP_API_KEY_HEADER, syncCredentials } from '../n8n/sync-workflows';

export interface SyncCredentialsStatus {
	/** Names created on this run (empty values for the user to fill in). */
	created: string[];
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
};

const listed = (labels: string[]) => `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;

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
	const existing = await client.get<Array<{ name: string; type: string }>>('/rest/credentials');
	const wanted = syncCredentials({
		intercom: { accessToken: '', webhookClientSecret: '' },
		todoist: { apiToken: '', appClientSecret: '' },
		memberDatabase: { host: 'localhost', port: 3306, database: '', user: '', password: '' },
		supabase: { url: '', serviceRoleKey: '' },
		lookupApiKey: key,
	});
	const created: string[] = [];
	for (const credential of wanted) {
		if (existing.some((stored) => stored.name === credential.name && stored.type === credential.type)) continue;
		await client.post('/rest/credentials', credential);
		created.push(credential.name);
	}
	return { created, lookupApiKey: key };
}

export function credentialLines(status: SyncCredentialsStatus, keyFile: string): string[] {
	const lines = ['Credentials the workflows use (editor → Overview → Credentials):'];
	for (const [name, { fields, from }] of Object.entries(CREDENTIAL_FIELDS)) {
		const created = status.created.includes(name) ? '   ← created empty on this run, fill it in' : '';
		lines.push(`  ${name}: ${listed(fields)} (${from})${created}`);
	}
	lines.push(
		`  ${CREDENTIAL_NAMES.lookupApiKey}: Header Name ${LOOKUP_API_KEY_HEADER}, API Key ${status.lookupApiKey}   (kept in ${keyFile})`,
	);
	return lines;
}

export const lookupKeyFile = (dataDir: string): string => join(dataDir, LOOKUP_KEY_FILE);
