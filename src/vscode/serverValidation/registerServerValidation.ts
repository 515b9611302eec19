import * as vscode from 'vscode';
import type { ServerIdentityCache } from '../../core/server/serverIdentity';
import type { WorkflowDiagnostics } from '../diagnostics';
import type { SecretStore } from '../secrets/secretStore';
import type { WorkflowService } from '../workflowService';
import { workflowDocumentFor } from '../workflowTarget';
import { WorkflowActionLensProvider } from '../lenses/workflowActionLens';
import { VALIDATE_ON_SERVER_COMMAND, validateOnServer, type ValidateOnServerResult } from './validateOnServer';
import { WORKFLOW_SELECTOR } from '../workflowDocuments';

/** Issue 7 §4, Validate on Server: the command (palette and code lens) and its lens. */
export function registerServerValidation(
  context: vscode.ExtensionContext,
  service: WorkflowService,
  store: SecretStore,
  diagnostics: WorkflowDiagnostics,
  identities: ServerIdentityCache,
): void {
  const lenses = new WorkflowActionLensProvider(service, {
    title: '$(server) Validate on Server',
    command: VALIDATE_ON_SERVER_COMMAND,
    tooltip: 'Compile this workflow on your inference server and show its verdict beside the local one',
    restrictedTooltip: 'Validate on Server is disabled in Restricted Mode: trust this workspace to use it',
  });
  context.subscriptions.push(
    lenses,
    vscode.commands.registerCommand(VALIDATE_ON_SERVER_COMMAND, async (arg?: unknown): Promise<ValidateOnServerResult> => {
      const document = await workflowDocumentFor(arg, service);
      if (!document) {
        const message = 'Open a Roboflow workflow first: Validate on Server sends the workflow in the active editor.';
        void vscode.window.showInformationMessage(message);
        return { outcome: 'not-sent', message };
      }
      return validateOnServer(document, { service, store, diagnostics, identities });
    }),
    vscode.languages.registerCodeLensProvider(WORKFLOW_SELECTOR, lenses),
    vscode.workspace.onDidGrantWorkspaceTrust(() => lenses.refresh()),
  );
}
