import { IntercomClient } from 'intercom-client';

import { startIntercomFake } from '../support/intercom-fake';
import { useIntercomFake } from '../support/intercom-fake/jest';
import { raw } from './raw-request';

const intercom = useIntercomFake();
const fake = () => intercom.fake;
const client = () => new IntercomClient({ token: fake().token, baseUrl: fake().baseUrl, maxRetries: 0 });

describe('Intercom fake: tags and conversations', () => {
	it('lists tags and creates a tag once per name', async () => {
		const existing = fake().seed.tag('VIP');

		const again = await client().tags.create({ name: 'VIP' });
		const created = await client().tags.create({ name: 'Renewal due' });
		const listed = await client().tags.list();

		expect(again.id).toBe(existing.id);
		expect(listed.data?.map((tag) => tag.name)).toEqual(['VIP', 'Renewal due']);
		expect(listed.data?.[1].id).toBe(created.id);
	});

	it('removes a tag from a conversation with the admin id in a DELETE body', async () => {
		const conversation = fake().seed.conversation({ tags: ['VIP', 'Escalated'] });
		const escalated = fake().store.tagByName('Escalated')!;

		const removed = await client().tags.untagConversation({
			conversation_id: conversation.id,
			tag_id: escalated.id,
			admin_id: fake().me.id,
		});

		expect(removed).toMatchObject({ type: 'tag', id: escalated.id, name: 'Escalated' });
		expect(fake().requests.at(-1)).toMatchObject({ method: 'DELETE', body: { admin_id: fake().me.id } });
		const after = await client().conversations.find({ conversation_id: conversation.id });
		expect(after.tags?.tags?.map((tag) => tag.name)).toEqual(['VIP']);
	});

	it('answers 404 not_found for an unknown conversation', async () => {
		const tag = fake().seed.tag('VIP');

		const error = await client()
			.tags.untagConversation({ conversation_id: '64619799999999', tag_id: tag.id, admin_id: fake().me.id })
			.catch((reason: unknown) => reason);

		expect(error).toMatchObject({ statusCode: 404, body: { errors: [{ code: 'not_found', message: 'Conversation not found' }] } });
	});

	it('answers 404 tag_not_found for an unknown tag and, by default, for a tag not on the conversation', async () => {
		const conversation = fake().seed.conversation({ tags: ['VIP'] });
		const elsewhere = fake().seed.tag('Elsewhere');
		const untag = (tagId: string) =>
			client()
				.tags.untagConversation({ conversation_id: conversation.id, tag_id: tagId, admin_id: fake().me.id })
				.catch((reason: unknown) => reason);

		for (const tagId of ['999999', elsewhere.id]) {
			expect(await untag(tagId)).toMatchObject({ statusCode: 404, body: { errors: [{ code: 'tag_not_found' }] } });
		}
		expect(conversation.tags).toHaveLength(1);
	});

	it('can answer success for a tag not on the conversation instead', async () => {
		const lenient = await startIntercomFake({ untagAbsentTag: 'success' });
		try {
			const conversation = lenient.seed.conversation();
			const tag = lenient.seed.tag('VIP');

			const answer = await raw(lenient, 'DELETE', `/conversations/${conversation.id}/tags/${tag.id}`, { body: { admin_id: lenient.me.id } });

			expect(answer.status).toBe(200);
			expect(answer.body).toEqual({ type: 'tag', id: tag.id, name: 'VIP' });
			lenient.expectNoInvalidRequests();
		} finally {
			await lenient.close();
		}
	});

	it('records a DELETE without the admin_id the contract requires', async () => {
		const conversation = fake().seed.conversation({ tags: ['VIP'] });

		const answer = await raw(fake(), 'DELETE', `/conversations/${conversation.id}/tags/${conversation.tags[0].id}`);

		expect(answer.status).toBe(400);
		expect(fake().takeInvalidRequests()[0].problems).toEqual(['The contract requires a JSON request body']);
		expect(conversation.tags).toHaveLength(1);
	});

	it('answers 404 admin_not_found for an admin the workspace does not have', async () => {
		const conversation = fake().seed.conversation({ tags: ['VIP'] });

		const error = await client()
			.tags.untagConversation({ conversation_id: conversation.id, tag_id: conversation.tags[0].id, admin_id: '1' })
			.catch((reason: unknown) => reason);

		expect(error).toMatchObject({ statusCode: 404, body: { errors: [{ code: 'admin_not_found' }] } });
	});

	it('tags a conversation and keeps its custom attributes', async () => {
		const conversation = fake().seed.conversation({ custom_attributes: { member_number: '100' } });
		const tag = fake().seed.tag('VIP');

		await client().tags.tagConversation({ conversation_id: conversation.id, id: tag.id, admin_id: fake().me.id });
		await client().conversations.update({ conversation_id: conversation.id, custom_attributes: { escalated: 'yes' } });
		const found = await client().conversations.find({ conversation_id: conversation.id });

		expect(found.tags?.tags?.map((one) => one.id)).toEqual([tag.id]);
		expect(found.custom_attributes).toEqual({ member_number: '100', escalated: 'yes' });
	});

	it('answers with admins for list pickers', async () => {
		const helper = fake().seed.admin({ name: 'Helper' });

		const admins = await client().admins.list();

		expect(admins.admins?.map((admin) => admin?.id)).toEqual([fake().me.id, helper.id]);
	});

	afterEach(() => {
		expect(fake().invalidResponses).toEqual([]);
	});
});
