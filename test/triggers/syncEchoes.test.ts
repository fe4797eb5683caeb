import { createHmac, randomUUID } from 'node:crypto';

import { IntercomTrigger } from '../../nodes/IntercomTrigger/IntercomTrigger.node';
import { expectEcho, withdrawEcho, withEchoMarked } from '../../nodes/common/syncEchoes';
import { TodoistTrigger } from '../../nodes/TodoistTrigger/TodoistTrigger.node';
import { bufferedPost, expectAnsweredWithoutRun, onlyItem, webhookReceiver } from '../support/webhookContext';
import { fixtureJson, knownAnswers } from '../support/webhookFixtures';

const { secret } = knownAnswers;
const intercom = webhookReceiver(new IntercomTrigger(), { webhookClientSecret: secret });
const todoist = webhookReceiver(new TodoistTrigger(), { appClientSecret: secret });

function intercomPost(topic: string, item: Record<string, unknown>) {
	const body = Buffer.from(JSON.stringify({ type: 'notification_event', id: `notif_${randomUUID()}`, topic, app_id: 'abc123', data: { type: 'notification_event_data', item } }));
	return { request: bufferedPost(body), headers: { 'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}` }, parameters: { listenTo: 'all' } };
}

function todoistPost(eventName: string, taskId: string) {
	const event = fixtureJson('todoist/item_completed.json');
	const body = Buffer.from(JSON.stringify({ ...event, event_name: eventName, event_data: { ...(event.event_data as object), id: taskId } }));
	return { request: bufferedPost(body), headers: { 'x-todoist-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'), 'x-todoist-delivery-id': randomUUID() }, parameters: { listenTo: 'all' } };
}

const ticket = (id: string, open = false) => ({ type: 'ticket', id, ticket_id: '42', open, ticket_attributes: { todoist_task_id: 'T-1' } });

describe('Intercom Trigger: echoes of synced ticket changes', () => {
	it('ignores ticket.resolved and ticket.closed (nested ticket, API 2.15) for a ticket we just closed, every copy', async () => {
		const id = randomUUID();
		await expectEcho({ service: 'intercom', object: 'ticket', id, change: 'closed' });
		expectAnsweredWithoutRun(await intercom(intercomPost('ticket.resolved', ticket(id))), 200);
		expectAnsweredWithoutRun(await intercom(intercomPost('ticket.closed', { type: 'conversation', id: 'c1', ticket: ticket(id) })), 200);
		expectAnsweredWithoutRun(await intercom(intercomPost('ticket.state.updated', ticket(id))), 200);
	});

	it('runs for another ticket, for a reopening, and once the mark is withdrawn', async () => {
		const id = randomUUID();
		await expectEcho({ service: 'intercom', object: 'ticket', id, change: 'closed' });
		expect(onlyItem((await intercom(intercomPost('ticket.resolved', ticket(randomUUID())))).result).topic).toBe('ticket.resolved');
		expect(onlyItem((await intercom(intercomPost('ticket.state.updated', ticket(id, true)))).result).ticket).toMatchObject({ id, open: true });
		await withdrawEcho({ service: 'intercom', object: 'ticket', id, change: 'closed' });
		const item = onlyItem((await intercom(intercomPost('ticket.closed', { type: 'conversation', id: 'c1', ticket: ticket(id) }))).result);
		expect(item.ticket).toMatchObject({ id, ticket_attributes: { todoist_task_id: 'T-1' } });
	});

	it('runs for the echo when Ignore Echoes is off, and in the editor’s test mode', async () => {
		const id = randomUUID();
		await expectEcho({ service: 'intercom', object: 'ticket', id, change: 'closed' });
		const post = intercomPost('ticket.resolved', ticket(id));
		expect(onlyItem((await intercom({ ...post, parameters: { ...post.parameters, ignoreSyncEchoes: false } })).result).topic).toBe('ticket.resolved');
		expect(onlyItem((await intercom({ ...intercomPost('ticket.resolved', ticket(id)), mode: 'manual' })).result).topic).toBe('ticket.resolved');
	});
});

describe('Todoist Trigger: echoes of synced task changes', () => {
	it('ignores item:completed for a task we just completed, and lets other events through', async () => {
		const id = randomUUID();
		await expectEcho({ service: 'todoist', object: 'task', id, change: 'completed' });
		expectAnsweredWithoutRun(await todoist(todoistPost('item:completed', id)), 200);
		expectAnsweredWithoutRun(await todoist(todoistPost('item:completed', id)), 200);
		expect(onlyItem((await todoist(todoistPost('item:uncompleted', id))).result).eventName).toBe('item:uncompleted');
		expect(onlyItem((await todoist(todoistPost('item:completed', randomUUID()))).result).eventName).toBe('item:completed');
	});
});

describe('withEchoMarked', () => {
	it('marks before the write, and withdraws the mark when the write fails', async () => {
		const change = { service: 'todoist', object: 'task', id: randomUUID(), change: 'completed' } as const;
		let seenDuringWrite: number | undefined;
		await expect(
			withEchoMarked(change, async () => {
				seenDuringWrite = (await todoist(todoistPost('item:completed', change.id))).response.statusCode;
				throw new Error('Todoist is down');
			}),
		).rejects.toThrow('Todoist is down');
		expect(seenDuringWrite).toBe(200);
		expect(onlyItem((await todoist(todoistPost('item:completed', change.id))).result).eventName).toBe('item:completed');
	});
});
