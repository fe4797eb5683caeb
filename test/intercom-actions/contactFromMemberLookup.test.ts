import type { IDataObject } from 'n8n-workflow';

import { IntercomContact } from '../../nodes/IntercomContact/IntercomContact.node';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters } from '../support/intercomNodeRunner';
import { pairedIndexes, runNode } from '../support/intercomNodeRunner';

const node = new IntercomContact();
const intercom = useIntercomFake();

/** The `intercom` object the Member Lookup node adds to a member it found. */
const foundMember = (memberNumber: string, phone: string | null = '+17654657031') => ({
	member_number: memberNumber,
	member_type: 'Member',
	region: 'NEA',
	facility: 'ZBW',
	phone,
	positions: 'Facility Rep, Treasurer',
});

async function writeFromLookup(inputs: IDataObject[], parameters: Parameters) {
	return await runNode(node, intercom.fake, {
		items: inputs.length,
		inputs,
		parameters: { operation: 'upsert', role: 'user', attributeSource: 'memberLookup', ...parameters },
		continueOnFail: true,
	});
}

const writtenBodies = (since: number) =>
	intercom.fake.requests.slice(since).filter((request) => request.method === 'PUT').map((request) => request.body as IDataObject);

describe('Intercom Contact › Upsert with Phone and Custom Attributes from Member Lookup', () => {
	it('writes the phone and every attribute of the item’s intercom object, and ignores the form’s fields', async () => {
		const contact = intercom.fake.seed.user({ email: 'member@example.org', phone: '+15550000000' });
		const before = intercom.fake.requests.length;
		const { successes } = await writeFromLookup([{ email: 'member@example.org', intercom: foundMember('12345') }], {
			contactId: contact.id,
			phone: '+1 212 555 0100',
			customAttributes: { attribute: [{ name: 'member_number', value: 'typed in the form' }] },
		});
		expect(successes[0].json).toMatchObject({ action: 'updated', id: contact.id, phone: '+17654657031' });
		expect(writtenBodies(before)).toEqual([
			expect.objectContaining({
				phone: '+17654657031',
				custom_attributes: {
					member_number: '12345',
					member_type: 'Member',
					region: 'NEA',
					facility: 'ZBW',
					positions: 'Facility Rep, Treasurer',
				},
			}),
		]);
	});

	it('a member without a phone number leaves the contact’s phone as it is', async () => {
		const contact = intercom.fake.seed.user({ email: 'nophone@example.org', phone: '+15550000000' });
		const before = intercom.fake.requests.length;
		await writeFromLookup([{ intercom: foundMember('222', null) }], { contactId: contact.id });
		expect(writtenBodies(before)[0]).not.toHaveProperty('phone');
		expect(contact.phone).toBe('+15550000000');
		expect(contact.custom_attributes.member_number).toBe('222');
	});

	it('Custom Attributes (JSON) under Options adds attributes the lookup does not give', async () => {
		const contact = intercom.fake.seed.user({ email: 'dues@example.org' });
		await writeFromLookup([{ intercom: foundMember('333') }], {
			contactId: contact.id,
			options: { customAttributesJson: '{"dues_paid": true}' },
		});
		expect(contact.custom_attributes).toMatchObject({ member_number: '333', dues_paid: true });
	});

	it('an item that did not come from a Member Lookup fails alone, says what to connect, and keeps its pairing', async () => {
		const first = intercom.fake.seed.user({ email: 'first@example.org' });
		const second = intercom.fake.seed.user({ email: 'second@example.org' });
		const { items, errors, successes } = await runNode(node, intercom.fake, {
			items: 2,
			inputs: [{ email: 'first@example.org' }, { intercom: foundMember('444') }],
			parameters: (itemIndex) => ({
				operation: 'upsert',
				role: 'user',
				attributeSource: 'memberLookup',
				contactId: [first.id, second.id][itemIndex],
			}),
			continueOnFail: true,
		});
		expect(pairedIndexes(items)).toEqual([0, 1]);
		expect(errors[0].json.error).toBe('This item has no "intercom" field from a Member Lookup node');
		expect((errors[0].json.details as IDataObject).description).toContain('Found output of a Member Lookup node');
		expect(successes[0].json).toMatchObject({ action: 'updated', id: second.id });
		expect(first.custom_attributes).not.toHaveProperty('member_number');
		expect(second.custom_attributes.member_number).toBe('444');
	});

	it('an item the lookup found no member for is refused with how to keep non-members away, and nothing is written', async () => {
		const contact = intercom.fake.seed.user({ email: 'stranger@example.org' });
		const before = intercom.fake.requests.length;
		const { errors } = await writeFromLookup([{ found: false, matchCount: 0, email: 'stranger@example.org' }], {
			contactId: contact.id,
		});
		expect(errors[0].json.error).toBe('The Member Lookup found no member for this item');
		expect((errors[0].json.details as IDataObject).description).toContain('Send the Item to a Not Found Output');
		expect(writtenBodies(before)).toEqual([]);
	});

	it('a nested value in the intercom object is refused with its name, and nothing is written', async () => {
		const contact = intercom.fake.seed.user({ email: 'nested@example.org' });
		const before = intercom.fake.requests.length;
		const { errors } = await writeFromLookup([{ intercom: { ...foundMember('555'), region: { code: 'NEA' } } }], {
			contactId: contact.id,
		});
		expect(errors[0].json.error).toBe('Custom attributes must be plain values; "region" is nested');
		expect(writtenBodies(before)).toEqual([]);
	});
});
