import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FIXTURES_DIR } from './fixtures';

export { FIXTURES_DIR };

interface KnownAnswers {
	secret: string;
	intercom: Record<string, string>;
	todoist: Record<string, string>;
}

/** Signatures computed independently with openssl over the exact fixture bytes (test/fixtures/sign.sh). */
export const knownAnswers = JSON.parse(
	readFileSync(join(FIXTURES_DIR, 'signatures.json'), 'utf8'),
) as KnownAnswers;

/** The fixture's bytes as they would arrive on the wire, trailing newline included. */
export function fixtureBytes(relativePath: string): Buffer {
	return readFileSync(join(FIXTURES_DIR, relativePath));
}

export function fixtureJson(relativePath: string): Record<string, unknown> {
	return JSON.parse(fixtureBytes(relativePath).toString('utf8')) as Record<string, unknown>;
}

/**
 * An Intercom fixture under a new notification id, signed with the known-answer secret as Intercom would sign
 * it: a new delivery each call, which the trigger's repeat check lets through.
 */
export function newIntercomDelivery(relativePath: string): { body: Buffer; signature: string } {
	const body = Buffer.from(JSON.stringify({ ...fixtureJson(relativePath), id: `notif_${randomUUID()}` }));
	return { body, signature: `sha1=${createHmac('sha1', knownAnswers.secret).update(body).digest('hex')}` };
}
