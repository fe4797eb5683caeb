import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { sharedPath } from './shared';

/** Webhook bodies and known-answer signatures, read in place from ../shared. */
export const FIXTURES_DIR = sharedPath('fixtures');

interface KnownAnswers {
	secret: string;
	intercom: Record<string, string>;
	todoist: Record<string, string>;
}

/** Signatures computed independently with openssl over the exact fixture bytes. */
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
