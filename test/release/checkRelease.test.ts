/**
 * scripts/release/check-release.ts, the release workflow's checks before the build (tag, npm, repository) and
 * after it (what the package would contain), and the package metadata they publish.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from '../../scripts/n8n/paths';
import { type Manifest, packProblems, planRelease, type ReleaseFacts } from '../../scripts/release/check-release';

const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest & {
	homepage?: string;
	author?: string | { name?: string; email?: string };
};

const manifest: Manifest = {
	name: 'n8n-nodes-intercom-sync',
	version: '1.2.3',
	n8n: { nodes: ['dist/nodes/A/A.node.js'], credentials: ['dist/credentials/B.credentials.js'] },
};
const facts = (overrides: Partial<ReleaseFacts> = {}, manifestOverrides: Partial<Manifest> = {}): ReleaseFacts => ({
	tag: 'v1.2.3',
	githubRepository: 'octo-org/n8n-nodes-intercom-sync',
	npmVersion: '11.6.2',
	manifest: { ...manifest, ...manifestOverrides },
	...overrides,
});

describe('planRelease (before the build)', () => {
	it('accepts tag v<version>, goes to latest and fills in the repository GitHub runs it in', () => {
		expect(planRelease(facts())).toEqual({
			problems: [],
			distTag: 'latest',
			repository: { type: 'git', url: 'git+https://github.com/octo-org/n8n-nodes-intercom-sync.git' },
		});
	});

	it.each(['1.2.3', 'v1.2.4', 'v1.2.3-rc.1', 'release-1.2.3'])('refuses tag %s for version 1.2.3', (tag) => {
		expect(planRelease(facts({ tag })).problems).toEqual([expect.stringContaining(`tag is "${tag}" but package.json's version is 1.2.3`)]);
	});

	it('sends a pre-release to the next dist-tag', () => {
		const plan = planRelease(facts({ tag: 'v2.0.0-beta.1' }, { version: '2.0.0-beta.1' }));
		expect(plan).toMatchObject({ problems: [], distTag: 'next' });
	});

	it('refuses a version that is not semantic', () => {
		expect(planRelease(facts({ tag: 'v1.2' }, { version: '1.2' })).problems).toEqual([expect.stringContaining('not a semantic version')]);
	});

	it.each([
		['11.5.0', false],
		['10.9.2', false],
		['11.5.1', true],
		['11.12.0', true],
		['12.0.0', true],
	])('npm %s can publish through trusted publishing: %s', (npmVersion, ok) => {
		expect(planRelease(facts({ npmVersion })).problems).toEqual(ok ? [] : [expect.stringContaining('needs npm 11.5.1 or newer')]);
	});

	it.each([
		'https://github.com/octo-org/n8n-nodes-intercom-sync',
		'git+https://github.com/Octo-Org/n8n-nodes-intercom-sync.git',
		'git@github.com:octo-org/n8n-nodes-intercom-sync.git',
		'github:octo-org/n8n-nodes-intercom-sync',
	])('keeps a repository.url that names the same repository: %s', (url) => {
		const plan = planRelease(facts({}, { repository: { type: 'git', url } }));
		expect(plan).toEqual({ problems: [], distTag: 'latest', repository: undefined });
	});

	it('refuses a repository.url that names another repository, which npm would refuse after the build', () => {
		const plan = planRelease(facts({}, { repository: 'git+https://github.com/someone-else/fork.git' }));
		expect(plan.problems).toEqual([expect.stringContaining('names another repository')]);
	});
});

describe('packProblems (after the build)', () => {
	const built = ['package.json', 'README.md', 'LICENSE', 'dist/nodes/A/A.node.js', 'dist/nodes/A/a.svg', 'dist/credentials/B.credentials.js'];

	it('accepts dist/ with every file the n8n section lists', () => {
		expect(packProblems(built, manifest)).toEqual([]);
	});

	it('refuses anything of ours outside dist/', () => {
		expect(packProblems([...built, 'test/release/checkRelease.test.ts', '.env'], manifest)).toEqual([
			expect.stringContaining('also contain test/release/checkRelease.test.ts, .env'),
		]);
	});

	it('refuses a package without a node the n8n section lists (no build)', () => {
		expect(packProblems(['package.json', 'README.md', 'LICENSE'], manifest)).toEqual([
			expect.stringContaining('lists dist/nodes/A/A.node.js, dist/credentials/B.credentials.js'),
		]);
	});
});

describe('package.json metadata', () => {
	it("has the package's npm page as homepage", () => {
		expect(packageJson.homepage).toBe(`https://www.npmjs.com/package/${packageJson.name}`);
	});

	it('names its authors and invents no address', () => {
		const author = typeof packageJson.author === 'string' ? { name: packageJson.author } : packageJson.author;
		expect(author?.name).toBeTruthy();
		// example.org and friends are reserved placeholder domains: nobody reads mail there.
		expect(JSON.stringify(packageJson)).not.toMatch(/@?example\.(org|com|net)\b/);
	});

	it('leaves dist as the only packed folder', () => {
		expect(packageJson).toMatchObject({ files: ['dist'] });
	});
});
