/**
 * One name for each field everywhere: the README's Credentials section and `npm start`'s summary name the fields
 * by the labels n8n's form shows. (n8n relabels a field named clientId or clientSecret, whatever its displayName.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialType } from 'n8n-workflow';

import { CustomerDataEventsApi } from '../../credentials/CustomerDataEventsApi.credentials';
import { IntercomSyncApi } from '../../credentials/IntercomSyncApi.credentials';
import { MemberDatabase } from '../../credentials/MemberDatabase.credentials';
import { MemberLookupApi } from '../../credentials/MemberLookupApi.credentials';
import { SupabaseSyncApi } from '../../credentials/SupabaseSyncApi.credentials';
import { TodoistSyncApi } from '../../credentials/TodoistSyncApi.credentials';
import { readWorkflowFiles } from '../../scripts/n8n/sync-workflows';
import { CREDENTIAL_FIELDS, credentialLines, emptySyncCredentials } from '../../scripts/start/credentials';

const credentials: ICredentialType[] = [
	new IntercomSyncApi(),
	new TodoistSyncApi(),
	new MemberDatabase(),
	new SupabaseSyncApi(),
	new MemberLookupApi(),
	new CustomerDataEventsApi(),
];
const byType = new Map(credentials.map((credential) => [credential.name, credential]));

/** The labels the form shows: hidden fields are not drawn. */
const formLabels = (credential: ICredentialType) =>
	credential.properties.filter((property) => property.type !== 'hidden').map((property) => property.displayName);

it('no field is named so that n8n relabels it', () => {
	for (const credential of credentials) {
		const relabelled = credential.properties.filter(({ name, type }) => ['clientId', 'clientSecret'].includes(name) && type !== 'hidden');
		expect({ credential: credential.name, relabelled }).toEqual({ credential: credential.name, relabelled: [] });
	}
});

describe('README, Credentials', () => {
	const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
	const section = readme.slice(readme.indexOf('## Credentials'), readme.indexOf('\n## ', readme.indexOf('## Credentials') + 1));

	it.each(credentials.map((credential) => [credential.displayName, credential] as const))('%s: every field by its label', (displayName, credential) => {
		const start = section.indexOf(`**${displayName}**`);
		expect(start).toBeGreaterThanOrEqual(0);
		const paragraph = section.slice(start, section.indexOf('\n\n', start));
		const missing = formLabels(credential).filter((label) => !paragraph.includes(`*${label}*`));
		expect(missing).toEqual([]);
	});
});

describe('sticky notes', () => {
	// Labels of more than one word; single words (User, Port, Region) are also ordinary prose.
	const labels = [...new Set(credentials.flatMap(formLabels))].filter((label) => label.includes(' '));
	const notes = readWorkflowFiles().flatMap(({ file, workflow }) =>
		workflow.nodes
			.filter((node) => node.type === 'n8n-nodes-base.stickyNote')
			.map((node) => ({ note: `${file.replace(/.*\//, '')}: ${node.name}`, text: String((node.parameters as { content?: unknown }).content) })),
	);

	it.each(notes.map(({ note, text }) => [note, text]))('%s: spells every field label it uses as the form does', (_note, text) => {
		// Code quotes what a service answers ("Missing or wrong API key"); bold names credentials ("Member Lookup API key").
		const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '').replace(/\*\*[^*]*\*\*/g, '');
		const misspelt = labels.flatMap((label) =>
			[...prose.matchAll(new RegExp(`\\b${label}\\b`, 'gi'))].map(([found]) => found).filter((found) => found !== label),
		);
		expect(misspelt).toEqual([]);
	});
});

describe("npm start's summary", () => {
	const stored = emptySyncCredentials('generated-key');
	const lines = credentialLines({ created: [], stillEmpty: [], lookupApiKey: 'generated-key' }, '.n8n-data/lookup-api-key.txt');

	it.each(stored.map(({ name, type }) => [name, type] as const))('%s: names the fields the form requires, by their labels', (name, type) => {
		const credential = byType.get(type)!;
		const line = lines.find((candidate) => candidate.startsWith(`  ${name}: `));
		expect(line).toBeDefined();
		const required = credential.properties.filter((property) => property.required && !property.displayOptions).map((property) => property.displayName);
		expect(required.filter((label) => !line!.includes(label))).toEqual([]);
	});

	it.each(Object.entries(CREDENTIAL_FIELDS))('%s: every field it names is a label of that form', (name, { type, fields }) => {
		expect(stored.find((credential) => credential.name === name)?.type).toBe(type);
		expect(fields.filter((label) => !formLabels(byType.get(type)!).includes(label))).toEqual([]);
	});
});
