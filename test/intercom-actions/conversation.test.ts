import { IntercomConversation } from '../../nodes/IntercomConversation/IntercomConversation.node';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters, RunOptions } from '../support/intercomNodeRunner';
import { loadOptionsContext, pairedIndexes, runNode } from '../support/intercomNodeRunner';

const node = new IntercomConversation();
const intercom = useIntercomFake();

async function run(
	operation: string,
	parameters: Parameters | ((itemIndex: number) => Parameters),
	items = 1,
	more: Partial<RunOptions> = {},
) {
	return await runNode(node, intercom.fake, {
		parameters: (itemIndex) => ({ operation, ...(typeof parameters === 'function' ? parameters(itemIndex) : parameters) }),
		items,
		continueOnFail: true,
		...more,
	});
}

/** Bodies of the requests the fake received for `METHOD /template`, in order. */
const bodies = (method: string, template: string) =>
	intercom.fake.requests.filter((request) => request.method === method && request.template === template).map((request) => request.body);

const REPLY = '/conversations/{conversation_id}/reply';
const PARTS = '/conversations/{conversation_id}/parts';

describe('Intercom Conversation › Reply', () => {
	it('replies to the customer as the token’s admin', async () => {
		const conversation = intercom.fake.seed.conversation();
		const { successes, errors } = await run('reply', { conversationId: conversation.id, body: '<p>Your renewal went through.</p>' });
		expect(errors).toEqual([]);
		expect(bodies('POST', REPLY)).toEqual([
			{ message_type: 'comment', type: 'admin', admin_id: intercom.fake.me.id, body: '<p>Your renewal went through.</p>' },
		]);
		expect(successes[0].json).toMatchObject({ action: 'replied', id: conversation.id, state: 'open' });
		expect(conversation.parts.map((part) => part.part_type)).toEqual(['comment']);
	});

	it('leaves an internal note as the chosen admin, without asking who owns the token', async () => {
		const helper = intercom.fake.seed.admin({ name: 'Helper' });
		const conversation = intercom.fake.seed.conversation();
		const { successes } = await run('reply', {
			conversationId: conversation.id,
			messageType: 'note',
			body: 'Checked the member directory: dues paid.',
			options: { adminId: helper.id },
		});
		expect(successes[0].json.action).toBe('noted');
		expect(bodies('POST', REPLY)).toEqual([
			{ message_type: 'note', type: 'admin', admin_id: helper.id, body: 'Checked the member directory: dues paid.' },
		]);
		expect(intercom.fake.count('GET', '/me')).toBe(0);
	});

	it('pairs every item; an unknown conversation is an error item saying what to check, the others go through', async () => {
		const conversations = [intercom.fake.seed.conversation(), intercom.fake.seed.conversation()];
		const ids = [conversations[0].id, '64619799999999', conversations[1].id];
		const { items } = await run('reply', (itemIndex) => ({ conversationId: ids[itemIndex], body: `Hello ${itemIndex}` }), 3);
		expect(pairedIndexes(items)).toEqual([0, 1, 2]);
		expect(items[1].json).toEqual({
			error: 'Intercom could not find what was needed to reply to conversation 64619799999999 (not_found: Resource Not Found)',
			details: { description: 'Check the id. Merged or deleted records are no longer found.', httpCode: '404' },
		});
		expect([items[0].json.action, items[2].json.action]).toEqual(['replied', 'replied']);
		expect(intercom.fake.count('GET', '/me')).toBe(1);
	});

	it('without continue-on-fail the first failing item stops the node with that error', async () => {
		const run404 = runNode(node, intercom.fake, {
			parameters: { operation: 'reply', conversationId: '64619799999999', body: 'Hi' },
			continueOnFail: false,
		});
		await expect(run404).rejects.toThrow('Intercom could not find what was needed to reply to conversation 64619799999999');
	});

	it('an empty message fails its item before any request', async () => {
		const conversation = intercom.fake.seed.conversation();
		const { errors } = await run('reply', { conversationId: conversation.id, body: '  ' });
		expect(errors[0].json.error).toBe('Enter the message to send');
		expect(intercom.fake.requests).toEqual([]);
	});

	it('takes the reply type per item from an expression, in any case; an unknown one fails only its item, unsent', async () => {
		const conversation = intercom.fake.seed.conversation();
		const types = ['Note', 'whisper'];
		const { items } = await run('reply', (itemIndex) => ({ conversationId: conversation.id, messageType: types[itemIndex], body: 'Hi' }), 2);
		expect(items[0].json.action).toBe('noted');
		expect(items[1].json.error).toBe('Reply Type "whisper" is not comment or note');
		expect(bodies('POST', REPLY)).toHaveLength(1);
	});

	it('a server error is not retried, since Intercom may have posted the reply, and the error says to look first', async () => {
		const conversation = intercom.fake.seed.conversation();
		intercom.fake.faults.fail({ status: 500, method: 'POST', path: REPLY, count: 1, afterWrite: true });
		const { errors } = await run('reply', { conversationId: conversation.id, body: 'Hi' });
		expect(intercom.fake.count('POST', REPLY)).toBe(1);
		expect(conversation.parts).toHaveLength(1);
		expect(errors[0].json).toMatchObject({
			error: `Intercom had a server error (HTTP 500) after trying to reply to conversation ${conversation.id} once`,
			details: { description: expect.stringMatching(/^Intercom may have posted the message before failing/) },
		});
	});
});

describe('Intercom Conversation › Close, Open, Snooze', () => {
	it('closes with a last message', async () => {
		const conversation = intercom.fake.seed.conversation();
		const { successes } = await run('close', { conversationId: conversation.id, options: { body: 'Glad we could help.' } });
		expect(bodies('POST', PARTS)).toEqual([{ message_type: 'close', type: 'admin', admin_id: intercom.fake.me.id, body: 'Glad we could help.' }]);
		expect(successes[0].json).toMatchObject({ action: 'closed', state: 'closed', open: false });
		expect(conversation.state).toBe('closed');
	});

	it('closes without a message, and retries that after a server error (nothing would be posted twice)', async () => {
		const conversation = intercom.fake.seed.conversation();
		intercom.fake.faults.fail({ status: 503, method: 'POST', path: PARTS, count: 1 });
		const { successes } = await run('close', { conversationId: conversation.id });
		expect(bodies('POST', PARTS)).toEqual([
			{ message_type: 'close', type: 'admin', admin_id: intercom.fake.me.id },
			{ message_type: 'close', type: 'admin', admin_id: intercom.fake.me.id },
		]);
		expect(successes[0].json.action).toBe('closed');
	});

	it('reopens a closed conversation', async () => {
		const conversation = intercom.fake.seed.conversation({ state: 'closed' });
		const { successes } = await run('open', { conversationId: conversation.id });
		expect(bodies('POST', PARTS)).toEqual([{ message_type: 'open', admin_id: intercom.fake.me.id }]);
		expect(successes[0].json).toMatchObject({ action: 'opened', state: 'open' });
	});

	it('snoozes until a picked time, read in the workflow’s time zone, as message type "snoozed"', async () => {
		const conversations = [intercom.fake.seed.conversation(), intercom.fake.seed.conversation()];
		const picked = ['2030-01-15T09:00:00', '2030-07-15T09:00:00+02:00'];
		const { successes } = await run(
			'snooze',
			(itemIndex) => ({ conversationId: conversations[itemIndex].id, snoozeUntil: picked[itemIndex] }),
			2,
			{ timezone: 'America/New_York' },
		);
		const expected = [Date.UTC(2030, 0, 15, 14) / 1000, Date.UTC(2030, 6, 15, 7) / 1000];
		expect(bodies('POST', PARTS)).toEqual(
			expected.map((snoozed_until) => ({ message_type: 'snoozed', admin_id: intercom.fake.me.id, snoozed_until })),
		);
		expect(successes.map((item) => [item.json.action, item.json.state, item.json.snoozed_until])).toEqual([
			['snoozed', 'snoozed', expected[0]],
			['snoozed', 'snoozed', expected[1]],
		]);
	});

	it('a time in the past or not a date fails its item before any request', async () => {
		const conversation = intercom.fake.seed.conversation();
		const until = ['2020-01-01T00:00:00Z', 'next tuesday'];
		const { items } = await run('snooze', (itemIndex) => ({ conversationId: conversation.id, snoozeUntil: until[itemIndex] }), 2);
		expect(items.map((item) => item.json.error)).toEqual([
			'Snooze Until (2020-01-01T00:00:00.000Z) is not in the future',
			'Snooze Until is not a date: "next tuesday"',
		]);
		expect(intercom.fake.requests).toEqual([]);
	});
});

describe('Intercom Conversation › Assign', () => {
	it('assigns to an admin, as the token’s admin', async () => {
		const helper = intercom.fake.seed.admin({ name: 'Helper' });
		const conversation = intercom.fake.seed.conversation();
		const { successes } = await run('assign', { conversationId: conversation.id, assignTo: 'admin', assigneeAdminId: helper.id });
		expect(bodies('POST', PARTS)).toEqual([
			{ message_type: 'assignment', type: 'admin', admin_id: intercom.fake.me.id, assignee_id: helper.id },
		]);
		expect(successes[0].json).toMatchObject({ action: 'assigned', admin_assignee_id: Number(helper.id) });
		expect(conversation.admin_assignee_id).toBe(helper.id);
	});

	it('assigns to a team with a message, as a chosen admin', async () => {
		const helper = intercom.fake.seed.admin({ name: 'Helper' });
		const billing = intercom.fake.seed.team({ name: 'Billing' });
		const conversation = intercom.fake.seed.conversation();
		const { successes } = await run('assign', {
			conversationId: conversation.id,
			assignTo: 'team',
			assigneeTeamId: billing.id,
			options: { adminId: helper.id, body: 'Passing you to Billing.' },
		});
		expect(bodies('POST', PARTS)).toEqual([
			{ message_type: 'assignment', type: 'team', admin_id: helper.id, assignee_id: billing.id, body: 'Passing you to Billing.' },
		]);
		expect(successes[0].json).toMatchObject({ action: 'assigned', team_assignee_id: Number(billing.id) });
	});

	it('0 unassigns; an unknown team or an empty choice fails only its item', async () => {
		const conversation = intercom.fake.seed.conversation({ admin_assignee_id: intercom.fake.me.id });
		const choices: Parameters[] = [
			{ assignTo: 'admin', assigneeAdminId: '0' },
			{ assignTo: 'team', assigneeTeamId: '42' },
			{ assignTo: 'admin', assigneeAdminId: '' },
		];
		const { items } = await run('assign', (itemIndex) => ({ conversationId: conversation.id, ...choices[itemIndex] }), 3);
		expect(pairedIndexes(items)).toEqual([0, 1, 2]);
		expect(items[0].json).toMatchObject({ action: 'unassigned', admin_assignee_id: null });
		expect(items[1].json.error).toBe(
			`Intercom could not find what was needed to assign conversation ${conversation.id} to team 42 (team_not_found: Team not found)`,
		);
		expect(items[2].json.error).toBe('Choose the admin to assign the conversation to');
	});

	it('offers the workspace’s admins and teams as lists', async () => {
		intercom.fake.seed.team({ name: 'Support' });
		intercom.fake.seed.team({ name: 'Billing' });
		const context = loadOptionsContext(intercom.fake);
		const teams = await node.methods.loadOptions.getTeams.call(context);
		expect(teams.map((team) => team.name)).toEqual(['Billing', 'Support']);
		const admins = await node.methods.loadOptions.getAdmins.call(context);
		expect(admins).toEqual([{ name: 'Fake Owner (owner@example.org)', value: intercom.fake.me.id }]);
	});
});
