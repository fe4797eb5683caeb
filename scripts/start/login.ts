import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nRestClient } from '../n8n/rest-client';

export interface Login {
	email: string;
	password: string;
}

const LOGIN_FILE = 'login.json';

/** n8n wants 8+ characters with a digit and a capital letter; 20 random characters plus both, to be sure. */
function generatePassword(): string {
	return `${randomBytes(15).toString('base64url')}A7`;
}

/**
 * Logs in as the instance owner. On the first run there is none yet: create it with a generated password and
 * keep the login in the data folder, so every later run (and the person reading the terminal) has it.
 */
export async function ensureOwnerLogin(client: N8nRestClient, dataDir: string): Promise<Login> {
	const loginFile = join(dataDir, LOGIN_FILE);
	const settings = await client.get<{ userManagement: { showSetupOnFirstLoad?: boolean } }>('/rest/settings');
	const needsOwner = settings.userManagement.showSetupOnFirstLoad === true;

	if (needsOwner) {
		const login: Login = { email: process.env.N8N_OWNER_EMAIL ?? 'admin@example.com', password: generatePassword() };
		await client.setupOwner({ ...login, firstName: 'Local', lastName: 'Admin' });
		writeFileSync(loginFile, `${JSON.stringify(login, null, '\t')}\n`, { mode: 0o600 });
		return login;
	}

	if (!existsSync(loginFile)) {
		throw new Error(
			`This n8n already has an owner, but ${loginFile} with its login is gone. Log in with the password you set, ` +
				'or delete the .n8n-data folder to start over (its workflows, credentials and executions go with it).',
		);
	}
	const login = JSON.parse(readFileSync(loginFile, 'utf8')) as Login;
	try {
		await client.login(login.email, login.password);
	} catch (error) {
		throw new Error(
			`Could not log in with the login in ${loginFile} (was the password changed in n8n? Then put the new one in that file). ${(error as Error).message}`,
		);
	}
	return login;
}
