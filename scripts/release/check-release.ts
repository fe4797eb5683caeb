/**
 * The release workflow's own checks (.github/workflows/release.yml), here so that they are tested and can be run
 * by hand:
 *   tsx scripts/release/check-release.ts prepare      before the build: the release tag is "v" + package.json's
 *       version, npm is new enough for trusted publishing, and package.json names the GitHub repository the
 *       release runs in (filled in when missing). Needs RELEASE_TAG and GITHUB_REPOSITORY; writes the npm
 *       dist-tag to $GITHUB_OUTPUT.
 *   tsx scripts/release/check-release.ts pack [dir]   after the build: the package holds dist/ and nothing else
 *       of ours, and every file package.json's n8n section lists.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Manifest {
	name: string;
	version: string;
	repository?: string | { type?: string; url?: string };
	n8n?: { nodes?: string[]; credentials?: string[] };
}

export interface ReleaseFacts {
	/** The GitHub release's tag. */
	tag: string;
	/** owner/name, as GitHub gives it in GITHUB_REPOSITORY. */
	githubRepository: string;
	/** The npm that will publish. */
	npmVersion: string;
	manifest: Manifest;
}

export interface ReleasePlan {
	problems: string[];
	/** Pre-releases go to `next`, so that `npm install n8n-nodes-intercom-sync` keeps getting the last release. */
	distTag: 'latest' | 'next';
	/** Set when package.json has no repository: npm refuses provenance unless repository.url names this one. */
	repository?: { type: 'git'; url: string };
}

/** Trusted publishing (npm logging in through GitHub's OIDC token) needs npm 11.5.1 or newer. */
export const MIN_NPM_VERSION = '11.5.1';

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/** Files npm packs whatever `files` says. */
const ALWAYS_PACKED = new Set(['package.json', 'README.md', 'LICENSE']);

export function planRelease({ tag, githubRepository, npmVersion, manifest }: ReleaseFacts): ReleasePlan {
	const problems: string[] = [];
	const version = SEMVER.exec(manifest.version);
	if (!version) problems.push(`package.json's version "${manifest.version}" is not a semantic version (like 1.2.3).`);
	if (tag !== `v${manifest.version}`) {
		problems.push(
			`The release's tag is "${tag}" but package.json's version is ${manifest.version}: publish the release from ` +
				`tag v${manifest.version}, or set the version to match the tag and tag that commit.`,
		);
	}
	if (!atLeast(npmVersion, MIN_NPM_VERSION)) {
		problems.push(`npm ${npmVersion} cannot use trusted publishing; it needs npm ${MIN_NPM_VERSION} or newer (Node 24 brings one).`);
	}

	const expected = `https://github.com/${githubRepository}`;
	const declared = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
	let repository: ReleasePlan['repository'];
	if (declared === undefined || declared === '') {
		repository = { type: 'git', url: `git+${expected}.git` };
	} else if (repositoryUrl(declared) !== expected.toLowerCase()) {
		problems.push(
			`package.json's repository.url is "${declared}" but this release runs in ${expected}; npm refuses a ` +
				`provenance statement that names another repository. Correct repository.url.`,
		);
	}
	return { problems, distTag: version?.[4] === undefined ? 'latest' : 'next', repository };
}

/** What is wrong with the files `npm pack` would put in the package. */
export function packProblems(files: string[], manifest: Manifest): string[] {
	const problems: string[] = [];
	const extra = files.filter((file) => !file.startsWith('dist/') && !ALWAYS_PACKED.has(file));
	if (extra.length > 0) {
		problems.push(`The package would also contain ${extra.join(', ')}; only dist/ belongs in it (package.json "files").`);
	}
	const listed = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	const missing = listed.filter((file) => !files.includes(file));
	if (missing.length > 0) {
		problems.push(`package.json's n8n section lists ${missing.join(', ')}, which the package would not contain: run the build first.`);
	}
	if (listed.length === 0) problems.push(`package.json's n8n section lists no nodes or credentials.`);
	return problems;
}

/** A repository URL in the one form GitHub's https address takes, lower case, for comparing. */
function repositoryUrl(declared: string): string {
	return declared
		.trim()
		.replace(/^github:/, 'https://github.com/')
		.replace(/^git\+/, '')
		.replace(/^(?:ssh:\/\/)?git@github\.com[:/]/, 'https://github.com/')
		.replace(/^git:\/\/github\.com\//, 'https://github.com/')
		.replace(/\.git$/, '')
		.replace(/\/$/, '')
		.toLowerCase();
}

function atLeast(version: string, minimum: string): boolean {
	const have = version.split('.').map((part) => Number.parseInt(part, 10));
	const need = minimum.split('.').map(Number);
	for (let i = 0; i < need.length; i++) {
		const part = have[i] ?? 0;
		if (Number.isNaN(part)) return false;
		if (part !== need[i]) return part > need[i];
	}
	return true;
}

function requiredEnv(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set; the release workflow sets it (or set it yourself to try this by hand).`);
	return value;
}

function fail(problems: string[]): never {
	// On GitHub each problem becomes an annotation on the run.
	const prefix = process.env.GITHUB_ACTIONS === 'true' ? '::error::' : '';
	for (const problem of problems) console.error(`${prefix}${problem}`);
	process.exit(1);
}

function main(command: string | undefined, dir: string): void {
	const manifestPath = join(dir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest & Record<string, unknown>;

	if (command === 'prepare') {
		const plan = planRelease({
			tag: requiredEnv('RELEASE_TAG'),
			githubRepository: requiredEnv('GITHUB_REPOSITORY'),
			npmVersion: execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim(),
			manifest,
		});
		if (plan.problems.length > 0) fail(plan.problems);
		if (plan.repository) {
			// Only the runner's copy changes; the published package.json then names the repository it came from.
			writeFileSync(manifestPath, `${JSON.stringify({ ...manifest, repository: plan.repository }, null, 2)}\n`);
			console.log(`repository.url set to ${plan.repository.url}`);
		}
		console.log(`Publishing ${manifest.name}@${manifest.version} with dist-tag ${plan.distTag}.`);
		if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `dist-tag=${plan.distTag}\n`);
		return;
	}

	if (command === 'pack') {
		const output = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: dir, encoding: 'utf8' });
		const [report] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
		const files = report.files.map((file) => file.path);
		const problems = packProblems(files, manifest);
		if (problems.length > 0) fail(problems);
		console.log(`The package holds ${files.length} files: dist/, package.json, README.md and LICENSE.`);
		return;
	}

	fail([`Unknown command "${command ?? ''}": expected prepare or pack.`]);
}

if (require.main === module) main(process.argv[2], resolve(process.argv[3] ?? join(__dirname, '..', '..')));
