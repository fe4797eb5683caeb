/**
 * `npm run test:release` (the release workflow's tests) must not need a server of its own: the GitHub runner has
 * no MariaDB, Redis or n8n install. Every unit test file it would run is checked for the helpers that start one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { repoRoot } from '../../scripts/n8n/paths';

const STARTS_A_SERVER = /\b(startRedis|startMariaDb|usePrivateMariaDb|startPostgres|n8nInstallDir|startN8n|startWorkflowEnvironment)\b/;

function testFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return testFiles(path);
		return entry.name.endsWith('.test.ts') ? [relative(repoRoot, path)] : [];
	});
}

/** This file names the helpers without calling them. */
const startsAServer = (file: string) => file !== relative(repoRoot, __filename) && STARTS_A_SERVER.test(readFileSync(join(repoRoot, file), 'utf8'));

describe('npm run test:release', () => {
	const script = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['test:release'];
	const pattern = new RegExp(/--testPathIgnorePatterns '([^']+)'/.exec(script)![1]);
	const included = testFiles(join(repoRoot, 'test')).filter((file) => !pattern.test(`/${file}`));

	it('runs unit tests, and none of them starts a server', () => {
		expect(included.length).toBeGreaterThan(40);
		expect(included.filter(startsAServer)).toEqual([]);
	});

	it('leaves out every test file that starts one', () => {
		const starting = testFiles(join(repoRoot, 'test')).filter(startsAServer);
		expect(starting.length).toBeGreaterThan(5);
		expect(starting.filter((file) => !pattern.test(`/${file}`))).toEqual([]);
	});
});
