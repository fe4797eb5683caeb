import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';

import { launchChromium, type HeadlessChromium } from '../../../scripts/browser/chromium';
import { N8nEditor } from '../../../scripts/browser/editor';
import { startSampleEditor, type SampleEditor } from '../../../scripts/browser/sampleEditor';
import { repoRoot } from '../../../scripts/n8n/paths';
import { startIntercomFake, type IntercomFake } from '../../support/intercom-fake';
import { credentialLabelsInReadme } from './readmeLabels';

// A new user's first hour, in Debian's Chromium against an n8n set up as `npm start` sets it up.
// Screenshots of what the assertions looked at go to test-results/browser/ (git-ignored).
const SCREENSHOTS = join(repoRoot, 'test-results', 'browser');

/** The one issue the README tells users to expect: the Ticket Type exists only in their own workspace. */
const EXPECTED_ISSUES: Record<string, string> = {
	'Open, update or close the Intercom ticket': 'Parameter "Ticket Type" is required.',
};

/** Fields n8n adds to every credential that makes HTTP requests; not ours to name. */
const N8N_OWN_FIELDS = ['Allowed HTTP Request Domains'];

describe('the editor, as a new user sees it', () => {
	let sample: SampleEditor;
	let chromium: HeadlessChromium;
	let intercom: IntercomFake;
	let page: Page;
	let editor: N8nEditor;
	const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

	const screenshot = async (name: string) => await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });

	beforeAll(async () => {
		mkdirSync(SCREENSHOTS, { recursive: true });
		[sample, chromium, intercom] = await Promise.all([startSampleEditor(), launchChromium(), startIntercomFake()]);
		page = await chromium.browser.newPage({ viewport: { width: 1600, height: 1000 } });
		editor = new N8nEditor(page, sample.n8n.baseUrl);
		await editor.signIn(sample.login.email, sample.login.password);
	}, 600_000);

	afterAll(async () => {
		await Promise.all([chromium?.close(), sample?.n8n.stop(), intercom?.close()]);
	});

	it('imports every workflow file and publishes all but the one waiting for its Ticket Type and the backfill', () => {
		expect(sample.workflows.length).toBeGreaterThanOrEqual(5);
		for (const { file, active, note } of sample.workflows) {
			const waitsForTicketType = file === 'todoist-bug-escalation.json';
			const runByHandFirst = file === 'member-backfill-and-refresh.json';
			expect({ file, active }).toEqual({ file, active: !waitsForTicketType && !runByHandFirst });
			if (waitsForTicketType) expect(note).toMatch(/^not published yet: .*Missing or invalid required parameters: ticketType\b/);
			if (runByHandFirst) expect(note).toMatch(/^imported, not published: run it by hand first/);
		}
	});

	it('draws every node of every workflow with its icon, its whole name, and no issue the README does not name', async () => {
		for (const workflow of sample.workflows) {
			await editor.openWorkflow(workflow.id);
			await screenshot(`workflow-${workflow.file.replace(/\.json$/, '')}`);
			const nodes = await editor.canvasNodes();
			expect(nodes.length).toBeGreaterThan(1);
			for (const node of nodes) {
				expect({ workflow: workflow.file, ...node }).toEqual({
					workflow: workflow.file,
					name: node.name,
					type: node.type,
					iconShown: true,
					nameCutOff: false,
					issues: EXPECTED_ISSUES[node.name],
				});
			}
		}
		for (const [node, issue] of Object.entries(EXPECTED_ISSUES)) {
			expect(readme).toContain(node);
			expect(readme).toContain(issue.match(/"(.+)"/)![1]);
		}
	});

	it("the Ticket node flags only the Ticket Type, though its list of attributes cannot load without Intercom", async () => {
		const ticketWorkflow = sample.workflows.find((workflow) => workflow.file.startsWith('todoist'))!;
		await editor.openWorkflow(ticketWorkflow.id);
		await editor.openNode('Open, update or close the Intercom ticket');
		await screenshot('ticket-panel');
		expect(await editor.parametersWithIssues()).toEqual(['ticketType']);
		await editor.closeNode();
	});

	it('Member Lookup shows its Member Statuses, Active and Retired, although the directory cannot be reached', async () => {
		const memberSync = sample.workflows.find((workflow) => workflow.file === 'intercom-member-sync.json')!;
		await editor.openWorkflow(memberSync.id);
		const panel = await editor.openNode('Look up the member by email');
		await screenshot('member-lookup-panel');
		await expect(panel.getByTestId('parameter-input-statuses').locator('input').inputValue()).resolves.toBe('Active, Retired');
		expect(await editor.parametersWithIssues()).toEqual([]);
		await editor.closeNode();
	});

	it("every credential form's labels are the ones the README uses", async () => {
		const inReadme = credentialLabelsInReadme(readme);
		for (const credential of sample.credentials) {
			await editor.openCredential(credential.id);
			await screenshot(`credential-${credential.type}`);
			const labels = (await editor.credentialLabels()).filter((label) => !N8N_OWN_FIELDS.includes(label));
			expect(labels.length).toBeGreaterThan(0);
			const displayName = await page.getByTestId('editCredential-modal').locator('header p').first().innerText();
			expect({ credential: displayName, labels }).toEqual({ credential: displayName, labels: labels.filter((label) => inReadme.get(displayName)?.includes(label)) });
		}
	});

	it('saving an Intercom credential with a wrong token shows our message, saying what to do', async () => {
		const stored = sample.credentials.find((credential) => credential.type === 'intercomSyncApi')!;
		await editor.openCredential(stored.id);
		await editor.chooseCredentialOption('region', 'Custom Base URL');
		await editor.fillCredentialField('baseUrl', intercom.baseUrl);
		await editor.fillCredentialField('accessToken', 'not-the-workspace-token');
		const result = await editor.saveCredentialAndReadResult();
		await screenshot('credential-intercom-wrong-token');
		expect(result.banner).toBe('Couldn’t connect with these settings');
		expect(result.details).toMatch(/^Intercom rejected the access token \(.+\) — copy it again from Intercom: .*Developer Hub/);
		expect(intercom.takeInvalidRequests().map(({ path, status }) => ({ path, status }))).toContainEqual({ path: '/me', status: 401 });
	});
});
