import * as vscode from 'vscode';
import { CatalogSource } from './vscode/catalog/catalogSource';
import { registerCatalog } from './vscode/catalog/registerCatalog';
import { registerCodeActions } from './vscode/codeActions';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerGraph } from './vscode/graph/registerGraph';
import { registerIgnoredServerUrl } from './vscode/ignoredServerUrl';
import { registerLanguageFeatures } from './vscode/language/registerLanguage';
import { registerPreview } from './vscode/preview/registerPreview';
import { registerSecurityLenses } from './vscode/lenses/securityLenses';
import { registerSecrets } from './vscode/secrets/registerSecrets';
import { registerServerValidation } from './vscode/serverValidation/registerServerValidation';
import { createServerIdentities } from './vscode/serverIdentities';
import { registerSharing } from './vscode/sharing/registerSharing';
import { registerTestApi, type ExtensionTestApi } from './vscode/sharing/testApi';
import { WorkflowService } from './vscode/workflowService';
import { registerWorkspace } from './vscode/workspace/registerWorkspace';

/** Composition root: one `register…` per feature; each pushes its disposables on the context. */
export function activate(context: vscode.ExtensionContext): ExtensionTestApi | undefined {
  const catalogs = new CatalogSource(context.globalStorageUri);
  void catalogs.load();
  const workflows = new WorkflowService(catalogs);
  context.subscriptions.push(catalogs, workflows);
  const diagnostics = registerDiagnostics(context, workflows);
  registerCodeActions(context, workflows);
  registerLanguageFeatures(context, workflows);
  const secrets = registerSecrets(context, workflows);
  const sharing = registerSharing(context, workflows);
  registerSecurityLenses(context, workflows, secrets, sharing);
  const catalogRefresh = registerCatalog(context, workflows, catalogs, secrets);
  const servers = createServerIdentities();
  const previews = registerPreview(context, workflows, secrets, sharing, servers);
  registerGraph(context, workflows, previews.onDidFinishRun);
  registerIgnoredServerUrl(context, () => previews.refreshAll());
  registerServerValidation(context, workflows, secrets, diagnostics, servers);
  registerWorkspace(context, workflows, secrets);
  return registerTestApi(context, secrets, sharing, catalogRefresh, diagnostics); // test-only hooks; undefined outside ExtensionMode.Test
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
