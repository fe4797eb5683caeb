import type { IDataObject } from 'n8n-workflow';

import type { Contact } from '../../nodes/IntercomContact/actions/contactApi';
import { changedFields, sameValue } from '../../nodes/IntercomContact/actions/contactChanges';
import { IntercomContact } from '../../nodes/IntercomContact/IntercomContact.node';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters } from '../support/intercomNodeRunner';
import { runNode } from '../support/intercomNodeRunner';

const node = new IntercomContact();
const intercom = useIntercomFake({ customAttributes: ['member_number', 'region', 'facility', 'dues_paid'] });

const memberData = (changes: IDataObject = {}): Parameters => ({
	operation: 'upsert',
	role: 'user',
	email: 'ann@example.org',
	name: 'Ann Lee',
	phone: '(765) 465-7031',
	customAttributes: {
		attribute: [
			{ name: 'member_number', value: '12345' },
			{ name: 'region', value: 'GL' },
			{ name: 'facility', value: 'ZAU' },
		],
	},
	customAttributesJson: '{"dues_paid": true}',
	options: { defaultPhoneCountry: 'US', skipUnchanged: true },
	...changes,
});

async function upsert(parameters: Parameters) {
	const { items } = await runNode(node, intercom.fake, { parameters });
	return items[0].json;
}

const puts = () => intercom.fake.requests.filter((request) => request.method === 'PUT' && request.path.startsWith('/contacts/'));

describe('Intercom Contact › Create or Update › Skip When Nothing Changed', () => {
	it('writes the first time, says "unchanged" and sends nothing the second time, sends only the changed attribute the third', async () => {
		const contact = intercom.fake.seed.user({ email: 'ann@example.org' });

		const first = await upsert(memberData());
		const second = await upsert(memberData());
		const changed = memberData();
		(changed.customAttributes as { attribute: IDataObject[] }).attribute[1].value = 'RNAV';
		const third = await upsert(changed);

		expect([first.action, second.action, third.action]).toEqual(['updated', 'unchanged', 'updated']);
		expect(second).toMatchObject({ id: contact.id, name: 'Ann Lee', custom_attributes: { region: 'GL' } });
		expect(puts().map((request) => request.body)).toEqual([
			{
				name: 'Ann Lee',
				phone: '+17654657031',
				custom_attributes: { member_number: '12345', region: 'GL', facility: 'ZAU', dues_paid: true },
			},
			{ custom_attributes: { region: 'RNAV' } },
		]);
		expect(contact.custom_attributes.region).toBe('RNAV');
	});

	it('off (the default), the same data twice is written twice', async () => {
		intercom.fake.seed.user({ email: 'ann@example.org' });
		const options = { defaultPhoneCountry: 'US' };

		const actions = [(await upsert(memberData({ options }))).action, (await upsert(memberData({ options }))).action];

		expect(actions).toEqual(['updated', 'updated']);
		expect(puts()).toHaveLength(2);
	});

	it('takes values Intercom holds in another form for the same: typed numbers and booleans, phone notation, spacing, null for empty', async () => {
		intercom.fake.seed.user({
			email: 'Ann@Example.org',
			name: 'Ann  Lee',
			phone: '(765) 465-7031',
			custom_attributes: { member_number: 12345, region: 'GL ', facility: 'ZAU', dues_paid: true },
		});
		const parameters = memberData({ email: 'ann@example.org', phone: '+1 765 465 7031' });
		(parameters.customAttributes as { attribute: IDataObject[] }).attribute.push({ name: 'positions', value: '' });

		expect((await upsert(parameters)).action).toBe('unchanged');
		expect(puts()).toHaveLength(0);
	});

	it('a new contact is still created', async () => {
		expect((await upsert(memberData())).action).toBe('created');
		expect(intercom.fake.count('POST', '/contacts')).toBe(1);
	});

	it('with a Contact ID, the contact is read and written only when it differs', async () => {
		const contact = intercom.fake.seed.user({ email: 'ann@example.org' });
		const byId = (changes: IDataObject = {}) => memberData({ contactId: contact.id, email: '', ...changes });

		const first = await upsert(byId());
		const second = await upsert(byId());
		const third = await upsert(byId({ name: 'Ann Lee-Smith' }));

		expect([first.action, second.action, third.action]).toEqual(['updated', 'unchanged', 'updated']);
		expect(intercom.fake.count('GET', '/contacts/{contact_id}')).toBe(3);
		expect(puts().map((request) => request.body)).toEqual([
			expect.objectContaining({ name: 'Ann Lee' }),
			{ name: 'Ann Lee-Smith' },
		]);
		expect(intercom.fake.count('POST', '/contacts/search')).toBe(0);
	});

	it('after merging a lead into the user, compares nothing (the user it found lacks what the lead brought) and writes', async () => {
		intercom.fake.seed.lead({ email: 'ann@example.org', custom_attributes: { region: 'XX' } });
		const user = intercom.fake.seed.user({ email: 'ann@example.org' });
		const parameters = memberData();
		(parameters.customAttributes as { attribute: IDataObject[] }).attribute[1].value = '';

		const result = await upsert(parameters);

		expect(result).toMatchObject({ action: 'merged', id: user.id });
		// The empty region is written over the lead's, as without the option.
		expect(user.custom_attributes.region).toBe('');
	});
});

describe('Comparing a value to write with what Intercom holds', () => {
	it.each([
		[null, '', true],
		[undefined, null, true],
		[null, '   ', true],
		['GL', '', false],
		[null, 'GL', false],
		[12345, '12345', true],
		['12345', 12345, true],
		[12345, '012345', true],
		['012345', '12345', false],
		[1.5, '1.50', true],
		[0, 'zero', false],
		[true, 'true', true],
		[true, 'TRUE', true],
		[false, 'true', false],
		[1, true, false],
		['ZAU ', 'ZAU', true],
		['zau', 'ZAU', false],
	])('%p and %p are the same: %p', (current, wanted, same) => {
		expect(sameValue(current, wanted)).toBe(same);
	});

	const contact = (fields: Partial<Contact>) => ({ role: 'user', custom_attributes: {}, ...fields }) as Contact;

	it('keeps only what differs', () => {
		const current = contact({ email: 'Ann@Example.org', name: 'Ann Lee', phone: '765-465-7031', custom_attributes: { region: 'GL', facility: null } });
		expect(
			changedFields(current, {
				role: 'user',
				email: 'ann@example.org',
				name: 'Ann  Lee',
				phone: '+17654657031',
				custom_attributes: { region: 'GL', facility: 'ZAU' },
			}),
		).toEqual({ custom_attributes: { facility: 'ZAU' } });
	});

	it('another phone number, another name, another role are changes', () => {
		const current = contact({ role: 'lead', name: 'Ann Lee', phone: '+17654657031' });
		expect(changedFields(current, { role: 'user', name: 'Ann lee', phone: '+17654657032' })).toEqual({
			role: 'user',
			name: 'Ann lee',
			phone: '+17654657032',
		});
	});
});
