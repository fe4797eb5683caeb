/** Real-n8n test harness: see README in this folder for the API and an example. */
export { startN8n, webhookUrlOf, N8nInstance, TEST_OWNER, type StartN8nOptions, type PublishedWorkflow } from './instance';
export type { CredentialInput, CredentialTestResult } from './credentials';
export { nodeOutput, type ExecutionDetail, type ExecutionSummary, type NodeRun } from './executions';
export type { HttpResponse } from './http';
export type { LoadedCredentialType, LoadedNodeType } from './node-types';
export { PACKAGE_NAME, preparePackage } from './package-install';
export type { WorkflowJson } from './workflows';
export { declaredCredentialTypeNames, declaredNodeTypeNames, expectedLoadedNodeTypeNames, readPackageManifest } from './package-manifest';
export { triggerThenNoOp, type TriggerSpec } from './build-workflow';
