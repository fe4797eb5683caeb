import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { taskLink, TODOIST_TASK_LINK_BASE, toOutputItem, type TodoistEvent } from '../../nodes/TodoistTrigger/helpers/events';
import { todoistTaskDeliveryShape } from '../support/todoistWebhookShape';
import { FIXTURES_DIR, fixtureJson } from '../support/webhookFixtures';

const todoistFixtures = readdirSync(join(FIXTURES_DIR, 'todoist')).map((file) => `todoist/${file}`);
const event = (file: string) => fixtureJson(file) as TodoistEvent;

describe('Todoist API v1 deliveries', () => {
	it.each(todoistFixtures)('%s has the shape Todoist’s SDK parses (string ids, no url)', (file) => {
		const parsed = todoistTaskDeliveryShape.safeParse(fixtureJson(file));
		expect(parsed.error?.issues ?? []).toEqual([]);
		expect(event(file).event_data).not.toHaveProperty('url');
	});

	it('the shape check refuses a v9 delivery (numeric ids)', () => {
		const v9 = { ...event('todoist/item_added.json'), version: '9', event_data: { ...event('todoist/item_added.json').event_data, id: 6_447_271_521 } };
		expect(todoistTaskDeliveryShape.safeParse(v9).success).toBe(false);
	});

	it('gives a task without url a working link built from its id, in task.url and taskUrl', () => {
		const item = toOutputItem(event('todoist/item_added.json'), 'd-1');
		expect(item.taskUrl).toBe(`${TODOIST_TASK_LINK_BASE}6X7rM8997g3RQmvh`);
		expect((item.task as IDataObject).url).toBe(item.taskUrl);
		expect(JSON.stringify(item)).not.toContain('undefined');
	});

	it('keeps the url Todoist sent', () => {
		const sent = event('todoist/item_added.json');
		const url = 'https://app.todoist.com/app/task/checkout-button-does-nothing-on-safari-6X7rM8997g3RQmvh';
		const item = toOutputItem({ ...sent, event_data: { ...sent.event_data, url } }, undefined);
		expect(item).toMatchObject({ taskUrl: url, task: { url } });
	});

	it('builds no link from a task without an id, and encodes one that needs it', () => {
		expect(taskLink({ content: 'no id' })).toBeNull();
		expect(taskLink({ id: '', url: 'javascript:alert(1)' })).toBeNull();
		expect(taskLink({ id: 'a/b c' })).toBe(`${TODOIST_TASK_LINK_BASE}a%2Fb%20c`);
	});

	it('marks a completed occurrence of a recurring task, which stays open in Todoist', () => {
		const item = toOutputItem(event('todoist/item_updated.recurring_completed.json'), undefined);
		expect(item).toMatchObject({ eventName: 'item:updated', updateIntent: 'item_completed', recurringOccurrenceCompleted: true });
		expect((item.task as IDataObject).checked).toBe(false);
	});

	it('marks neither an ordinary edit nor a completion as a recurring occurrence', () => {
		const completed = toOutputItem(event('todoist/item_completed.json'), undefined);
		expect(completed).toMatchObject({ updateIntent: null, recurringOccurrenceCompleted: false, task: { checked: true } });
		const edited = event('todoist/item_updated.recurring_completed.json');
		const plainEdit = toOutputItem({ ...edited, event_data_extra: { ...(edited.event_data_extra as IDataObject), update_intent: 'item_updated' } }, undefined);
		expect(plainEdit).toMatchObject({ updateIntent: 'item_updated', recurringOccurrenceCompleted: false });
	});

	it('gives no link and no intent for events that are not about a task', () => {
		const item = toOutputItem({ ...event('todoist/item_added.json'), event_name: 'project:added', event_data: { id: 'p1', name: 'Escalations' } }, undefined);
		expect(item).toMatchObject({ task: null, taskUrl: null, updateIntent: null, recurringOccurrenceCompleted: false });
	});
});
