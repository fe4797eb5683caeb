/**
 * Workflow suites on one shared environment, and one suite on its own: `npm test -- <path of a .suite.ts>` runs
 * that suite alone on one n8n (`E2E_TOPOLOGY=queue` for queue mode). Every suite sets up what it needs, so any
 * one of them, in any order, runs against a fresh or a used environment alike.
 */
import type { TopologyKind } from '../../../scripts/n8n/topology';
import { startWorkflowEnvironment, type WorkflowEnvironment } from './environment';

export type WorkflowSuite = (getEnv: () => WorkflowEnvironment) => void;

/** Starts one environment before the suites and stops it after them. */
export function describeOnEnvironment(topology: TopologyKind, suites: WorkflowSuite[]): void {
	let env: WorkflowEnvironment | undefined;
	const getEnv = (): WorkflowEnvironment => {
		if (!env) throw new Error('The workflow environment did not start; see the beforeAll error');
		return env;
	};

	beforeAll(async () => {
		env = await startWorkflowEnvironment({ topology });
	}, 900_000);

	afterAll(async () => {
		await env?.stop();
	}, 120_000);

	for (const describeSuite of suites) describeSuite(getEnv);
}

/** Runs `describeSuite` on an environment of its own when jest was asked for `file` itself. */
export function runAloneWhenNamed(file: string, describeSuite: WorkflowSuite): void {
	if (expect.getState().testPath !== file) return;
	jest.setTimeout(120_000);
	describeOnEnvironment(process.env.E2E_TOPOLOGY === 'queue' ? 'queue' : 'regular', [describeSuite]);
}
