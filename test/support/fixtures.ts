import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The tests' own fixtures (test/fixtures/README.md): webhook bodies, signatures, member SQL, Intercom's contract. */
export const FIXTURES_DIR = resolve(__dirname, '..', 'fixtures');

export function fixturePath(...segments: string[]): string {
	const path = join(FIXTURES_DIR, ...segments);
	if (!existsSync(path)) throw new Error(`${path} is missing: test/fixtures/README.md lists what belongs there.`);
	return path;
}
