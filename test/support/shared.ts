import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The read-only shared material (fixtures, Intercom's OpenAPI description) sits beside the project as
 * `../shared`, locally and in CI. Tests read it in place; the project keeps no copies.
 */
export const SHARED_DIR = resolve(__dirname, '..', '..', '..', 'shared');

export function sharedPath(...segments: string[]): string {
	const path = join(SHARED_DIR, ...segments);
	if (!existsSync(path)) {
		throw new Error(`${path} is missing: the tests expect the shared material at ${SHARED_DIR} (../shared from the project root).`);
	}
	return path;
}
