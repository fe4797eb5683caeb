import { WORKFLOW_IDS } from '../../support/sync-workflows';
import { deliverIntercom, intercomNotification } from './deliveries';
import type { WorkflowEnvironment } from './environment';
import { expectSucceeded, ranNodes, runOnce } from './executions';

const SYNC_TAG = 'mynatca-sync';

/** Seed 003's manual re-sync: an agent tags a conversation after filling in the member number. */
export function describeTagResync(getEnv: () => WorkflowEnvironment): void {
	describe('tag re-sync (conversation_part.tag.created)', () => {
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
			const user = intercom.seed.user({ email: 'jane.roe@example.com', created_at: 1_700_000_000 });
			const lead = intercom.seed.lead({ email: 'Jane.Roe@example.com', name: 'Jane (chat)' });

			const { execution, tagNames } = await tagConversation(lead.id, ' 12346 ');

			expectSucceeded(execution);
			expect(ranNodes(execution)).toEqual(expect.arrayContaining(['Make the member a user, merging any lead', 'Take the mynatca-sync tag off']));
			expect(intercom.store.contacts.get(lead.id)!.merged_into).toBe(user.id);
			const stored = intercom.store.contacts.get(user.id)!;
			expect(stored.role).toBe('user');
			expect(stored.custom_attributes).toMatchObject({
				member_number: '12346',
				member_type: 'Active',
				region: 'NE',
				facility: 'ZBW',
				positions: '',
			});
			expect(stored.phone).toBe('+17654657032');
			expect(intercom.store.contactsWithEmail('jane.roe@example.com')).toHaveLength(1);
			expect(tagNames()).toEqual([]);
		});

		it('turns a lead into a user when the member has no user yet', async () => {
			const { intercom } = getEnv();
			const lead = intercom.seed.lead({ email: 'john.doe@example.com' });

			const { execution, tagNames } = await tagConversation(lead.id, '12345');

			expectSucceeded(execution);
			const members = intercom.store.contactsWithEmail('john.doe@example.com').filter((contact) => !contact.archived);
			expect(members).toHaveLength(1);
			expect(members[0]).toMatchObject({ role: 'user', custom_attributes: expect.objectContaining({ member_number: '12345' }) });
			expect(tagNames()).toEqual([]);
		});

		it('keeps the tag when no Active or Retired member has the number, and says why', async () => {
			const { intercom } = getEnv();
			const lead = intercom.seed.lead({ email: 'typo@example.com' });
			const writesBefore = intercom.count('PUT', '/contacts/{contact_id}') + intercom.count('POST', '/contacts');

			const { execution, tagNames } = await tagConversation(lead.id, '99999');

			expectSucceeded(execution);
			expect(execution.lastNodeExecuted).toBe('Tag stays: no Active or Retired member has this number');
			expect(tagNames()).toEqual([SYNC_TAG]);
			expect(intercom.store.contacts.get(lead.id)!.role).toBe('lead');
			expect(intercom.count('PUT', '/contacts/{contact_id}') + intercom.count('POST', '/contacts')).toBe(writesBefore);
		});

		it('keeps the tag when the agent did not fill in the member number', async () => {
			const { intercom } = getEnv();
			const lead = intercom.seed.lead({ email: 'nonumber@example.com' });

			const { execution, tagNames } = await tagConversation(lead.id, undefined);

			expectSucceeded(execution);
			expect(execution.lastNodeExecuted).toBe('Tag stays: no member number on the conversation');
			expect(tagNames()).toEqual([SYNC_TAG]);
		});

		it('matches the tag ignoring case and ignores other tags', async () => {
			const { intercom } = getEnv();
			const upper = await tagConversation(intercom.seed.lead({ email: 'ina.gone@example.com' }).id, '22222', 'MyNATCA-Sync');
			const other = await tagConversation(intercom.seed.lead({ email: 'other@example.com' }).id, '12345', 'billing');

			expectSucceeded(upper.execution);
			expect(ranNodes(upper.execution)).toContain('Make the member a user, merging any lead');
			expectSucceeded(other.execution);
			expect(other.execution.lastNodeExecuted).toBe('Another tag: nothing to do');
			expect(other.tagNames()).toEqual(['billing']);
		});
	});
}
