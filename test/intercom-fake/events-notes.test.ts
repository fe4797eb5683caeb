import { IntercomClient } from 'intercom-client';

import { useIntercomFake } from '../support/intercom-fake/jest';
import { raw } from './raw-request';

const intercom = useIntercomFake();
const fake = () => intercom.fake;
const event = (extra: Record<string, unknown>) => ({ event_name: 'renewed-membership', created_at: 1_700_000_000, ...extra });

describe('Intercom fake: data events and notes', () => {
	it('answers 202 with an empty body and stores the event against the contact', async () => {
		const user = fake().seed.user({ email: 'Ann@Example.org', external_id: 'm-1' });

		const answers = [
			await raw(fake(), 'POST', '/events', { body: event({ id: user.id }) }),
			await raw(fake(), 'POST', '/events', { body: event({ user_id: 'm-1', metadata: { plan: 'gold' } }) }),
			await raw(fake(), 'POST', '/events', { body: event({ email: 'ann@example.org' }) }),
		];

		expect(answers.map((answer) => [answer.status, answer.body])).toEqual([
			[202, undefined],
			[202, undefined],
			[202, undefined],
		]);
		expect(fake().store.events.map((stored) => stored.contact_id)).toEqual([user.id, user.id, user.id]);
		expect(fake().store.events[1].metadata).toEqual({ plan: 'gold' });
	});

	it('accepts ten metadata keys and refuses eleven with 400', async () => {
		fake().seed.user({ external_id: 'm-1' });
		const metadata = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${i}`, `v${i}`]));

		const ten = await raw(fake(), 'POST', '/events', { body: event({ user_id: 'm-1', metadata: metadata(10) }) });
		const eleven = await raw(fake(), 'POST', '/events', { body: event({ user_id: 'm-1', metadata: metadata(11) }) });

		expect(ten.status).toBe(202);
		expect(eleven.status).toBe(400);
		expect(eleven.body.errors[0]).toEqual({ code: 'parameter_invalid', message: 'Event metadata is limited to 10 keys; 11 were sent' });
		expect(fake().store.events).toHaveLength(1);
	});

	it('records nested metadata and events that name no contact as contract violations', async () => {
		const nested = await raw(fake(), 'POST', '/events', { body: event({ user_id: 'm-1', metadata: { address: { city: 'Leeds' } } }) });
		const nobody = await raw(fake(), 'POST', '/events', { body: event({}) });

		expect([nested.status, nobody.status]).toEqual([400, 400]);
		const records = fake().takeInvalidRequests();
		expect(records.map((record) => record.kind)).toEqual(['body', 'body']);
		expect(records[0].problems).toContain('body/metadata/address must be string');
	});

	it('answers 404 for an event about a contact the workspace does not have', async () => {
		const answer = await raw(fake(), 'POST', '/events', { body: event({ email: 'nobody@example.org' }) });

		expect(answer.status).toBe(404);
	});

	it('adds a note by the token owner unless another admin is named', async () => {
		const user = fake().seed.user();
		const helper = fake().seed.admin({ name: 'Helper' });
		const client = new IntercomClient({ token: fake().token, baseUrl: fake().baseUrl, maxRetries: 0 });

		await client.notes.create({ contact_id: user.id, body: 'First' });
		const note = await client.notes.create({ contact_id: user.id, body: 'Second', admin_id: helper.id });

		expect(note).toMatchObject({ type: 'note', body: 'Second', author: { id: helper.id }, contact: { id: user.id } });
		expect(fake().store.notes.map((stored) => stored.admin_id)).toEqual([fake().me.id, helper.id]);
		expect(fake().invalidResponses).toEqual([]);
	});
});
