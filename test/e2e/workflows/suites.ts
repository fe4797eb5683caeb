/**
 * Every workflow suite against one environment, on the topology given. One environment per topology: starting
 * n8n takes most of the time.
 */
import type { TopologyKind } from '../../../scripts/n8n/topology';
import { startWorkflowEnvironment, type WorkflowEnvironment } from './environment';
import { describeCustomerDataEvents } from './customerDataEvents.suite';
import { describeEnrichment } from './enrichment.suite';
import { describeEscalation } from './escalation.suite';
import { describeEscalationLoop } from './escalationLoop.suite';
import { describeExactlyOnce } from './exactlyOnce.suite';
import { describeFailureRecords } from './failures.suite';
import { describeImports } from './imports.suite';
import { describeLookupApi } from './lookupApi.suite';
import { describeOutages } from './outages.suite';
import { describeSignatures } from './signatures.suite';
import { describeTagResync } from './tagResync.suite';

export function describeWorkflowSuites(topology: TopologyKind): void {
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

	describeImports(getEnv);
	describeSignatures(getEnv);
	describeEnrichment(getEnv);
	describeTagResync(getEnv);
	describeEscalation(getEnv);
	describeEscalationLoop(getEnv);
	describeLookupApi(getEnv);
	describeExactlyOnce(getEnv);
	describeFailureRecords(getEnv);
	// After the error workflow's suite, which needs a fresh install: one of these runs ends in an error on purpose.
	describeCustomerDataEvents(getEnv);
	describeOutages(getEnv);
}
