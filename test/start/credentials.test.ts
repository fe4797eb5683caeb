/** How `npm start` tells, on every start, which of the credentials it created are still empty. */
import { CREDENTIAL_BLANKING_VALUE, CREDENTIAL_EMPTY_VALUE } from 'n8n-workflow';

import { CREDENTIAL_NAMES } from '../../scripts/n8n/sync-workflows';
import { credentialsStillEmpty, emptySyncCredentials, NEEDED_BY_AUTHENTICATION, NEEDED_FIELDS } from '../../scripts/start/credentials';
import { declaredCredentialTypes } from '../support/n8n';

const wanted = emptySyncCredentials('generated-key-of-enough-length');

/** A password field as n8n's credential list shows it (includeData): a marker for empty, a mask otherwise. */
const secret = (value: string) => (value === '' ? CREDENTIAL_EMPTY_VALUE : CREDENTIAL_BLANKING_VALUE);

/** The credentials as n8n lists them, after the user filled in `filled`. */
function asListed(filled: Record<string, Record<string, string>> = {}) {
	const types = new Map(declaredCredentialTypes().map((type) => [type.name, type]));
	return wanted.map(({ name, type, data }) => {
		const values: Record<string, unknown> = { ...data, ...filled[name] };
		for (const property of (types.get(type)?.properties ?? []) as Array<{ name: string; typeOptions?: { password?: boolean } }>) {
			if (property.typeOptions?.password && property.name in values) values[property.name] = secret(String(values[property.name]));
		}
		return { name, type, data: values };
	});
}

it('checks only fields the credential types declare (a renamed field fails here)', () => {
	const types = new Map(declaredCredentialTypes().map((type) => [type.name, type]));
	for (const { name, type } of wanted) {
		const declared = (types.get(type)?.properties ?? []).map((property) => property.name);
		const byAuthentication = Object.values(NEEDED_BY_AUTHENTICATION[name] ?? {}).flat();
		for (const field of [...(NEEDED_FIELDS[name] ?? []), ...byAuthentication]) {
			expect({ name, field, declared: declared.includes(field) }).toEqual({ name, field, declared: true });
		}
	}
	for (const [name, choices] of Object.entries(NEEDED_BY_AUTHENTICATION)) {
		const type = wanted.find((credential) => credential.name === name)?.type;
		const authentication = types.get(type ?? '')?.properties.find((property) => property.name === 'authentication') as { options?: Array<{ value: string }> } | undefined;
		expect(Object.keys(choices).sort()).toEqual((authentication?.options ?? []).map((option) => option.value).sort());
	}
});

it('names the six the user fills in while they are as npm start created them', () => {
	expect(credentialsStillEmpty(asListed(), wanted)).toEqual([
		CREDENTIAL_NAMES.intercom,
		CREDENTIAL_NAMES.intercomTickets,
		CREDENTIAL_NAMES.todoist,
		CREDENTIAL_NAMES.memberDatabase,
		CREDENTIAL_NAMES.supabase,
		CREDENTIAL_NAMES.customerDataEvents,
	]);
});

it('names a credential while any needed field is empty, and none once all are filled in', () => {
	const filled = {
		[CREDENTIAL_NAMES.intercom]: { accessToken: 'token', webhookClientSecret: 'secret' },
		[CREDENTIAL_NAMES.intercomTickets]: { accessToken: 'token', webhookClientSecret: 'another secret' },
		[CREDENTIAL_NAMES.todoist]: { apiToken: 'token', appClientSecret: 'secret' },
		[CREDENTIAL_NAMES.memberDatabase]: { database: 'members', user: 'reader' },
		[CREDENTIAL_NAMES.supabase]: { url: 'https://example.supabase.co', serviceRoleKey: 'key' },
		[CREDENTIAL_NAMES.customerDataEvents]: { apiKey: 'a-long-random-key-for-tealium' },
	};
	expect(credentialsStillEmpty(asListed(filled), wanted)).toEqual([]);
	const halfway = { ...filled, [CREDENTIAL_NAMES.intercom]: { accessToken: 'token' } };
	expect(credentialsStillEmpty(asListed(halfway), wanted)).toEqual([CREDENTIAL_NAMES.intercom]);
	const savedBeforeTheRename = { ...filled, [CREDENTIAL_NAMES.todoist]: { apiToken: 'token', clientSecret: 'secret' } };
	expect(credentialsStillEmpty(asListed(savedBeforeTheRename), wanted)).toEqual([]);
});

it('says nothing of a credential it cannot read or that is gone', () => {
	const listed = asListed().map((credential) => (credential.name === CREDENTIAL_NAMES.intercom ? { ...credential, data: undefined } : credential));
	expect(credentialsStillEmpty(listed.filter((credential) => credential.name !== CREDENTIAL_NAMES.todoist), wanted)).toEqual([
		CREDENTIAL_NAMES.intercomTickets,
		CREDENTIAL_NAMES.memberDatabase,
		CREDENTIAL_NAMES.supabase,
		CREDENTIAL_NAMES.customerDataEvents,
	]);
});

it('asks for the fields of the Authentication chosen in the customer data events credential', () => {
	const name = CREDENTIAL_NAMES.customerDataEvents;
	const only = (filled: Record<string, string>) =>
		credentialsStillEmpty(asListed({ [name]: filled }), wanted).filter((candidate) => candidate === name);
	expect(only({ authentication: 'basicAuth', apiKey: '' })).toEqual([name]);
	expect(only({ authentication: 'basicAuth', user: 'tealium', password: 'a-long-random-password' })).toEqual([]);
	expect(only({ authentication: 'segmentSignature', user: 'tealium', password: 'a-long-random-password' })).toEqual([name]);
	expect(only({ authentication: 'segmentSignature', sharedSecret: 'a-long-shared-secret' })).toEqual([]);
	expect(only({ authentication: 'headerKey', sharedSecret: 'a-long-shared-secret' })).toEqual([name]);
});
