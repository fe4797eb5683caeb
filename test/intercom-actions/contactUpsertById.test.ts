import { IntercomContact } from '../../nodes/IntercomContact/IntercomContact.node';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters } from '../support/intercomNodeRunner';
import { runNode } from '../support/intercomNodeRunner';

const node = new IntercomContact();
const intercom = useIntercomFake();

async function runUpsert(parameters: Parameters) {
	return await runNode(node, intercom.fake, {
		parameters: { operation: 'upsert', role: 'user', ...parameters },
		continueOnFail: true,
	});
}

const memberData = { customAttributes: { attribute: [{ name: 'member_number', value: '12345' }] } };
const searches = () => intercom.fake.count('POST', '/contacts/search');

describe('Intercom Contact › Upsert with a known contact ID', () => {
	it('writes the contact with one request: no search, no get', async () => {
		const contact = intercom.fake.seed.user({ email: 'known@example.org' });
		const before = intercom.fake.requests.length;
		const { successes } = await runUpsert({ contactId: contact.id, phone: '+1 765 465 7031', ...memberData });
		expect(successes[0].json).toMatchObject({ action: 'updated', id: contact.id, phone: '+17654657031' });
		expect(contact.custom_attributes.member_number).toBe('12345');
		expect(intercom.fake.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual([
			`PUT /contacts/${contact.id}`,
		]);
	});

	it('leaves a lead a lead when Role is Lead, and makes it a user when Role is User', async () => {
		const lead = intercom.fake.seed.lead({ email: 'lead@example.org' });
		await runUpsert({ contactId: lead.id, role: 'lead', ...memberData });
		expect(lead.role).toBe('lead');
		await runUpsert({ contactId: lead.id, role: 'user', ...memberData });
		expect(lead.role).toBe('user');
	});

	it('never rewrites the email of the known contact', async () => {
		const contact = intercom.fake.seed.user({ email: 'Mixed.Case@Example.org' });
		await runUpsert({ contactId: contact.id, email: 'other@example.org', ...memberData });
		expect(contact.email).toBe('Mixed.Case@Example.org');
		expect(searches()).toBe(0);
	});

	it('a contact ID that no longer exists, with an email: falls back to finding the contact by email', async () => {
		const byEmail = intercom.fake.seed.user({ email: 'moved@example.org' });
		const { successes } = await runUpsert({ contactId: '5f0000000000000000000000', email: 'moved@example.org', ...memberData });
		expect(successes[0].json).toMatchObject({ action: 'updated', id: byEmail.id });
		expect(byEmail.custom_attributes.member_number).toBe('12345');
		expect(searches()).toBe(1);
	});

	it('a contact ID that no longer exists and nothing else to go by: the item fails and says what to check', async () => {
		const { successes, errors } = await runUpsert({ contactId: '5f0000000000000000000000', ...memberData });
		expect(successes).toHaveLength(0);
		expect(errors[0].json.error).toContain('No Intercom contact has the ID 5f0000000000000000000000');
		expect(intercom.fake.count('POST', '/contacts')).toBe(0);
	});

	it('with Only If Empty, reads the contact by ID (no search) and skips it when the attribute is set', async () => {
		const contact = intercom.fake.seed.user({ email: 'set@example.org', custom_attributes: { member_number: '1' } });
		const { successes } = await runUpsert({ contactId: contact.id, ...memberData, options: { onlyIfEmpty: 'member_number' } });
		expect(successes[0].json).toMatchObject({ action: 'skipped', id: contact.id });
		expect(contact.custom_attributes.member_number).toBe('1');
		expect(searches()).toBe(0);
		expect(intercom.fake.count('PUT', '/contacts/{contact_id}')).toBe(0);
	});

	it('with an external ID, keeps the rule that an existing external ID is never replaced', async () => {
		const contact = intercom.fake.seed.user({ email: 'ext@example.org', external_id: 'A-1' });
		const { successes } = await runUpsert({ contactId: contact.id, externalId: 'B-2', ...memberData });
		expect(successes[0].json).toMatchObject({ action: 'updated', id: contact.id });
		expect(contact.external_id).toBe('A-1');
		expect(successes[0].json.notes).toEqual([expect.stringContaining("Kept the contact's existing external ID A-1")]);
		expect(searches()).toBe(0);
	});
});
