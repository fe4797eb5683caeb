/**
 * The shipped workflows on a real n8n 2.41 (one process on SQLite) with the package installed, against the
 * Intercom fake, a private MariaDB and the Supabase test server.
 */
import { describeWorkflowSuites } from './suites';

jest.setTimeout(120_000);

describeWorkflowSuites('regular');
