import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import { deliverIntercom, intercomNotification } from './deliveries';
import type { WorkflowEnvironment } from './environment';
import { runAloneWhenNamed } from './onEnvironment';
import { expectEndedAtOutput, expectSucceeded, ranNodes, runOnce } from './executions';

const SYNC_TAG = 'mynatca-sync';

/** Seed 003's manual re-sync: an agent tags a conversation after filling in the member number. */
export function describeTagResync(getEnv: () => WorkflowEnvironment): void {
	describe('tag re-sync (conversation_part.tag.created)', () => {
		beforeAll(async () => {
			// Members of this suite only, so earlier suites' contacts with the reference emails do not interfere.
			await getEnv().mariadb.query(
				`INSERT INTO members VALUES
				 ('61001','Kim','Lee','kim.lee@example.com','+44 20 7946 0958','EA','ZNY','Active',2),
				 ('61002','Sam','Park','sam.park@example.com','765-465-7040','CE','ZKC','Active',1)`,
			);
		});

		afterEach(() => getEnv().intercom.expectNoInvalidRequests());

		/** A conversation from `authorId`, tagged with the sync tag, carrying the member number the agent typed. */
		async function tagConversation(authorId: string, memberNumber: string | undefined, tag = SYNC_TAG) {
			const env = getEnv();
			const conversation = env.intercom.seed.conversation({
				contact_ids: [authorId],
				tags: [tag],
				custom_attributes: memberNumber === undefined ? {} : { member_number_verification: memberNumber },
			});
			const notification = intercomNotification({
				topic: 'conversation_part.tag.created',
				conversationId: conversation.id,
				author: { id: authorId, type: 'lead' },
				customAttributes: conversation.custom_attributes,
				tagsAdded: [tag],
			});
			const run = await runOnce(env, WORKFLOW_IDS.memberSync, () =>
				deliverIntercom(env.n8n, env.urls.intercom, notification, env.secrets.intercomClientSecret),
			);
			const tagNames = () =>
				env.intercom.store.conversations.get(conversation.id)!.tags.map((applied) => env.intercom.store.tags.get(applied.id)!.name);
			return { ...run, conversation, tagNames };
		}

		it('merges the lead into the member’s user, writes the member data and takes the tag off', async () => {
			const { intercom } = getEnv();
			const user = intercom.seed.user({ email: 'kim.lee@example.com', created_at: 1_700_000_000 });
			const lead = intercom.seed.lead({ email: 'Kim.Lee@example.com', name: 'Kim (chat)' });

			const { execution, tagNames } = await tagConversation(lead.id, ' 61001 ');

			expectSucceeded(execution);
			expect(ranNodes(execution)).toEqual(expect.arrayContaining(['Make the member a user, merging any lead', 'Take the mynatca-sync tag off']));
			expect(intercom.store.contacts.get(lead.id)!.merged_into).toBe(user.id);
			const stored = intercom.store.contacts.get(user.id)!;
			expect(stored.role).toBe('user');
			expect(stored.custom_attributes).toMatchObject({
				member_number: '61001',
				member_type: 'Active',
				region: 'EA',
				facility: 'ZNY',
				positions: '',
			});
			expect(stored.phone).toBe('+442079460958');
			expect(intercom.store.contactsWithEmail('kim.lee@example.com')).toEqual([expect.objectContaining({ id: user.id })]);
			expect(tagNames()).toEqual([]);
		});

		it('turns a lead into a user when the member has no user yet', async () => {
			const { intercom } = getEnv();
			const lead = intercom.seed.lead({ email: 'sam.park@example.com' });

			const { execution, tagNames } = await tagConversation(lead.id, '61002');

			expectSucceeded(execution);
			expect(intercom.store.contactsWithEmail('sam.park@example.com')).toEqual([
				expect.objectContaining({ id: lead.id, role: 'user', phone: '+17654657040', custom_attributes: expect.objectContaining({ member_number: '61002' }) }),
			]);
			expect(tagNames()).toEqual([]);
		});

		it('keeps the tag when no Active or Retired member has the number: the run ends at the lookup’s Not Found output', async () => {
			const { intercom } = getEnv();
			const lead = intercom.seed.lead({ email: 'typo@example.com' });
			const writesBefore = intercom.count('PUT', '/contacts/{contact_id}') + intercom.count('POST', '/contacts');

			const { execution, tagNames } = await tagConversation(lead.id, '99999');

			expectSucceeded(execution);
			expectEndedAtOutput(execution, 'Look up the member by number', 1);
			expect(tagNames()).toEqual([SYNC_TAG]);
			expect(intercom.store.contacts.get(lead.id)!.role).toBe('lead');
			expect(intercom.count('PUT', '/contacts/{contact_id}') + intercom.count('POST', '/contacts')).toBe(writesBefore);
		});

		it('keeps the tag when the agent did not fill in the member number', async () => {
			const { intercom } = getEnv();
			const lead = intercom.seed.lead({ email: 'nonumber@example.com' });

			const { execution, tagNames } = await tagConversation(lead.id, undefined);

			expectSucceeded(execution);
			expectEndedAtOutput(execution, 'Did the agent enter a member number?', 1);
			expect(tagNames()).toEqual([SYNC_TAG]);
		});

		it('matches the tag ignoring case and ignores other tags', async () => {
			const { intercom } = getEnv();
			const upper = await tagConversation(intercom.seed.lead({ email: 'ina.gone@example.com' }).id, '22222', 'MyNATCA-Sync');
			const other = await tagConversation(intercom.seed.lead({ email: 'other@example.com' }).id, '12345', 'billing');

			expectSucceeded(upper.execution);
			expect(ranNodes(upper.execution)).toContain('Make the member a user, merging any lead');
			expectSucceeded(other.execution);
			expectEndedAtOutput(other.execution, 'Was the mynatca-sync tag added?', 1);
			expect(other.tagNames()).toEqual(['billing']);
		});
	});
}

runAloneWhenNamed(__filename, describeTagResync);
