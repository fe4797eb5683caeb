import { IntercomContact } from '../../nodes/IntercomContact/IntercomContact.node';
import { useIntercomFake } from '../support/intercom-fake/jest';
import { pairedIndexes, runNode } from '../support/intercomNodeRunner';

const node = new IntercomContact();
const intercom = useIntercomFake({ searchLagMs: 300, rateLimit: { limit: 100_000, windowMs: 1_000 }, faultSeed: 3 });

const ITEMS = 1_000;
/** Items i and i + 500 (for i < 100) are the same person, so duplicates inside one run are exercised too. */
const emailOf = (itemIndex: number) => `member${itemIndex >= 500 && itemIndex < 600 ? itemIndex - 500 : itemIndex}@example.org`;

it(
	'1,000 upserts with 10 % injected 5xx and 429 answers: every item comes out, no contact is duplicated',
	async () => {
		const { fake } = intercom;
		// Some people already exist, as leads (to become users) or users.
		for (let index = 0; index < ITEMS; index += 10) {
			if (index >= 500 && index < 600) continue; // the same people as 0–99
			if (index % 20 === 0) fake.seed.lead({ email: emailOf(index) });
			else fake.seed.user({ email: emailOf(index).toUpperCase() });
		}
		// 10 % of all answers are trouble; some 5xx come after Intercom already stored the contact.
		fake.faults.fail({ status: 429, probability: 0.04 });
		fake.faults.fail({ status: 503, method: 'POST', path: '/contacts', probability: 0.05, afterWrite: true });
		fake.faults.fail({ status: 500, probability: 0.05 });

		const { items, errors } = await runNode(node, fake, {
			parameters: (itemIndex) => ({
				operation: 'upsert',
				role: 'user',
				email: emailOf(itemIndex),
				name: `Member ${itemIndex}`,
				customAttributes: { attribute: [{ name: 'member_number', value: String(100_000 + itemIndex) }] },
				options: { concurrency: 25 },
			}),
			items: ITEMS,
			continueOnFail: true,
		});

		// Nothing lost: one output per input, each paired with its own input item.
		expect(items).toHaveLength(ITEMS);
		expect(pairedIndexes(items)).toEqual(Array.from({ length: ITEMS }, (_, index) => index));
		for (const item of errors) expect(item.json.error).toEqual(expect.any(String));
		expect(errors.length).toBeLessThanOrEqual(ITEMS * 0.01);

		// No duplicates: every person is exactly one live user.
		const people = new Set(Array.from({ length: ITEMS }, (_, index) => emailOf(index)));
		for (const email of people) {
			const live = fake.store.contactsWithEmail(email).filter((contact) => !contact.archived);
			expect({ email, live: live.length, role: live[0]?.role }).toEqual({ email, live: 1, role: 'user' });
		}
		// Nothing was created twice and tidied up afterwards either: no archived contacts, no extra leads.
		const stored = [...fake.store.contacts.values()];
		expect(stored.filter((contact) => contact.archived)).toEqual([]);
		expect(stored.filter((contact) => !contact.merged_into)).toHaveLength(people.size);

		// The faults really happened.
		const statuses = fake.requests.map((request) => request.status);
		expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(20);
		expect(statuses.filter((status) => status >= 500).length).toBeGreaterThan(40);
	},
	180_000,
);
