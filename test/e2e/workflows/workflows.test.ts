/**
 * The shipped workflows on a real n8n 2.41 with the package installed, against the Intercom fake, a private
 * MariaDB and the Supabase test server. One environment for every suite: starting n8n takes most of the time.
 */
import { startWorkflowEnvironment, type WorkflowEnvironment } from './environment';
import { describeEnrichment } from './enrichment.suite';
import { describeEscalation } from './escalation.suite';
import { describeFailureRecords } from './failures.suite';
import { describeImports } from './imports.suite';
import { describeLookupApi } from './lookupApi.suite';
import { describeSignatures } from './signatures.suite';
import { describeTagResync } from './tagResync.suite';

jest.setTimeout(120_000);

let env: WorkflowEnvironment | undefined;
const getEnv = (): WorkflowEnvironment => {
	if (!env) throw new Error('The workflow environment did not start; see the beforeAll error');
	return env;
};

beforeAll(async () => {
	env = await startWorkflowEnvironment();
}, 900_000);

afterAll(async () => {
	await env?.stop();
}, 120_000);

describeImports(getEnv);
describeSignatures(getEnv);
describeEnrichment(getEnv);
describeTagResync(getEnv);
describeEscalation(getEnv);
describeLookupApi(getEnv);
describeFailureRecords(getEnv);
