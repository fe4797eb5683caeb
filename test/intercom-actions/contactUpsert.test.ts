import { IntercomContact } from '../../nodes/IntercomContact/IntercomContact.node';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters } from '../support/intercomNodeRunner';
import { runNode } from '../support/intercomNodeRunner';

const node = new IntercomContact();
const intercom = useIntercomFake();

const upsert = (parameters: Parameters): Parameters => ({ operation: 'upsert', role: 'user', ...parameters });

async function runUpsert(parameters: Parameters, items = 1) {
	const { items: output } = await runNode(node, intercom.fake, { parameters: upsert(parameters), items });
	return output.map((item) => item.json);
}

const live = (email: string) => intercom.fake.store.contactsWithEmail(email).filter((contact) => !contact.archived);

describe('Intercom Contact › Upsert', () => {
	it('creates a new user with an E.164 phone and custom attributes from the list and the JSON option', async () => {
		const [result] = await runUpsert({
			email: 'Ann.Lee@Example.org',
			externalId: '12345',
			name: 'Ann Lee',
			phone: '(765) 465-7031',
			customAttributes: { attribute: [{ name: 'facility', value: 'ZAU' }, { name: 'region', value: 'GL' }] },
			options: { defaultPhoneCountry: 'US', customAttributesJson: '{"region": "overridden by the list", "dues_paid": true}' },
		});
		expect(result).toMatchObject({ action: 'created', role: 'user', email: 'ann.lee@example.org', external_id: '12345' });
		const [stored] = intercom.fake.store.contactsWithEmail('ann.lee@example.org');
		expect(stored).toMatchObject({
			phone: '+17654657031',
			name: 'Ann Lee',
			custom_attributes: { facility: 'ZAU', region: 'GL', dues_paid: true },
		});
		expect(result.id).toBe(stored.id);
	});

	it('still reads the JSON field a version-1 node keeps beside the list', async () => {
		await runUpsert({
			email: 'old.flow@example.org',
			customAttributes: { attribute: [{ name: 'region', value: 'GL' }] },
			customAttributesJson: '{"region": "overridden by the list", "dues_paid": true}',
		});
		const [stored] = intercom.fake.store.contactsWithEmail('old.flow@example.org');
		expect(stored.custom_attributes).toMatchObject({ region: 'GL', dues_paid: true });
	});

	it('finds the contact by external ID first and updates it', async () => {
		const existing = intercom.fake.seed.user({ external_id: '777', email: 'old@example.org' });
		intercom.fake.seed.user({ email: 'new@example.org' }); // an unrelated contact with the new email
		const [result] = await runUpsert({ externalId: '777', name: 'Renamed' });
		expect(result).toMatchObject({ action: 'updated', id: existing.id, name: 'Renamed' });
		expect(intercom.fake.count('POST', '/contacts')).toBe(0);
	});

	it('finds the contact by email regardless of case', async () => {
		const existing = intercom.fake.seed.user({ email: 'Mixed.Case@Example.org' });
		const [result] = await runUpsert({ email: 'mixed.case@EXAMPLE.org', customAttributes: { attribute: [{ name: 'member_number', value: '4' }] } });
		expect(result).toMatchObject({ action: 'updated', id: existing.id });
		expect(existing.custom_attributes.member_number).toBe('4');
		expect(intercom.fake.store.contacts.size).toBe(1);
	});

	it('turns a lead into a user when it is the only contact with the email', async () => {
		const lead = intercom.fake.seed.lead({ email: 'lead@example.org' });
		const [result] = await runUpsert({ email: 'lead@example.org' });
		expect(result).toMatchObject({ action: 'updated', id: lead.id, role: 'user' });
	});

	it('leaves out a phone number it cannot read and says so on the item', async () => {
		const [result] = await runUpsert({ email: 'phone@example.org', phone: 'call me maybe' });
		expect(result.action).toBe('created');
		expect(result.notes).toEqual([expect.stringContaining('"call me maybe" is not a valid phone number')]);
		expect(result.notes).toEqual([expect.stringContaining('Default Phone Country')]);
		expect(intercom.fake.store.contactsWithEmail('phone@example.org')[0].phone).toBeNull();
	});

	it('reads national numbers with the Default Phone Country option', async () => {
		await runUpsert({ email: 'uk@example.org', phone: '020 7946 0958', options: { defaultPhoneCountry: 'gb' } });
		expect(intercom.fake.store.contactsWithEmail('uk@example.org')[0].phone).toBe('+442079460958');
	});

	describe('conflicts', () => {
		it('a contact that search does not show yet: the 409 names it and it is updated, not duplicated', async () => {
			intercom.fake.setSearchLag(60_000);
			const fresh = intercom.fake.seed.user({ email: 'fresh@example.org', searchable: false });
			const [result] = await runUpsert({ email: 'fresh@example.org', name: 'Fresh' });
			expect(result).toMatchObject({ action: 'updated', id: fresh.id, name: 'Fresh' });
			expect(intercom.fake.store.contactsWithEmail('fresh@example.org')).toHaveLength(1);
			expect(intercom.fake.count('POST', '/contacts')).toBe(1); // the create that answered 409
		});

		it('an archived contact with the email is unarchived, then updated', async () => {
			const archived = intercom.fake.seed.archivedContact({ role: 'user', email: 'back@example.org' });
			const [result] = await runUpsert({ email: 'back@example.org', name: 'Back Again' });
			expect(result).toMatchObject({ action: 'unarchived', id: archived.id, name: 'Back Again' });
			expect(archived.archived).toBe(false);
			expect(intercom.fake.store.contactsWithEmail('back@example.org')).toHaveLength(1);
		});

		it('a lead and a user with the email: the lead is merged into the user', async () => {
			const lead = intercom.fake.seed.lead({ email: 'pair@example.org', created_at: 1_600_000_000 });
			const user = intercom.fake.seed.user({ email: 'pair@example.org', created_at: 1_700_000_000 });
			const [result] = await runUpsert({ email: 'pair@example.org', customAttributes: { attribute: [{ name: 'member_number', value: '9' }] } });
			expect(result).toMatchObject({ action: 'merged', id: user.id, mergedContactIds: [lead.id], archivedContactIds: [] });
			expect(lead.merged_into).toBe(user.id);
			expect(live('pair@example.org').map((contact) => contact.id)).toEqual([user.id]);
		});

		it('several users with the email: keeps the oldest user, merges leads, archives the other users', async () => {
			const newerUser = intercom.fake.seed.user({ email: 'many@example.org', created_at: 1_700_000_500 });
			const olderUser = intercom.fake.seed.user({ email: 'many@example.org', created_at: 1_700_000_000 });
			const lead = intercom.fake.seed.lead({ email: 'many@example.org', created_at: 1_500_000_000 });
			const [result] = await runUpsert({ email: 'many@example.org', name: 'Kept' });
			expect(result).toMatchObject({
				action: 'merged',
				id: olderUser.id,
				mergedContactIds: [lead.id],
				archivedContactIds: [newerUser.id],
			});
			expect(newerUser.archived).toBe(true);
			expect(live('many@example.org').map((contact) => contact.id)).toEqual([olderUser.id]);
		});

		it('only leads with the email: keeps the oldest, archives the rest and makes the kept one a user', async () => {
			const older = intercom.fake.seed.lead({ email: 'leads@example.org', created_at: 1_600_000_000 });
			const newer = intercom.fake.seed.lead({ email: 'leads@example.org', created_at: 1_650_000_000 });
			const [result] = await runUpsert({ email: 'leads@example.org' });
			expect(result).toMatchObject({ action: 'updated', id: older.id, role: 'user', archivedContactIds: [newer.id] });
			expect(newer.archived).toBe(true);
		});

		it('with Archive Duplicates off, other users stay as they are (leads are still merged)', async () => {
			const older = intercom.fake.seed.user({ email: 'keep@example.org', created_at: 1_600_000_000 });
			const newer = intercom.fake.seed.user({ email: 'keep@example.org', created_at: 1_650_000_000 });
			const [result] = await runUpsert({ email: 'keep@example.org', options: { archiveDuplicates: false } });
			expect(result).toMatchObject({ action: 'updated', id: older.id, archivedContactIds: [] });
			expect(newer.archived).toBe(false);
		});

		it('an external ID that another contact holds: that contact is found and folded in', async () => {
			intercom.fake.setSearchLag(60_000);
			const byEmail = intercom.fake.seed.user({ email: 'one@example.org', created_at: 1_600_000_000 });
			// Holds the external ID but is not visible to search yet.
			const holder = intercom.fake.seed.user({ external_id: 'M-1', email: 'other@example.org', searchable: false });
			const [result] = await runUpsert({ email: 'one@example.org', externalId: 'M-1' });
			// The holder of the external ID is the person; the other user with the email is archived.
			expect(result).toMatchObject({ action: 'updated', id: holder.id, archivedContactIds: [byEmail.id] });
			expect(holder.email).toBe('one@example.org');
			expect(byEmail.archived).toBe(true);
		});
	});

	describe('only if empty', () => {
		it('skips a contact whose attribute already has a value, without writing', async () => {
			const existing = intercom.fake.seed.user({ email: 'done@example.org', custom_attributes: { member_number: '12345' } });
			const [result] = await runUpsert({
				email: 'done@example.org',
				customAttributes: { attribute: [{ name: 'member_number', value: '99999' }] },
				options: { onlyIfEmpty: 'member_number' },
			});
			expect(result).toMatchObject({ action: 'skipped', id: existing.id });
			expect(existing.custom_attributes.member_number).toBe('12345');
			expect(intercom.fake.count('PUT', '/contacts/{contact_id}')).toBe(0);
		});

		it('updates a contact whose attribute is still empty', async () => {
			const existing = intercom.fake.seed.user({ email: 'todo@example.org', custom_attributes: { member_number: '' } });
			const [result] = await runUpsert({
				email: 'todo@example.org',
				customAttributes: { attribute: [{ name: 'member_number', value: '4242' }] },
				options: { onlyIfEmpty: 'member_number' },
			});
			expect(result).toMatchObject({ action: 'updated', id: existing.id });
			expect(existing.custom_attributes.member_number).toBe('4242');
		});
	});

	describe('concurrent upserts', () => {
		it('two executions upserting one new email at once end with exactly one contact', async () => {
			intercom.fake.setSearchLag(60_000);
			intercom.fake.setLatency(20);
			const results = await Promise.all([
				runUpsert({ email: 'race@example.org', name: 'First' }),
				runUpsert({ email: 'race@example.org', name: 'Second' }),
			]);
			const actions = results.map(([result]) => result.action).sort();
			expect(actions).toEqual(['created', 'updated']);
			expect(intercom.fake.store.contactsWithEmail('race@example.org')).toHaveLength(1);
			expect(new Set(results.map(([result]) => result.id)).size).toBe(1);
		});

		it('two items of one execution with the same new email make one contact', async () => {
			intercom.fake.setSearchLag(60_000);
			const results = await runUpsert({ email: 'twice@example.org', options: { concurrency: 10 } }, 2);
			expect(results.map((result) => result.action)).toEqual(['created', 'updated']);
			expect(intercom.fake.store.contactsWithEmail('twice@example.org')).toHaveLength(1);
			// The second item used what the first learnt; it never had to create and collide.
			expect(intercom.fake.count('POST', '/contacts')).toBe(1);
		});
	});
});
