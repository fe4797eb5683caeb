import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_SPEC_PATH, loadSpec } from '../support/intercom-fake/spec';
import { validatorFor } from '../support/intercom-fake/validator';
import { FIXTURES_DIR, fixtureJson, knownAnswers } from '../support/webhookFixtures';

const validator = validatorFor(loadSpec(DEFAULT_SPEC_PATH));
const intercomFixtures = readdirSync(join(FIXTURES_DIR, 'intercom')).map((file) => `intercom/${file}`);
const conversations = intercomFixtures.filter((file) => !file.endsWith('ping.json'));

/** The fixtures the tests send are only as good as their shapes: each is held to the published contract. */
describe('test fixtures', () => {
	it.each(conversations)('%s carries a conversation as the OpenAPI description defines it', (file) => {
		const event = fixtureJson(file) as { type: string; topic: string; data: { type: string; item: unknown } };
		expect(event).toMatchObject({ type: 'notification_event', data: { type: 'notification_event_data' } });
		expect(file).toBe(`intercom/${event.topic}.json`);
		expect(validator.checkSchema('conversation', event.data.item)).toEqual([]);
	});

	it('the contract check itself refuses a conversation of the wrong shape', () => {
		const item = { ...(fixtureJson(conversations[0]) as { data: { item: object } }).data.item, created_at: 'yesterday' };
		expect(validator.checkSchema('conversation', item)).toContainEqual(expect.stringContaining('/created_at must be integer'));
	});

	it('every webhook fixture has a known-answer signature, and openssl agrees with it', () => {
		const signed = { ...knownAnswers.intercom, ...knownAnswers.todoist };
		const files = [...intercomFixtures, ...readdirSync(join(FIXTURES_DIR, 'todoist')).map((file) => `todoist/${file}`)];
		expect(Object.keys(signed).sort()).toEqual(files.sort());
		for (const [file, expected] of Object.entries(knownAnswers.intercom)) {
			const hex = execFileSync('openssl', ['dgst', '-sha1', '-hmac', knownAnswers.secret, '-hex', join(FIXTURES_DIR, file)], { encoding: 'utf8' });
			expect(`sha1=${hex.trim().split('= ').pop()}`).toBe(expected);
		}
		for (const [file, expected] of Object.entries(knownAnswers.todoist)) {
			const digest = execFileSync('openssl', ['dgst', '-sha256', '-hmac', knownAnswers.secret, '-binary', join(FIXTURES_DIR, file)]);
			expect(digest.toString('base64')).toBe(expected);
		}
	});
});
