/**
 * 2,000 Intercom contacts of every kind the backfill meets, each with the outcome a careful person would
 * expect, worked out from the synthetic directory (test/support/synthetic-members.ts), not from our nodes.
 */
import type { IntercomFake, StoredContact } from '../../support/intercom-fake';
import { syntheticMember, syntheticMemberNumber } from '../../support/synthetic-members';

export const DIRECTORY_SIZE = 1_500;

export type Outcome = 'enriched' | 'updated' | 'unchanged' | 'notFound' | 'noLongerMember' | 'noEmailOrNumber';

export interface SeededContact {
	contact: StoredContact;
	/** The directory member the contact belongs to, if any. */
	memberIndex?: number;
	kind: string;
}

const isCurrent = (index: number) => syntheticMember(index).status !== 'Inactive';
const memberEmail = (index: number) => `member.${index}@example.org`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, offset) => from + offset);

/** Contacts the first run finds already enriched: an earlier run wrote them (see the test). */
export function seedAlreadyEnriched(fake: IntercomFake): SeededContact[] {
	return range(0, 100).map((index) => ({ contact: fake.seed.user({ email: memberEmail(index) }), memberIndex: index, kind: 'already enriched' }));
}

/** The other 1,900: users and leads with and without email or member number, strangers and duplicates. */
export function seedTheRest(fake: IntercomFake): SeededContact[] {
	const seeded: SeededContact[] = [];
	const add = (kind: string, contact: StoredContact, memberIndex?: number) => seeded.push({ contact, memberIndex, kind });
	for (const index of range(100, 900)) add('user with email', fake.seed.user({ email: memberEmail(index) }), index);
	for (const index of range(900, 1_200)) add('lead with email', fake.seed.lead({ email: memberEmail(index) }), index);
	for (const index of range(1_200, DIRECTORY_SIZE)) {
		// Enriched long ago: the region has moved on since.
		const stale = { member_number: syntheticMemberNumber(index), region: 'OLD' };
		add('user with a member number', fake.seed.user({ email: memberEmail(index), custom_attributes: stale }), index);
	}
	for (const index of range(100, 200)) add('duplicate lead of a user', fake.seed.lead({ email: memberEmail(index) }), index);
	for (let n = 0; n < 180; n++) add('no email, no number', fake.seed.user({ email: null, name: `Visitor ${n}` }));
	for (let n = 0; n < 200; n++) add('stranger', fake.seed.lead({ email: `stranger.${n}@elsewhere.example` }));
	for (let n = 0; n < 20; n++) {
		add('number not in the directory', fake.seed.user({ email: `former.${n}@example.org`, custom_attributes: { member_number: String(990_000 + n) } }));
	}
	return seeded;
}

/** What the first run should do with each contact. */
export function firstRunOutcome({ kind, memberIndex }: SeededContact): Outcome {
	switch (kind) {
		case 'already enriched':
			return isCurrent(memberIndex!) ? 'unchanged' : 'notFound';
		case 'user with email':
		case 'lead with email':
		case 'duplicate lead of a user':
			return isCurrent(memberIndex!) ? 'enriched' : 'notFound';
		case 'user with a member number':
			return isCurrent(memberIndex!) ? 'updated' : 'noLongerMember';
		case 'number not in the directory':
			return 'noLongerMember';
		case 'stranger':
			return 'notFound';
		default:
			return 'noEmailOrNumber';
	}
}

/** The member data a written contact must hold, from the directory row itself. */
export function expectedMemberData(memberIndex: number, phone?: string | null) {
	const member = syntheticMember(memberIndex);
	const retired = member.status === 'Retired';
	const digits = (phone === undefined ? member.phone : phone)?.replace(/\D/g, '');
	return {
		member_number: member.membernumber,
		region: retired ? 'RNAV' : member.region,
		facility: retired ? 'RNAV' : member.facility,
		phone: digits ? `+1${digits}` : null,
	};
}

export function tally(outcomes: Outcome[]): Record<Outcome, number> {
	const counts: Record<Outcome, number> = { enriched: 0, updated: 0, unchanged: 0, notFound: 0, noLongerMember: 0, noEmailOrNumber: 0 };
	for (const outcome of outcomes) counts[outcome] += 1;
	return counts;
}
