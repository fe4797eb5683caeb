/**
 * .github/workflows/release.yml, checked offline: GitHub's own parser finds no error in it, and it keeps what a
 * provenance release needs. Every rule is also run against a broken copy, so a rule that can no longer fail is
 * caught here too.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'yaml';

import { repoRoot } from '../../scripts/n8n/paths';

interface Step {
	name?: string;
	id?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on': string;
	permissions?: Record<string, string>;
	env?: Record<string, string>;
	steps: Step[];
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	env?: Record<string, string>;
	jobs: Record<string, Job>;
}

const WORKFLOW_PATH = join(repoRoot, '.github', 'workflows', 'release.yml');
const workflowText = readFileSync(WORKFLOW_PATH, 'utf8');
const packageScripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** GitHub's parser's errors for a workflow text (see githubWorkflowParser.ts for why in another process). */
function githubParserErrors(text: string): string[] {
	const dir = mkdtempSync(join(tmpdir(), 'release-workflow-'));
	try {
		const file = join(dir, 'release.yml');
		writeFileSync(file, text);
		const tsx = require.resolve('tsx/cli');
		const output = execFileSync(process.execPath, [tsx, join(__dirname, 'githubWorkflowParser.ts'), file], { encoding: 'utf8' });
		return JSON.parse(output) as string[];
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const PINNED = /^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;
const SECRET_ONLY = /^\$\{\{\s*secrets\.\w+\s*\}\}$/;

/** What the release needs from the workflow, as problems; none for a good one. */
function workflowProblems(workflow: Workflow): string[] {
	const problems: string[] = [];
	const triggers = Object.keys(workflow.on ?? {});
	const release = workflow.on?.release as { types?: string[] } | undefined;
	if (triggers.join() !== 'release' || release?.types?.join() !== 'published') {
		problems.push(`trigger: only a published GitHub release may start it, not ${JSON.stringify(workflow.on)}`);
	}
	if (JSON.stringify(workflow.permissions) !== '{}') problems.push('permissions: the workflow grants nothing by default');
	if (workflow.env?.NODE_AUTH_TOKEN) problems.push('token: NODE_AUTH_TOKEN is set for the whole workflow');

	const jobs = Object.values(workflow.jobs);
	const publishers = jobs.filter((job) => job.steps.some((step) => /\bnpm publish\b/.test(step.run ?? '')));
	if (publishers.length !== 1) return [...problems, `publish: ${publishers.length} jobs run npm publish, expected 1`];
	const job = publishers[0];
	const steps = job.steps;

	if (!/^ubuntu-/.test(job['runs-on'])) problems.push(`runner: "${job['runs-on']}" is not a GitHub-hosted Linux runner`);
	const granted = Object.entries(job.permissions ?? {}).sort().join();
	if (granted !== 'contents,read,id-token,write') {
		problems.push(`permissions: the job needs exactly contents: read and id-token: write, has ${JSON.stringify(job.permissions)}`);
	}
	if (job.env?.NODE_AUTH_TOKEN) problems.push('token: NODE_AUTH_TOKEN is set for the whole job');

	for (const step of steps) {
		if (step.uses !== undefined && !PINNED.test(step.uses)) problems.push(`pinned: "${step.uses}" names no version`);
		// Values from the event go in through env, never pasted into a script (script injection).
		if (/\$\{\{/.test(step.run ?? '')) problems.push(`injection: step "${step.name}" puts an expression into its script`);
	}

	const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
	if (!setupNode) problems.push('setup-node: no actions/setup-node step');
	else {
		if (!(Number.parseInt(String(setupNode.with?.['node-version']), 10) >= 24)) problems.push('setup-node: Node 24 or newer (npm 11.5.1+)');
		if (setupNode.with?.['registry-url'] !== 'https://registry.npmjs.org') problems.push('setup-node: registry-url is not npm');
	}

	const index = (test: (step: Step) => boolean): number => steps.findIndex(test);
	const runs = (pattern: RegExp) => (step: Step) => pattern.test(step.run ?? '');
	const publishAt = index(runs(/\bnpm publish\b/));
	const publish = steps[publishAt];
	const order: Array<[string, number]> = [
		['checkout', index((step) => step.uses?.startsWith('actions/checkout@') === true)],
		['install', index(runs(/^npm (ci|install --no-save)\b/))],
		['version check', index(runs(/check-release\.ts prepare$/))],
		['lint', index(runs(/^npm run lint$/))],
		['typecheck', index(runs(/^npm run typecheck$/))],
		['build', index(runs(/^npm run build$/))],
		['unit tests', index(runs(/^npm run test:release$/))],
		['package contents check', index(runs(/check-release\.ts pack$/))],
	];
	for (const [what, at] of order) {
		if (at === -1) problems.push(`order: no ${what} step`);
		else if (at > publishAt) problems.push(`order: ${what} runs after npm publish`);
	}
	const present = order.map(([, at]) => at).filter((at) => at !== -1);
	if (present.some((at, i) => i > 0 && at < present[i - 1])) problems.push('order: steps are not in the order checkout, install, version check, lint, typecheck, build, unit tests, contents check');
	if (publishAt !== steps.length - 1) problems.push('order: npm publish is not the last step');
	for (const script of ['lint', 'typecheck', 'build', 'test:release']) {
		if (!packageScripts[script]) problems.push(`scripts: package.json has no "${script}" script`);
	}

	const prepare = steps.find(runs(/check-release\.ts prepare$/));
	if (prepare && prepare.env?.RELEASE_TAG !== '${{ github.event.release.tag_name }}') {
		problems.push('version check: RELEASE_TAG is not the release tag');
	}
	if (!/--provenance\b/.test(publish.run ?? '')) problems.push('provenance: npm publish lacks --provenance');
	if (!/--access public\b/.test(publish.run ?? '')) problems.push('access: npm publish lacks --access public');
	if (!/--tag "\$DIST_TAG"/.test(publish.run ?? '') || publish.env?.DIST_TAG !== `\${{ steps.${prepare?.id}.outputs.dist-tag }}`) {
		problems.push('dist-tag: npm publish does not take the dist-tag the version check chose');
	}
	if (!SECRET_ONLY.test(publish.env?.NODE_AUTH_TOKEN ?? '')) problems.push('token: npm publish gets NODE_AUTH_TOKEN from no secret');
	const tokenSteps = steps.filter((step) => step.env?.NODE_AUTH_TOKEN !== undefined);
	if (tokenSteps.length !== 1) problems.push('token: steps other than npm publish see NODE_AUTH_TOKEN');
	return problems;
}

describe('.github/workflows/release.yml', () => {
	const workflow = parse(workflowText) as Workflow;

	it("passes GitHub's own workflow parser", () => {
		expect(githubParserErrors(workflowText)).toEqual([]);
	});

	it("GitHub's parser catches a misspelt key and a wrong permission value", () => {
		const broken = workflowText.replace('runs-on:', 'runs_on:').replace('id-token: write', 'id-token: writ');
		const errors = githubParserErrors(broken);
		expect(errors).toEqual(expect.arrayContaining([expect.stringContaining("Unexpected value 'runs_on'"), expect.stringContaining("Unexpected value 'writ'")]));
	});

	it('publishes with provenance from a GitHub-hosted runner, after the version check, lint, typecheck and build', () => {
		expect(workflowProblems(workflow)).toEqual([]);
	});

	type Mutation = (copy: Workflow, steps: Step[]) => void;
	const stepRunning = (steps: Step[], pattern: RegExp): Step => {
		const step = steps.find((candidate) => pattern.test(candidate.run ?? ''));
		if (!step) throw new Error(`no step runs ${pattern}`);
		return step;
	};
	const breakages: Array<[string, Mutation, RegExp]> = [
		['drops --provenance', (_, steps) => void (stepRunning(steps, /npm publish/).run = 'npm publish --access public --tag "$DIST_TAG"'), /^provenance:/],
		['lowers id-token to read', (copy) => void (copy.jobs.publish.permissions = { contents: 'read', 'id-token': 'read' }), /^permissions:/],
		['leaves out the build', (_, steps) => steps.splice(steps.findIndex((step) => step.run === 'npm run build'), 1), /^order: no build/],
		['moves the build after publishing', (_, steps) => steps.push(...steps.splice(steps.findIndex((step) => step.run === 'npm run build'), 1)), /^order: build runs after/],
		['skips the unit tests', (_, steps) => steps.splice(steps.findIndex((step) => step.run === 'npm run test:release'), 1), /^order: no unit tests/],
		['skips the version check', (_, steps) => steps.splice(steps.findIndex((step) => step.id === 'prepare'), 1), /^order: no version check/],
		['also publishes on a push', (copy) => void (copy.on.push = { branches: ['main'] }), /^trigger:/],
		['runs on a self-hosted runner', (copy) => void (copy.jobs.publish['runs-on'] = 'self-hosted'), /^runner:/],
		['uses an unpinned action', (_, steps) => void (steps[0].uses = 'actions/checkout'), /^pinned:/],
		['gives the token to every step', (copy) => void (copy.jobs.publish.env = { NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' }), /^token:/],
		['pastes the tag into a script', (_, steps) => void (stepRunning(steps, /prepare$/).run = 'echo ${{ github.event.release.tag_name }}'), /^injection:/],
		['takes Node 20', (_, steps) => void (steps.find((step) => step.uses?.startsWith('actions/setup-node@'))!.with!['node-version'] = 20), /^setup-node:/],
	];

	it.each(breakages)('a copy that %s fails', (_, mutate, expected) => {
		const copy = structuredClone(workflow);
		mutate(copy, copy.jobs.publish.steps);
		expect(workflowProblems(copy)).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
	});
});
