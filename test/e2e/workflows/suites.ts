/**
 * Every workflow suite against one environment, on the topology given: starting n8n takes most of the time, so
 * CI starts one per topology. No suite depends on another or on their order; `E2E_SUITE_ORDER=reverse` (or
 * `shuffle`) runs them in another order to show it.
 */
import type { TopologyKind } from '../../../scripts/n8n/topology';
import { describeCustomerDataEvents } from './customerDataEvents.suite';
import { describeEnrichment } from './enrichment.suite';
import { describeEscalation } from './escalation.suite';
import { describeEscalationLoop } from './escalationLoop.suite';
import { describeExactlyOnce } from './exactlyOnce.suite';
import { describeFailureRecords } from './failures.suite';
import { describeImports } from './imports.suite';
import { describeLookupApi } from './lookupApi.suite';
import { describeOnEnvironment, type WorkflowSuite } from './onEnvironment';
import { describeOutages } from './outages.suite';
import { describeSignatures } from './signatures.suite';
import { describeTagResync } from './tagResync.suite';

const SUITES: WorkflowSuite[] = [
	describeImports,
	describeSignatures,
	describeEnrichment,
	describeTagResync,
	describeEscalation,
	describeEscalationLoop,
	describeLookupApi,
	describeExactlyOnce,
	describeFailureRecords,
	describeCustomerDataEvents,
	describeOutages,
];

/** The suites in the order E2E_SUITE_ORDER asks for: as listed, reversed, or shuffled (a new order each run). */
export function suiteOrder<T>(suites: T[], order = process.env.E2E_SUITE_ORDER): T[] {
	if (order === 'reverse') return [...suites].reverse();
	if (order !== 'shuffle') return suites;
	const shuffled = [...suites];
	for (let index = shuffled.length - 1; index > 0; index--) {
		const other = Math.floor(Math.random() * (index + 1));
		[shuffled[index], shuffled[other]] = [shuffled[other], shuffled[index]];
	}
	return shuffled;
}

export function describeWorkflowSuites(topology: TopologyKind): void {
	describeOnEnvironment(topology, suiteOrder(SUITES));
}
