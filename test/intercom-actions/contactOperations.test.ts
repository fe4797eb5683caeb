import { IntercomContact } from '../../nodes/IntercomContact/IntercomContact.node';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters } from '../support/intercomNodeRunner';
import { runNode } from '../support/intercomNodeRunner';

const node = new IntercomContact();
const intercom = useIntercomFake();

async function run(parameters: Parameters) {
	return await runNode(node, intercom.fake, { parameters, continueOnFail: true });
}

describe('Intercom Contact › Get', () => {
	it('by contact ID', async () => {
		const contact = intercom.fake.seed.user({ email: 'a@example.org' });
		const { successes } = await run({ operation: 'get', lookupBy: 'id', lookupValue: contact.id });
		expect(successes[0].json).toMatchObject({ id: contact.id, email: 'a@example.org' });
	});

	it('by external ID, even one search does not show yet', async () => {
		intercom.fake.setSearchLag(60_000);
		const contact = intercom.fake.seed.user({ external_id: 'ext-1', searchable: false });
		const { successes } = await run({ operation: 'get', lookupBy: 'externalId', lookupValue: 'ext-1' });
		expect(successes[0].json).toMatchObject({ id: contact.id, external_id: 'ext-1' });
	});

	it('by email returns the user, else the oldest, ignoring case', async () => {
		intercom.fake.seed.lead({ email: 'b@example.org', created_at: 1_500_000_000 });
		const user = intercom.fake.seed.user({ email: 'B@example.org', created_at: 1_700_000_000 });
		const { successes } = await run({ operation: 'get', lookupBy: 'email', lookupValue: 'b@EXAMPLE.org' });
		expect(successes[0].json.id).toBe(user.id);
	});

	it('an unknown ID is an error on the item', async () => {
		const { errors } = await run({ operation: 'get', lookupBy: 'id', lookupValue: '6000000000000000000000ff' });
		expect(errors[0].json.error).toBe(
			'Intercom could not find what was needed to get contact 6000000000000000000000ff (not_found: User Not Found)',
		);
	});

	it('an unknown external ID says nobody has it', async () => {
		const { errors } = await run({ operation: 'get', lookupBy: 'externalId', lookupValue: 'nope' });
		expect(errors[0].json.error).toBe('No Intercom contact has the external ID nope');
	});

	it('an unknown email says nobody has it', async () => {
		const { errors } = await run({ operation: 'get', lookupBy: 'email', lookupValue: 'nobody@example.org' });
		expect(errors[0].json.error).toBe('No Intercom contact has the email nobody@example.org');
	});
});

describe('Intercom Contact › Search by Email', () => {
	it('lists every contact with the email, the one to keep first', async () => {
		const lead = intercom.fake.seed.lead({ email: 'c@example.org', created_at: 1_500_000_000 });
		const user = intercom.fake.seed.user({ email: 'C@example.org', created_at: 1_700_000_000 });
		intercom.fake.seed.user({ email: 'other@example.org' });
		const { successes } = await run({ operation: 'searchByEmail', email: 'c@example.org' });
		expect(successes).toHaveLength(1);
		expect(successes[0].json).toMatchObject({ email: 'c@example.org', found: true, count: 2 });
		expect((successes[0].json.contacts as Array<{ id: string }>).map((contact) => contact.id)).toEqual([user.id, lead.id]);
	});

	it('says found: false when there is none', async () => {
		const { successes } = await run({ operation: 'searchByEmail', email: 'none@example.org' });
		expect(successes[0].json).toEqual({ email: 'none@example.org', found: false, count: 0, contacts: [] });
	});
});

describe('Intercom Contact › Merge Lead Into User', () => {
	it('merges the lead into the user', async () => {
		const lead = intercom.fake.seed.lead({ email: 'lead@example.org', custom_attributes: { facility: 'ZAU' } });
		const user = intercom.fake.seed.user({ email: 'user@example.org' });
		const { successes } = await run({ operation: 'mergeLeadIntoUser', leadId: lead.id, userId: user.id });
		expect(successes[0].json).toMatchObject({ id: user.id, mergedContactIds: [lead.id] });
		expect(lead.merged_into).toBe(user.id);
		expect(user.custom_attributes.facility).toBe('ZAU');
	});

	it("merging from a user is refused with Intercom's reason", async () => {
		const first = intercom.fake.seed.user({ email: 'u1@example.org' });
		const second = intercom.fake.seed.user({ email: 'u2@example.org' });
		const { errors } = await run({ operation: 'mergeLeadIntoUser', leadId: first.id, userId: second.id });
		expect(errors[0].json.error).toMatch(/^Intercom rejected the request to merge lead .* — .*only a lead can be merged from/);
	});

	it('the same ID twice is caught before calling Intercom', async () => {
		const { errors } = await run({ operation: 'mergeLeadIntoUser', leadId: 'x1', userId: 'x1' });
		expect(errors[0].json.error).toBe('The lead and the user must be two different contacts');
		expect(intercom.fake.requests).toHaveLength(0);
	});
});

describe('Intercom Contact › Archive', () => {
	it('archives the contact', async () => {
		const contact = intercom.fake.seed.user({ email: 'gone@example.org' });
		const { successes } = await run({ operation: 'archive', contactId: contact.id });
		expect(successes[0].json).toMatchObject({ id: contact.id, archived: true });
		expect(contact.archived).toBe(true);
	});
});

describe('Intercom Contact › Upsert input checks', () => {
	it('needs a contact ID, an email or an external ID', async () => {
		const { errors } = await run({ operation: 'upsert', role: 'user' });
		expect(errors[0].json.error).toBe('Enter a contact ID, an email or an external ID to find the contact by');
	});

	it('rejects something that is not an email address', async () => {
		const { errors } = await run({ operation: 'upsert', email: 'not an email' });
		expect(errors[0].json.error).toBe('"not an email" is not an email address');
	});

	it('rejects a JSON field that is not an object, naming it', async () => {
		const { errors } = await run({ operation: 'upsert', email: 'j@example.org', options: { customAttributesJson: '[1, 2]' } });
		expect(errors[0].json.error).toBe('Custom attributes (JSON) must be a JSON object such as {"member_number": "12345"}');
		expect(intercom.fake.requests).toHaveLength(0);
	});

	it('rejects nested custom attribute values', async () => {
		const { errors } = await run({ operation: 'upsert', email: 'j@example.org', options: { customAttributesJson: { positions: ['a', 'b'] } } });
		expect(errors[0].json.error).toBe('Custom attributes must be plain values; "positions" is nested');
	});
});
