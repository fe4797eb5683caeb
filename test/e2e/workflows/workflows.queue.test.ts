/**
 * The same workflow suites on n8n's queue mode: main (production webhooks off), two workers and a webhook
 * processor, on a private Postgres 17 and Redis, the package installed in every process's user folder.
 */
import { describeWorkflowSuites } from './suites';

jest.setTimeout(120_000);

describe('queue mode', () => {
	describeWorkflowSuites('queue');
});
