/**
 * The heavy half of the core (compiled schemas, the catalog, analyses), bundled on its own as
 * dist/core.js so the extension loads it when the first workflow opens, not at activation.
 */
export { bundledCatalog } from './catalog/bundled';
export { Catalog } from './catalog/catalog';
export { blocksFromDescribe } from './catalog/fromDescribe';
export { usableBlocks } from './catalog/blockShape';
export { describeBlocks } from './server/client';
export { normaliseServerUrl, DEFAULT_SERVER_URL } from './server/serverUrl';
export { Redactor } from './redaction/redactor';
export { lintWorkflow } from './lint';
export { selectorCompletions } from './language/selectorCompletions';
export { hoverAt } from './language/hover';
// Language features (src/vscode/language): completion, navigation, rename, outline, links.
export { workflowCompletions } from './language/completions';
export type { LanguageCompletion, CompletionKind } from './language/completionItem';
export { definitionAt, referencesAt } from './language/navigation';
export { prepareRename, renameEdits } from './language/rename';
export { documentSymbols } from './language/documentSymbols';
export type { WorkflowSymbol, SymbolKind } from './language/documentSymbols';
export { documentLinks } from './language/documentLinks';
export { foldingRegions, selectionRanges, formatEdits } from './language/jsonStructure';
export type { FoldingRegion, JsonFormatOptions } from './language/jsonStructure';
export { LintSession } from './incremental/lintSession';
export type { LintPath } from './incremental/lintSession';
export type { LintResult } from './lint';
export { validateWorkflow } from './validate';
export type { ValidationResult } from './validate';
// Security lenses, sharing configuration and SecretStorage (src/vscode/{lenses,sharing,secrets}).
export { analyzeWorkflowSecurity } from './analysis/analyze';
export type { SecurityAnalysis } from './analysis/analyze';
export { securitySummary } from './analysis/summary';
export type { SecuritySummary } from './analysis/summary';
export { securityLensTexts } from './analysis/lensTexts';
export type { LensAction, LensText, SecurityLensTexts } from './analysis/lensTexts';
export { literalSecretFixAt, readSecretLiteral } from './analysis/moveSecret';
export { providerFor, providerById, knownProviders } from './analysis/providers';
export { credentialInputBaseName } from './analysis/inputNames';
export { parseSharingSettings, DEFAULT_SHARING_SETTINGS } from './sharing/settings';
export type { SharingOption, SharingSettings } from './sharing/settings';
export { sharingAvailability } from './sharing/availability';
export type { SharingAvailability, OptionAvailability } from './sharing/availability';
export { checkSharingFile, sharingOptionEdits, toggledValue, withSharingOption } from './sharing/sidecar';
export { exportShareableDefinition, ExportError } from './sharing/exportShareable';
// Preview runs (src/vscode/preview): the server client, redaction and the run's form and request.
export { runWorkflow, DEFAULT_RUN_TIMEOUT_MS } from './server/client';
export type { RunWorkflowOptions } from './server/client';
export type { ServerFailure, WorkflowRunResult, BlockError } from './server/types';
export { previewForm } from './preview/form';
export type { PreviewForm, CredentialNeed } from './preview/form';
export { typedReason } from './preview/credentialRoute';
export type { CredentialRoute, TypedBecause } from './preview/credentialRoute';
export { sharePlan } from './preview/sharePlan';
export type { SharePlan } from './preview/sharePlan';
export { parseSpecification, buildRunInputs, literalSecretValues } from './preview/runRequest';
export type { ImageValue } from './preview/runRequest';
// Servers of every version (issue 7 §4): what /info says, the sinks rule, Validate on Server.
export { fetchServerInfo, validateWorkflow as validateWorkflowOnServer } from './server/client';
export type { ValidateWorkflowOptions } from './server/client';
export type { ServerInfoResult, WorkflowValidationResult } from './server/types';
export { describeServerSoftware } from './server/serverIdentity';
export type { ServerIdentity } from './server/serverIdentity';
export { sinkStepNames, sinksNotice, sinksAllowRun, DISABLE_SINKS_SINCE } from './preview/sinkRule';
export { serverVerdict } from './serverValidation/verdict';
export type { ServerVerdict } from './serverValidation/verdict';
export { locateServerErrors } from './serverValidation/locate';
export type { ServerFinding } from './serverValidation/locate';
// The workflow graph (src/vscode/graph): its model, which node holds the cursor, a run's status.
export { buildWorkflowGraph } from './graph/buildGraph';
export { nodeSpans, nodeAtOffset } from './graph/nodeFindings';
export { graphRunView } from './graph/runStatus';
// A Roboflow workspace's workflows (src/vscode/workspace): the REST client, link files, sync state.
export { normaliseApiUrl, DEFAULT_API_URL } from './workspace/apiUrl';
export { fetchWorkspaceOfKey, listWorkflows, fetchWorkflow, listWorkflowVersions, updateWorkflow, createWorkflow, slugFromName } from './workspace/workspaceApi';
export type { ApiResult, SaveWorkflowRequest } from './workspace/workspaceApi';
export type { ApiCallOptions } from './workspace/restClient';
export type { ApiFailure } from './workspace/apiFailures';
export type { WorkflowSummary, WorkspaceWorkflow, WorkflowVersionEntry } from './workspace/responses';
export { isSafeSlug } from './workspace/responses';
export { wrapConfig, unwrapConfig, definitionHash, formatDefinition } from './workspace/workflowConfig';
export { parseLinkFile, serializeLinkFile, linkPathFor, workflowPathFor, LINK_SUFFIX, LINK_FILE_FORMAT } from './workspace/linkFile';
export type { WorkflowLink } from './workspace/linkFile';
export { computeSyncState, localDefinitionHash, localDefinition, SYNC_STATE_LABELS } from './workspace/syncState';
export type { SyncState, SyncStateName } from './workspace/syncState';
