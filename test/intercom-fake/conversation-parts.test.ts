import { IntercomClient } from 'intercom-client';

import { useIntercomFake } from '../support/intercom-fake/jest';
import { raw } from './raw-request';

const intercom = useIntercomFake();
const fake = () => intercom.fake;
const client = () => new IntercomClient({ token: fake().token, baseUrl: fake().baseUrl, maxRetries: 0 });

describe('Intercom fake: replies, notes and managing a conversation', () => {
	it('keeps an admin reply and a note as parts, authored by the admin', async () => {
		const conversation = fake().seed.conversation();
		const helper = fake().seed.admin({ name: 'Helper' });

		await client().conversations.reply({
			conversation_id: conversation.id,
			body: { message_type: 'comment', type: 'admin', admin_id: helper.id, body: '<p>On it</p>' },
		});
		const answer = await client().conversations.reply({
			conversation_id: conversation.id,
			body: { message_type: 'note', type: 'admin', admin_id: fake().me.id, body: 'Internal' },
		});

		expect(conversation.parts.map(({ part_type, body, author_id }) => ({ part_type, body, author_id }))).toEqual([
			{ part_type: 'comment', body: '<p>On it</p>', author_id: helper.id },
			{ part_type: 'note', body: 'Internal', author_id: fake().me.id },
		]);
		expect(answer.conversation_parts?.conversation_parts?.at(-1)).toMatchObject({
			part_type: 'note',
			author: { type: 'admin', id: fake().me.id, name: 'Fake Owner' },
		});
	});

	it('records a comment without the body the contract says it must have', async () => {
		const conversation = fake().seed.conversation();

		const answer = await raw(fake(), 'POST', `/conversations/${conversation.id}/reply`, {
			body: { message_type: 'comment', type: 'admin', admin_id: fake().me.id },
		});

		expect(answer.status).toBe(400);
		expect(fake().takeInvalidRequests()[0].problems).toEqual(['body must be present for comment and note message types']);
		expect(conversation.parts).toEqual([]);
	});

	it('closes, snoozes, reopens and assigns, answering with the new state', async () => {
		const conversation = fake().seed.conversation();
		const team = fake().seed.team({ name: 'Billing' });
		const admin = fake().me.id;
		const manage = async (body: Parameters<IntercomClient['conversations']['manage']>[0]['body']) =>
			await client().conversations.manage({ conversation_id: conversation.id, body });

		expect(await manage({ message_type: 'close', type: 'admin', admin_id: admin, body: 'Bye' })).toMatchObject({ state: 'closed', open: false });
		expect(await manage({ message_type: 'snoozed', admin_id: admin, snoozed_until: 1_900_000_000 })).toMatchObject({
			state: 'snoozed',
			open: true,
			snoozed_until: 1_900_000_000,
		});
		expect(await manage({ message_type: 'open', admin_id: admin })).toMatchObject({ state: 'open', snoozed_until: null });
		expect(await manage({ message_type: 'assignment', type: 'team', admin_id: admin, assignee_id: team.id })).toMatchObject({
			team_assignee_id: Number(team.id),
			admin_assignee_id: null,
		});
		expect(await manage({ message_type: 'assignment', type: 'admin', admin_id: admin, assignee_id: admin })).toMatchObject({
			admin_assignee_id: Number(admin),
		});
		expect(await manage({ message_type: 'assignment', type: 'admin', admin_id: admin, assignee_id: '0' })).toMatchObject({
			admin_assignee_id: null,
			team_assignee_id: Number(team.id),
		});
		expect(conversation.parts.map((part) => part.part_type)).toEqual(['close', 'snoozed', 'open', 'assignment', 'assignment', 'assignment']);
		expect(conversation.parts[0].body).toBe('Bye');
	});

	it('refuses "snooze" (the contract says "snoozed") and a close without type admin', async () => {
		const conversation = fake().seed.conversation();
		const path = `/conversations/${conversation.id}/parts`;

		const snooze = await raw(fake(), 'POST', path, { body: { message_type: 'snooze', admin_id: fake().me.id, snoozed_until: 1_900_000_000 } });
		const close = await raw(fake(), 'POST', path, { body: { message_type: 'close', admin_id: fake().me.id } });

		expect([snooze.status, close.status]).toEqual([400, 400]);
		expect(fake().takeInvalidRequests()).toHaveLength(2);
		expect(conversation.state).toBe('open');
	});

	it('answers 404 for an unknown conversation, admin or team, and changes nothing', async () => {
		const conversation = fake().seed.conversation();
		const attempt = async (id: string, body: object) =>
			await client()
				.conversations.manage({ conversation_id: id, body: body as never })
				.catch((reason: unknown) => reason);

		expect(await attempt('64619799999999', { message_type: 'open', admin_id: fake().me.id })).toMatchObject({
			statusCode: 404,
			body: { errors: [{ code: 'not_found', message: 'Resource Not Found' }] },
		});
		expect(await attempt(conversation.id, { message_type: 'open', admin_id: '1' })).toMatchObject({ statusCode: 404 });
		expect(
			await attempt(conversation.id, { message_type: 'assignment', type: 'team', admin_id: fake().me.id, assignee_id: '42' }),
		).toMatchObject({ statusCode: 404, body: { errors: [{ code: 'team_not_found' }] } });
		expect(conversation.parts).toEqual([]);
	});

	it('tags a contact once however often asked, and lists its tags', async () => {
		const contact = fake().seed.user({ email: 'ann@example.org' });
		const tag = fake().seed.tag('VIP');

		await client().tags.tagContact({ contact_id: contact.id, id: tag.id });
		const again = await client().tags.tagContact({ contact_id: contact.id, id: tag.id });
		const listed = await raw(fake(), 'GET', `/contacts/${contact.id}/tags`);

		expect(again).toMatchObject({ id: tag.id, name: 'VIP', applied_by: { type: 'admin', id: fake().me.id } });
		expect(listed.body.data.map((one: { name: string }) => one.name)).toEqual(['VIP']);
		expect((await raw(fake(), 'DELETE', `/tags/${tag.id}`)).status).toBe(400);
	});

	it('creates a tag once per name, whatever its case', async () => {
		const existing = fake().seed.tag('Renewal due');

		const again = await client().tags.create({ name: 'RENEWAL DUE' });

		expect(again).toMatchObject({ id: existing.id, name: 'Renewal due' });
		expect(fake().store.tags.size).toBe(1);
	});

	it('lists teams for pickers', async () => {
		const team = fake().seed.team({ name: 'Billing', admin_ids: [fake().me.id] });

		const teams = await client().teams.list();

		expect(teams.teams).toEqual([{ type: 'team', id: team.id, name: 'Billing', admin_ids: [Number(fake().me.id)] }]);
	});

	afterEach(() => {
		expect(fake().invalidResponses).toEqual([]);
	});
});
