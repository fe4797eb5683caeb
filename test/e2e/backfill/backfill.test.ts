/**
 * workflows/member-backfill-and-refresh.json on a real n8n 2.41, against the Intercom fake and a real MariaDB
 * directory of 1,500 synthetic members: 2,000 contacts of every kind, run after run.
 */
import { loadSyntheticMembers } from '../../support/mariadb-members';
import { loadSyntheticPositions } from '../../support/supabase-fake/positions';
import { syntheticMemberNumber } from '../../support/synthetic-members';
import { startWorkflowEnvironment, type WorkflowEnvironment } from '../workflows/environment';
import {
	DIRECTORY_SIZE,
	expectedMemberData,
	firstRunOutcome,
	seedAlreadyEnriched,
	seedTheRest,
	tally,
	type SeededContact,
} from './population';
import { runBackfill, type BackfillSummary } from './runBackfill';

const WRITE = /^(PUT \/contacts\/[^/]+|POST \/contacts)$/;

describe('member backfill and refresh', () => {
	let env: WorkflowEnvironment;
	let population: SeededContact[];
	let writesSeen = 0;

	/** Successful contact writes since the last call, by contact id. */
	const newWrites = () => {
		const writes = env.intercom.requests.slice(writesSeen).filter((request) => request.status < 300 && WRITE.test(`${request.method} ${request.template ?? request.path}`));
		writesSeen = env.intercom.requests.length;
		return writes.map((request) => request.path.split('/')[2]);
	};
	const stored = (seeded: SeededContact) => env.intercom.store.liveContact(seeded.contact.id);
	const memberData = (seeded: SeededContact) => {
		const { custom_attributes: attributes, phone } = stored(seeded);
		return { member_number: attributes.member_number, region: attributes.region, facility: attributes.facility, phone: phone ?? null };
	};
	const setMember = async (index: number, column: 'status' | 'phone', value: string) =>
		await env.mariadb.query(`UPDATE members SET ${column} = ? WHERE membernumber = ?`, [value, syntheticMemberNumber(index)]);

	/** Whether every contact already has what the directory says: true after a run that wrote nothing. */
	let settled = false;
	/** Each test starts from a workspace the backfill has caught up with, whichever test ran before (or none). */
	const ensureSettled = async () => {
		if (settled) return;
		await runBackfill(env.n8n);
		newWrites();
		settled = true;
	};

	beforeAll(async () => {
		env = await startWorkflowEnvironment({
			intercom: { customAttributes: ['member_number', 'member_type', 'region', 'facility', 'positions'] },
		});
		await Promise.all([loadSyntheticMembers(env.mariadb, DIRECTORY_SIZE), loadSyntheticPositions(env.supabase, DIRECTORY_SIZE)]);
		// An earlier run enriched these; then the rest of the workspace's contacts arrive.
		const alreadyEnriched = seedAlreadyEnriched(env.intercom);
		await runBackfill(env.n8n);
		population = [...alreadyEnriched, ...seedTheRest(env.intercom)];
		newWrites();
	}, 1_200_000);

	afterAll(async () => {
		await env?.stop();
	}, 120_000);

	it('the first run writes exactly the contacts that need it, with the directory data, and sums it up; a second run writes nothing', async () => {
		expect(population).toHaveLength(2_000);
		const summary = await runBackfill(env.n8n);
		const outcomes = population.map(firstRunOutcome);
		const expected = tally(outcomes);
		const shouldWrite = population.filter((_, index) => ['enriched', 'updated'].includes(outcomes[index]));

		expect(summary).toEqual<BackfillSummary>({
			contactsSeen: 2_000,
			enriched: expected.enriched,
			updated: expected.updated,
			unchanged: expected.unchanged,
			notFound: expected.notFound,
			noEmailOrNumber: expected.noEmailOrNumber,
			noLongerMembers: {
				count: expected.noLongerMember,
				contactIds: expect.arrayContaining(population.filter((_, index) => outcomes[index] === 'noLongerMember').map((seeded) => seeded.contact.id)),
			},
			failed: { count: 0, contactIds: [] },
			pages: 14,
		});
		expect(newWrites().sort()).toEqual(shouldWrite.map((seeded) => seeded.contact.id).sort());
		for (const seeded of shouldWrite) {
			expect({ kind: seeded.kind, ...memberData(seeded) }).toEqual({ kind: seeded.kind, ...expectedMemberData(seeded.memberIndex!) });
		}
		env.intercom.expectNoInvalidRequests();

		// A second run right after writes nothing.
		const second = await runBackfill(env.n8n);
		expect(newWrites()).toEqual([]);
		expect(second.enriched + second.updated).toBe(0);
		expect(second.failed.count).toBe(0);
		settled = true;
	});

	it('a member who retired in the directory gets RNAV on the next run, and no one else is written', async () => {
		await ensureSettled();
		const member = population.find((seeded) => seeded.kind === 'user with a member number' && firstRunOutcome(seeded) === 'updated' && expectedMemberData(seeded.memberIndex!).region !== 'RNAV')!;
		await setMember(member.memberIndex!, 'status', 'Retired');

		const summary = await runBackfill(env.n8n);
		expect(newWrites()).toEqual([member.contact.id]);
		expect(summary.updated).toBe(1);
		expect(memberData(member)).toMatchObject({ region: 'RNAV', facility: 'RNAV' });
	});

	it('with Intercom answering 429 and 5xx now and then, nothing is lost and nothing is written twice', async () => {
		await ensureSettled();
		const members = population.filter((seeded) => seeded.kind === 'user with email' && firstRunOutcome(seeded) === 'enriched').slice(0, 5);
		for (const [n, seeded] of members.entries()) await setMember(seeded.memberIndex!, 'phone', `(765) 555-90${10 + n}`);
		// Every contact of those members: the users, and the leads that share their email.
		const changed = population.filter((seeded) => members.some((member) => member.memberIndex === seeded.memberIndex));
		const faults = [env.intercom.faults.fail({ status: 503, probability: 0.02 }), env.intercom.faults.fail({ status: 429, probability: 0.005 })];
		let summary: BackfillSummary;
		try {
			summary = await runBackfill(env.n8n);
		} finally {
			env.intercom.faults.clear();
		}
		expect(faults.reduce((hits, fault) => hits + fault.hits, 0)).toBeGreaterThan(10);
		expect(summary.failed).toEqual({ count: 0, contactIds: [] });
		expect(summary.contactsSeen).toBe(2_000);
		expect(newWrites().sort()).toEqual(changed.map((seeded) => seeded.contact.id).sort());
		expect(changed).toHaveLength(10);
		for (const seeded of changed) {
			const n = members.findIndex((member) => member.memberIndex === seeded.memberIndex);
			expect(memberData(seeded).phone).toBe(`+176555590${10 + n}`);
		}
	});
});
