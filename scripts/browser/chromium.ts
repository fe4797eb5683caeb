import { existsSync } from 'node:fs';

import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, installed by scripts/setup.sh; playwright-core never downloads a browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// No sandbox: tests may run as root, where Chromium refuses its sandbox. The rest keep a closed network
// quiet: without them Chromium tries Google's services at every start and gets refused.
const QUIET_OFFLINE_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

export interface HeadlessChromium {
	browser: Browser;
	close(): Promise<void>;
}

export async function launchChromium(): Promise<HeadlessChromium> {
	if (!existsSync(CHROMIUM_PATH)) {
		throw new Error(`Chromium is not at ${CHROMIUM_PATH}. Run \`bash scripts/setup.sh\` (it installs Debian's chromium), or set CHROMIUM_PATH.`);
	}
	// Playwright gives every launch a fresh temporary profile: nothing from an earlier run changes what we see.
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: QUIET_OFFLINE_FLAGS,
	});
	return {
		browser,
		async close() {
			await browser.close();
		},
	};
}
