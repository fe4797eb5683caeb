import { IntercomConversation } from '../../nodes/IntercomConversation/IntercomConversation.node';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters } from '../support/intercomNodeRunner';
import { loadOptionsContext, pairedIndexes, runNode } from '../support/intercomNodeRunner';

const node = new IntercomConversation();
const intercom = useIntercomFake();

const byName = (name: string) => ({ __rl: true, mode: 'name', value: name });

async function run(parameters: Parameters | ((itemIndex: number) => Parameters), items = 1) {
	return await runNode(node, intercom.fake, {
		parameters: (itemIndex) => ({
			operation: 'addTag',
			...(typeof parameters === 'function' ? parameters(itemIndex) : parameters),
		}),
		items,
		continueOnFail: true,
	});
}

const bodies = (method: string, template: string) =>
	intercom.fake.requests.filter((request) => request.method === method && request.template === template).map((request) => request.body);

const tagNames = (applied: Array<{ id: string }>) => applied.map((tag) => intercom.fake.store.tags.get(tag.id)?.name);

describe('Intercom Conversation › Add Tag', () => {
	it('tags a conversation with a tag named in any case, as the token’s admin, without creating one', async () => {
		const vip = intercom.fake.seed.tag('VIP');
		const conversation = intercom.fake.seed.conversation();
		const { successes } = await run({ conversationId: conversation.id, tag: byName('vip') });
		expect(bodies('POST', '/conversations/{conversation_id}/tags')).toEqual([{ id: vip.id, admin_id: intercom.fake.me.id }]);
		expect(successes[0].json).toEqual({
			action: 'tagged',
			addedTo: 'conversation',
			conversationId: conversation.id,
			tagId: vip.id,
			tagName: 'VIP',
			tagCreated: false,
			adminId: intercom.fake.me.id,
		});
		expect(intercom.fake.count('POST', '/tags')).toBe(0);
		expect(tagNames(conversation.tags)).toEqual(['VIP']);
	});

	it('creates a tag the workspace lacks, then tags with it', async () => {
		const conversation = intercom.fake.seed.conversation();
		const { successes } = await run({ conversationId: conversation.id, tag: byName('Renewal due') });
		expect(bodies('POST', '/tags')).toEqual([{ name: 'Renewal due' }]);
		const created = intercom.fake.store.tagByName('Renewal due')!;
		expect(successes[0].json).toMatchObject({ tagId: created.id, tagName: 'Renewal due', tagCreated: true });
		expect(tagNames(conversation.tags)).toEqual(['Renewal due']);
	});

	it('items of one execution naming the same new tag (in any case) make it once', async () => {
		const conversations = [0, 1, 2].map(() => intercom.fake.seed.conversation());
		const names = ['Renewal due', 'renewal DUE', 'Renewal due'];
		const { successes } = await run(
			(itemIndex) => ({ conversationId: conversations[itemIndex].id, tag: byName(names[itemIndex]), options: { concurrency: 5 } }),
			3,
		);
		expect(intercom.fake.count('POST', '/tags')).toBe(1);
		expect(intercom.fake.store.tags.size).toBe(1);
		expect(successes.map((item) => item.json.tagCreated)).toEqual([true, false, false]);
		expect(new Set(successes.map((item) => item.json.tagId)).size).toBe(1);
		expect(conversations.map((conversation) => tagNames(conversation.tags))).toEqual([['Renewal due'], ['Renewal due'], ['Renewal due']]);
	});

	it('two executions at once naming the same new tag make it once: the second waits, then finds it', async () => {
		// Slow creation, so without the shared lock both executions would ask Intercom to create the tag.
		intercom.fake.faults.delay({ ms: 150, method: 'POST', path: '/tags' });
		const conversations = [intercom.fake.seed.conversation(), intercom.fake.seed.conversation()];
		const runs = await Promise.all(
			conversations.map(async (conversation, index) => await run({ conversationId: conversation.id, tag: byName(index ? 'RENEWAL DUE' : 'Renewal due') })),
		);
		expect(intercom.fake.count('POST', '/tags')).toBe(1);
		expect(intercom.fake.store.tags.size).toBe(1);
		expect(runs.map(({ successes }) => successes[0].json.tagCreated).sort()).toEqual([false, true]);
		expect(conversations.map((conversation) => conversation.tags.length)).toEqual([1, 1]);
	});

	it('tags a contact by its ID: no admin in the request, and none looked up', async () => {
		const vip = intercom.fake.seed.tag('VIP');
		const contact = intercom.fake.seed.user({ email: 'member@example.org' });
		const { successes } = await run({ addTo: 'contact', contactId: contact.id, tag: { __rl: true, mode: 'list', value: vip.id } });
		expect(bodies('POST', '/contacts/{contact_id}/tags')).toEqual([{ id: vip.id }]);
		expect(successes[0].json).toEqual({ action: 'tagged', addedTo: 'contact', contactId: contact.id, tagId: vip.id, tagName: 'VIP', tagCreated: false });
		expect(intercom.fake.count('GET', '/me')).toBe(0);
		expect(intercom.fake.count('GET', '/tags')).toBe(0);
		expect(intercom.fake.store.contactTags.get(contact.id)?.map((tag) => tag.id)).toEqual([vip.id]);
	});

	it('an unknown contact or tag ID fails only its item, with Intercom’s reason; items stay paired', async () => {
		const vip = intercom.fake.seed.tag('VIP');
		const contact = intercom.fake.seed.user({ email: 'member@example.org' });
		const conversation = intercom.fake.seed.conversation();
		const inputs: Parameters[] = [
			{ addTo: 'contact', contactId: '6000000000000000000000ff', tag: { __rl: true, mode: 'id', value: vip.id } },
			{ addTo: 'contact', contactId: contact.id, tag: { __rl: true, mode: 'id', value: vip.id } },
			{ addTo: 'conversation', conversationId: conversation.id, tag: { __rl: true, mode: 'id', value: '999999' } },
		];
		const { items } = await run((itemIndex) => inputs[itemIndex], 3);
		expect(pairedIndexes(items)).toEqual([0, 1, 2]);
		expect(items[0].json.error).toBe(
			`Intercom could not find what was needed to add tag ${vip.id} to contact 6000000000000000000000ff (not_found: User Not Found)`,
		);
		expect(items[1].json.action).toBe('tagged');
		expect(items[2].json.error).toBe(
			`Intercom could not find what was needed to add tag 999999 to conversation ${conversation.id} (tag_not_found: Tag not found)`,
		);
	});

	it('with Create Missing Tag off, a name the workspace lacks is an error and no tag is made', async () => {
		const conversation = intercom.fake.seed.conversation();
		const { errors } = await run({ conversationId: conversation.id, tag: byName('Renewl due'), options: { createMissingTag: false } });
		expect(errors[0].json).toMatchObject({
			error: 'Intercom has no tag named "Renewl due"',
			details: { description: 'Check the spelling, pick the tag from the list, or turn on Options → Create Missing Tag.' },
		});
		expect(intercom.fake.count('POST', '/tags')).toBe(0);
		expect(intercom.fake.store.tags.size).toBe(0);
	});

	it('a failed creation fails the items that needed it, and the next execution tries again', async () => {
		intercom.fake.faults.fail({ status: 500, method: 'POST', path: '/tags', count: 1 });
		const conversation = intercom.fake.seed.conversation();
		const { errors } = await run({ conversationId: conversation.id, tag: byName('Renewal due'), options: { maxRetries: 0 } });
		expect(errors[0].json.error).toBe('Intercom had a server error (HTTP 500) after trying to create the tag "Renewal due" once');
		const { successes } = await run({ conversationId: conversation.id, tag: byName('Renewal due') });
		expect(successes[0].json).toMatchObject({ tagName: 'Renewal due', tagCreated: true });
	});

	it('offers the workspace’s tags as a searchable list', async () => {
		intercom.fake.seed.tag('VIP');
		const renewal = intercom.fake.seed.tag('Renewal due');
		const tags = await node.methods.listSearch.searchTags.call(loadOptionsContext(intercom.fake), 'renewal');
		expect(tags.results).toEqual([{ name: 'Renewal due', value: renewal.id }]);
	});
});
