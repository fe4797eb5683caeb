// Functions passed to page.evaluate run in the browser and use its DOM types.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { selectors, type Locator, type Page } from 'playwright-core';

// n8n's editor marks its elements with data-test-id, not Playwright's default data-testid.
selectors.setTestIdAttribute('data-test-id');

/** What a user sees of one node on the canvas. */
export interface CanvasNodeView {
	name: string;
	type: string;
	/** The node's icon drew: an image that loaded, or one of n8n's own vector icons. */
	iconShown: boolean;
	/** The label is clamped with an ellipsis, so the user does not read the whole name. */
	nameCutOff: boolean;
	/** The text of the warning triangle's tooltip, when the node has one. */
	issues?: string;
}

const STICKY_TYPE = 'n8n-nodes-base.stickyNote';

/** Drives n8n 2.41's editor the way a user does: through what is on the screen. */
export class N8nEditor {
	constructor(
		readonly page: Page,
		readonly baseUrl: string,
	) {}

	async signIn(email: string, password: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/signin`);
		await this.page.locator('#emailOrLdapLoginId').fill(email);
		await this.page.locator('#password').fill(password);
		await this.page.getByTestId('form-submit-button').click();
		await this.page.waitForURL((url) => !url.pathname.startsWith('/signin'));
	}

	/** Opens a workflow and waits until every node has drawn, with the first-visit pop-ups closed. */
	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.page.getByTestId('canvas-node').first().waitFor();
		await this.closePopups();
		await this.page.waitForFunction(() =>
			[...document.querySelectorAll('[data-test-id="canvas-node"] img')].every((image) => (image as HTMLImageElement).complete),
		);
	}

	/**
	 * n8n shows a "Production Checklist" over part of the canvas a moment after a workflow opens; closing it on
	 * one workflow does not close it on the next, so every opened workflow is checked.
	 */
	private async closePopups(): Promise<void> {
		const checklist = this.page.getByText('Production Checklist', { exact: true });
		try {
			await checklist.waitFor({ timeout: 3_000 });
		} catch {
			return;
		}
		await this.page.getByTestId('suggested-actions-close').click();
		await checklist.waitFor({ state: 'hidden' });
		// Off the canvas, so no node or sticky under the pointer shows its hover toolbar in a picture.
		await this.page.mouse.move(1000, 30);
	}

	async canvasNodes(): Promise<CanvasNodeView[]> {
		const nodes = this.page.getByTestId('canvas-node');
		const views: CanvasNodeView[] = [];
		for (const node of await nodes.all()) {
			const type = (await node.getAttribute('data-node-type')) ?? '';
			if (type === STICKY_TYPE) continue;
			const drawn = await node.evaluate((element) => {
				const icon = element.querySelector('.n8n-node-icon');
				const image = icon?.querySelector('img');
				const vector = icon?.querySelector('svg[data-icon]');
				const label = element.querySelector('[class*="_description_"] > [class*="_label_"]') as HTMLElement | null;
				return {
					iconShown: image ? image.complete && image.naturalWidth > 0 : Boolean(vector && vector.childElementCount > 0),
					// n8n clamps a name to two lines; what does not fit is hidden behind an ellipsis.
					nameCutOff: label ? label.scrollHeight > label.clientHeight + 1 : true,
				};
			});
			views.push({
				name: (await node.getAttribute('data-node-name')) ?? '',
				type,
				...drawn,
				issues: await this.issuesOf(node),
			});
		}
		return views;
	}

	private async issuesOf(node: Locator): Promise<string | undefined> {
		const warning = node.getByTestId('node-issues');
		if ((await warning.count()) === 0) return undefined;
		await warning.hover();
		const tooltip = this.page.getByTestId('tooltip-content').filter({ hasText: 'Issues' }).last();
		await tooltip.waitFor();
		const text = (await tooltip.innerText()).replace(/^Issues\s*/, '').trim();
		await this.page.mouse.move(0, 0);
		await tooltip.waitFor({ state: 'hidden' });
		return text;
	}

	/** Opens a node's panel (double click on the canvas, as a user does). */
	async openNode(name: string): Promise<Locator> {
		await this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
		const panel = this.page.getByTestId('ndv');
		await panel.getByTestId('node-parameters').waitFor();
		return panel;
	}

	async closeNode(): Promise<void> {
		await this.page.getByTestId('ndv-close-button').click();
		await this.page.getByTestId('ndv').waitFor({ state: 'hidden' });
	}

	/** Parameters in the open panel that show a red warning, by their internal name. */
	async parametersWithIssues(): Promise<string[]> {
		return await this.page
			.getByTestId('ndv')
			.getByTestId('parameter-issues')
			.evaluateAll((warnings) =>
				warnings.map((warning) => warning.closest('[data-test-id="parameter-item"]')?.querySelector('[data-test-id^="parameter-input-"]')?.getAttribute('data-test-id')?.replace('parameter-input-', '') ?? '?'),
			);
	}

	/** Opens a stored credential's form, as from Overview → Credentials. */
	async openCredential(id: string): Promise<Locator> {
		await this.page.goto(`${this.baseUrl}/home/credentials/${id}`);
		const modal = this.page.getByTestId('editCredential-modal');
		await modal.getByTestId('credential-connection-parameter').first().waitFor();
		return modal;
	}

	/** The labels of the fields the form shows, without the required-field star. */
	async credentialLabels(): Promise<string[]> {
		const labels = await this.page
			.getByTestId('editCredential-modal')
			.getByTestId('credential-connection-parameter')
			.locator('label')
			.evaluateAll((elements) => elements.map((element) => (element as HTMLElement).innerText.split('\n')[0]));
		return labels.map((label) => label.replace(/\s*\*$/, '').trim());
	}

	async fillCredentialField(name: string, value: string): Promise<void> {
		const field = this.page.getByTestId('editCredential-modal').getByTestId(`parameter-input-${name}`).locator('input, textarea').first();
		await field.fill(value);
	}

	async chooseCredentialOption(name: string, optionText: string): Promise<void> {
		await this.page.getByTestId('editCredential-modal').getByTestId(`parameter-input-${name}`).click();
		await this.page.getByRole('option', { name: optionText }).click();
	}

	/**
	 * Saves the open credential form and returns the test result n8n shows: its banner, and with "More details"
	 * open, the message the credential's test gave.
	 */
	async saveCredentialAndReadResult(): Promise<{ banner: string; details: string }> {
		const modal = this.page.getByTestId('editCredential-modal');
		// The form shows the result of the test it ran on opening until the new one answers.
		const tested = this.page.waitForResponse((response) => response.url().includes('/rest/credentials/test'));
		await modal.getByTestId('credential-save-button').locator('button').click();
		await tested;
		const failure = modal.getByText('Couldn’t connect with these settings');
		const success = modal.getByTestId('credentials-config-container-test-success');
		await failure.or(success).first().waitFor();
		if (await success.isVisible()) return { banner: (await success.innerText()).trim(), details: '' };
		await modal.getByText('More details').click();
		const details = modal.getByTestId('node-credentials-config-container').locator('[class*="_details_"]').first();
		return { banner: 'Couldn’t connect with these settings', details: (await details.innerText()).trim() };
	}
}
