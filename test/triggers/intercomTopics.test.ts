import { readFileSync } from 'node:fs';

import { SYNC_TOPICS, TOPIC_OPTIONS } from '../../nodes/IntercomTrigger/helpers/topics';
import { fixturePath } from '../support/fixtures';

/** Intercom's topics for API 2.15+, from its webhook reference (see the file's header). */
const published = new Set(
	readFileSync(fixturePath('intercom-webhook-topics.txt'), 'utf8')
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '' && !line.startsWith('#')),
);

describe('Intercom Trigger topics', () => {
	const listed = TOPIC_OPTIONS.map((option) => String(option.value));

	it('lists only topics Intercom publishes for API 2.15+', () => {
		expect(listed.filter((topic) => !published.has(topic))).toEqual([]);
	});

	it('lists each topic once, the ones the sync flows use first', () => {
		expect(new Set(listed).size).toBe(listed.length);
		expect(listed.slice(0, SYNC_TOPICS.length)).toEqual(SYNC_TOPICS);
	});

	it('has every ticket topic, ticket.resolved and ticket.closed of API 2.15 among them', () => {
		const ticketTopics = [...published].filter((topic) => topic.startsWith('ticket.'));
		expect(ticketTopics).toEqual(expect.arrayContaining(['ticket.resolved', 'ticket.closed']));
		expect(ticketTopics.filter((topic) => !listed.includes(topic))).toEqual([]);
	});

	it('the check itself fails for a topic Intercom does not have', () => {
		expect(published.has('ticket.reopened')).toBe(false);
		expect(published.has('conversation.user.created')).toBe(true);
	});
});
