/**
 * What n8n's own expression engine costs each execution, measured in n8n's Node: with the default `vm` engine
 * n8n disposes an execution's isolate when it ends and builds a fresh one for the next (its IsolatePool), so
 * every execution that evaluates an expression pays one build, on some core. The reference workflow evaluates
 * none. Printed to explain the end-to-end ratios; it times n8n, not this package.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { n8nInstallDir, node24Bin } from '../../../scripts/n8n/paths';
import { table } from './stats';

// Runs in n8n's Node: isolated-vm is a native module built for it.
const PROBE = `
const { IsolatedVmBridge } = require(process.argv[1]);
(async () => {
	const cpuMs = [];
	for (let i = 0; i < Number(process.argv[2]); i++) {
		const before = process.cpuUsage();
		const bridge = new IsolatedVmBridge({});
		await bridge.initialize();
		const used = process.cpuUsage(before);
		cpuMs.push((used.user + used.system) / 1000);
		await bridge.dispose();
	}
	process.stdout.write(JSON.stringify(cpuMs));
})();
`;

export interface IsolateCost {
	/** CPU milliseconds (all threads) to build one isolate, median over the builds after the first. */
	buildCpuMs: number;
}

export function measureIsolateBuild(builds = 12): IsolateCost {
	const bridgeModule = join(n8nInstallDir, 'node_modules', '@n8n', 'expression-runtime', 'dist', 'cjs', 'bridge', 'isolated-vm-bridge.js');
	const output = execFileSync(node24Bin, ['-e', PROBE, bridgeModule, String(builds)], { encoding: 'utf8' });
	const samples = (JSON.parse(output) as number[]).slice(1).sort((a, b) => a - b); // the first also loads the bundle from disk
	const buildCpuMs = samples[Math.floor(samples.length / 2)];
	console.log(`\nn8n's expression isolate (vm engine), built once per execution that evaluates an expression:`);
	table([
		['', 'CPU per build (median)'],
		['IsolatedVmBridge.initialize()', `${buildCpuMs.toFixed(1)} ms`],
	]);
	return { buildCpuMs };
}
