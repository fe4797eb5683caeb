/** The n8n runtime (scripts/n8n) plus what only tests need: manifest readers and a tiny workflow builder. */
export * from '../../../scripts/n8n';
export { declaredCredentialTypeNames, declaredCredentialTypes, declaredNodeTypeNames, expectedLoadedNodeTypeNames, readPackageManifest } from './package-manifest';
export { triggerThenNoOp, type TriggerSpec } from './build-workflow';
