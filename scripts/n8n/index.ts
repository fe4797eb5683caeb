/**
 * The n8n runtime: installs this package into n8n user folders, starts n8n on one process or on queue mode,
 * and drives it over HTTP. Used by `npm start`, the end-to-end tests and the benchmarks; see README.md here.
 */
export { startN8n, webhookUrlOf, N8nInstance, TEST_OWNER, type StartN8nOptions, type PublishedWorkflow } from './instance';
export type { CredentialInput, CredentialTestResult } from './credentials';
export { nodeOutput, type ExecutionDetail, type ExecutionSummary, type NodeRun } from './executions';
export type { HttpResponse } from './http';
export type { LoadedCredentialType, LoadedNodeType } from './node-types';
export { PACKAGE_NAME, preparePackage } from './package-install';
export type { WorkflowJson } from './workflows';
