import { WORKFLOW_IDS } from '../../../scripts/n8n/sync-workflows';
import { deliverIntercom, intercomNotification, type ConversationEvent } from './deliveries';
import type { WorkflowEnvironment } from './environment';
import { runAloneWhenNamed } from './onEnvironment';
import { expectEndedAtOutput, expectNoExecution, expectSucceeded, ranNodes, runOnce } from './executions';

const CONTACT_WRITES: Array<[string, string]> = [
	['PUT', '/contacts/{contact_id}'],
	['POST', '/contacts'],
	['POST', '/contacts/merge'],
	['POST', '/contacts/{contact_id}/archive'],
];

/** Seed 003's contact enrichment: a member who writes in gets their directory data on the contact, once. */
export function describeEnrichment(getEnv: () => WorkflowEnvironment): void {
	describe('contact enrichment (conversation.user.created / replied)', () => {
		let conversationCounter = 0;
		const writes = () => CONTACT_WRITES.reduce((sum, [method, path]) => sum + getEnv().intercom.count(method, path), 0);

		async function deliver(event: Omit<ConversationEvent, 'conversationId'>) {
			const env = getEnv();
			const notification = intercomNotification({ ...event, conversationId: `9000${++conversationCounter}` });
			return await runOnce(env, WORKFLOW_IDS.memberSync, () =>
				deliverIntercom(env.n8n, env.urls.intercom, notification, env.secrets.intercomClientSecret),
			);
		}

		afterEach(() => getEnv().intercom.expectNoInvalidRequests());

		/** A notification from a lead without an email: it runs and writes nothing. */
		const contactWithoutEmail = () =>
			({ topic: 'conversation.user.created', author: { id: getEnv().intercom.seed.lead({ email: null }).id, type: 'lead' } }) as const;
		const sendWithoutEmail = async () => {
			const env = getEnv();
			const notification = intercomNotification({ ...contactWithoutEmail(), conversationId: `9000${++conversationCounter}` });
			return await deliverIntercom(env.n8n, env.urls.intercom, notification, env.secrets.intercomClientSecret);
		};

		it('writes member number, type, region, facility, positions and an E.164 phone to the contact', async () => {
			const { intercom } = getEnv();
			const contact = intercom.seed.user({ email: 'John.Doe@Example.com', name: 'John D' });

			const { response, execution } = await deliver({
				topic: 'conversation.user.created',
				author: { id: contact.id, type: 'user', email: contact.email },
			});

			expect(response.status).toBe(200);
			expectSucceeded(execution);
			expect(ranNodes(execution)).toContain('Write the member data to the contact');
			const stored = intercom.store.contacts.get(contact.id)!;
			expect(stored.custom_attributes).toMatchObject({ member_number: '12345', member_type: 'Active', region: 'GL', facility: 'ZAU' });
			// Active positions only (not "Former Treasurer"), in the order the Member Lookup node gives them.
			expect(String(stored.custom_attributes.positions).split(', ').sort()).toEqual(['Area Representative', 'Facility President']);
			expect(stored.phone).toBe('+17654657031');
			expect(stored.role).toBe('user');
		});

		it('also runs on a reply, and files a retired member under RNAV', async () => {
			const { intercom } = getEnv();
			const contact = intercom.seed.lead({ email: 'ray.old@example.com' });

			const { execution } = await deliver({
				topic: 'conversation.user.replied',
				author: { id: contact.id, type: 'lead', email: contact.email },
			});

			expectSucceeded(execution);
			const stored = intercom.store.contacts.get(contact.id)!;
			expect(stored.custom_attributes).toMatchObject({
				member_number: '22222',
				member_type: 'Retired',
				region: 'RNAV',
				facility: 'RNAV',
				positions: 'Retiree Liaison',
			});
			expect(stored.phone).toBe('+13125550100');
			// The contact keeps its role: enrichment adds data, it does not promote leads.
			expect(stored.role).toBe('lead');
		});

		it('leaves a contact that already has a member number alone', async () => {
			const { intercom } = getEnv();
			const contact = intercom.seed.user({
				email: 'jane.roe@example.com',
				custom_attributes: { member_number: '77777', region: 'XX' },
			});
			const writesBefore = writes();

			const { execution } = await deliver({
				topic: 'conversation.user.replied',
				author: { id: contact.id, type: 'user', email: contact.email },
			});

			expectSucceeded(execution);
			expectEndedAtOutput(execution, 'Does the contact still need member data?', 1);
			expect(ranNodes(execution)).not.toContain('Look up the member by email');
			expect(writes()).toBe(writesBefore);
			expect(intercom.store.contacts.get(contact.id)!.custom_attributes).toEqual({ member_number: '77777', region: 'XX' });
		});

		it('writes nothing for an email that is not a member’s: the run ends at the lookup’s Not Found output', async () => {
			const { intercom } = getEnv();
			const contact = intercom.seed.user({ email: 'stranger@example.net' });
			const writesBefore = writes();

			const { execution } = await deliver({
				topic: 'conversation.user.created',
				author: { id: contact.id, type: 'user', email: contact.email },
			});

			expectSucceeded(execution);
			expectEndedAtOutput(execution, 'Look up the member by email', 1);
			expect(writes()).toBe(writesBefore);
			expect(intercom.store.contacts.get(contact.id)!.custom_attributes).toEqual({});
		});

		it('skips a contact without an email', async () => {
			const { intercom } = getEnv();
			const contact = intercom.seed.lead({ email: null });
			const writesBefore = writes();

			const { execution } = await deliver({ topic: 'conversation.user.created', author: { id: contact.id, type: 'lead' } });

			expectSucceeded(execution);
			expectEndedAtOutput(execution, 'Does the contact still need member data?', 1);
			expect(writes()).toBe(writesBefore);
		});

		it('handles a notification Intercom delivers twice only once', async () => {
			const env = getEnv();
			const contact = env.intercom.seed.user({ email: 'dup@example.com' });
			const notification = intercomNotification({
				topic: 'conversation.user.created',
				conversationId: '90099',
				author: { id: contact.id, type: 'user', email: contact.email },
			});
			const send = () => deliverIntercom(env.n8n, env.urls.intercom, notification, env.secrets.intercomClientSecret);

			const first = await runOnce(env, WORKFLOW_IDS.memberSync, send);
			const writesAfterFirst = writes();
			// The repeat is answered 200 by the trigger and starts nothing.
			const second = await expectNoExecution(env, WORKFLOW_IDS.memberSync, send, sendWithoutEmail);

			expectSucceeded(first.execution);
			expect(ranNodes(first.execution)).toContain('Write the member data to the contact');
			expect(second.status).toBe(200);
			expect(writes()).toBe(writesAfterFirst);
			// dup@example.com is shared by an Active and a Retired member: the Active one wins.
			expect(env.intercom.store.contacts.get(contact.id)!.custom_attributes).toMatchObject({ member_number: '44444' });
		});
	});
}

runAloneWhenNamed(__filename, describeEnrichment);
