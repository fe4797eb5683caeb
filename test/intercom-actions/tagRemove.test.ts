import { IntercomTagRemove } from '../../nodes/IntercomTagRemove/IntercomTagRemove.node';
import { useIntercomFake } from '../support/intercom-fake/jest';
import type { Parameters } from '../support/intercomNodeRunner';
import { loadOptionsContext, runNode } from '../support/intercomNodeRunner';

const node = new IntercomTagRemove();
const intercom = useIntercomFake();

const byName = (name: string) => ({ __rl: true, mode: 'name', value: name });

async function run(parameters: Parameters | ((itemIndex: number) => Parameters), items = 1) {
	return await runNode(node, intercom.fake, {
		parameters: (itemIndex) => ({
			operation: 'remove',
			...(typeof parameters === 'function' ? parameters(itemIndex) : parameters),
		}),
		items,
		continueOnFail: true,
	});
}

describe('Intercom Tag Remove', () => {
	it('removes a tag named in any case, as the token’s admin', async () => {
		const conversation = intercom.fake.seed.conversation({ tags: ['mynatca-sync', 'vip'] });
		const { successes } = await run({ conversationId: conversation.id, tag: byName('MyNATCA-Sync') });
		expect(successes[0].json).toMatchObject({
			conversationId: conversation.id,
			tagName: 'mynatca-sync',
			adminId: intercom.fake.me.id,
			removed: true,
		});
		expect(conversation.tags.map((tag) => intercom.fake.store.tags.get(tag.id)?.name)).toEqual(['vip']);
	});

	it('looks the tags and the admin up once per execution, however many items', async () => {
		const conversations = [0, 1, 2].map(() => intercom.fake.seed.conversation({ tags: ['mynatca-sync'] }));
		const { successes } = await run((itemIndex) => ({ conversationId: conversations[itemIndex].id, tag: byName('mynatca-sync') }), 3);
		expect(successes.map((item) => item.json.removed)).toEqual([true, true, true]);
		expect(intercom.fake.count('GET', '/tags')).toBe(1);
		expect(intercom.fake.count('GET', '/me')).toBe(1);
	});

	it('takes a tag by ID and a chosen admin without looking anything up', async () => {
		const admin = intercom.fake.seed.admin({ name: 'Support Lead' });
		const conversation = intercom.fake.seed.conversation({ tags: ['mynatca-sync'] });
		const tagId = intercom.fake.store.tagByName('mynatca-sync')!.id;
		const { successes } = await run({
			conversationId: conversation.id,
			tag: { __rl: true, mode: 'id', value: tagId },
			options: { adminId: admin.id },
		});
		expect(successes[0].json).toMatchObject({ removed: true, adminId: admin.id, tagId });
		expect(intercom.fake.count('GET', '/tags')).toBe(0);
		expect(intercom.fake.count('GET', '/me')).toBe(0);
	});

	it('a tag that is already gone (or never was) is a success with removed: false', async () => {
		intercom.fake.seed.tag('mynatca-sync');
		const conversation = intercom.fake.seed.conversation({ tags: ['vip'] });
		const { successes, errors } = await run({ conversationId: conversation.id, tag: byName('mynatca-sync') });
		expect(errors).toEqual([]);
		expect(successes[0].json).toMatchObject({ removed: false, tagName: 'mynatca-sync' });
	});

	it('an unknown conversation is an error on that item only', async () => {
		const conversation = intercom.fake.seed.conversation({ tags: ['mynatca-sync'] });
		const { items } = await run(
			(itemIndex) => ({ conversationId: itemIndex === 0 ? '999999' : conversation.id, tag: byName('mynatca-sync') }),
			2,
		);
		expect(items[0].json.error).toBe(
			'Intercom could not find what was needed to remove tag mynatca-sync from conversation 999999 (not_found: Conversation not found)',
		);
		expect(items[1].json.removed).toBe(true);
	});

	it('a tag name the workspace does not have is a clear error', async () => {
		const conversation = intercom.fake.seed.conversation({ tags: ['vip'] });
		const { errors } = await run({ conversationId: conversation.id, tag: byName('mynatca-synk') });
		expect(errors[0].json.error).toBe('Intercom has no tag named "mynatca-synk"');
	});

	it('offers the workspace’s tags and admins as lists', async () => {
		intercom.fake.seed.tag('vip');
		intercom.fake.seed.tag('mynatca-sync');
		intercom.fake.seed.admin({ name: 'Zed', email: 'zed@example.org' });
		const context = loadOptionsContext(intercom.fake);
		const tags = await node.methods.listSearch.searchTags.call(context, 'sync');
		expect(tags.results).toEqual([{ name: 'mynatca-sync', value: intercom.fake.store.tagByName('mynatca-sync')!.id }]);
		const admins = await node.methods.loadOptions.getAdmins.call(context);
		expect(admins.map((admin) => admin.name)).toEqual(['Fake Owner (owner@example.org)', 'Zed (zed@example.org)']);
	});
});
