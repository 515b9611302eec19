import * as vscode from 'vscode';
import type { ServerIdentityCache } from '../../core/server/serverIdentity';
import { PREVIEW_VIEW_TYPE, type PreviewMode } from '../../protocol/preview';
import type { SecretStore } from '../secrets/secretStore';
import type { SharingFeature } from '../sharing/registerSharing';
import type { WorkflowService } from '../workflowService';
import { toUri, workflowDocumentFor } from '../workflowTarget';
import { disposePreviewLog } from './log';
import { WorkflowActionLensProvider } from '../lenses/workflowActionLens';
import { PreviewManager } from './previewManager';
import { SETTINGS } from './serverSetting';
import { registerPreviewTestApi } from './testApi';
import { WORKFLOW_SELECTOR } from '../workflowDocuments';

/** Issue #4, redacted preview runs in a webview: the command (palette, editor title, code lens),
 * one panel per workflow, its serializer, and the refreshes when the workflow, its sharing
 * configuration, SecretStorage, the settings or workspace trust change. */

export const PREVIEW_COMMAND = 'roboflowWorkflows.preview';

export interface PreviewCommandResult {
  opened: boolean;
  reason?: string;
  /** Restricted Mode: the panel opened, explaining why runs are disabled. */
  restricted?: boolean;
}

export function registerPreview(
  context: vscode.ExtensionContext,
  service: WorkflowService,
  store: SecretStore,
  sharing: SharingFeature,
  identities: ServerIdentityCache,
): PreviewManager {
  const manager = new PreviewManager(context.extensionUri, service, store, identities, context.extensionMode === vscode.ExtensionMode.Test);
  const lenses = new WorkflowActionLensProvider(service, {
    title: '$(play) Preview',
    command: PREVIEW_COMMAND,
    tooltip: 'Run this workflow on your inference server and show the results beside it (secrets redacted)',
    restrictedTooltip: 'Previews are disabled in Restricted Mode: trust this workspace to run them',
  });

  const openPreview = async (arg?: unknown): Promise<PreviewCommandResult> => {
    const document = await workflowDocumentFor(arg, service);
    if (!document) {
      const reason = 'Open a Roboflow workflow first: a preview runs the workflow in the active editor.';
      void vscode.window.showInformationMessage(reason);
      return { opened: false, reason };
    }
    manager.open(document.uri);
    return { opened: true, ...(!vscode.workspace.isTrusted && { restricted: true }) };
  };

  context.subscriptions.push(
    manager,
    lenses,
    { dispose: disposePreviewLog },
    vscode.commands.registerCommand(PREVIEW_COMMAND, openPreview),
    vscode.languages.registerCodeLensProvider(WORKFLOW_SELECTOR, lenses),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const saved = typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
        const uri = toUri(saved.workflowUri);
        if (!uri) {
          panel.dispose();
          return;
        }
        const mode: PreviewMode = saved.mode === 'sharee' ? 'sharee' : 'owner';
        manager.restore(panel, uri, mode);
      },
    }),
    service.onDidAnalyze((analysis) => manager.refreshFor(analysis.document.uri)),
    sharing.changes.onDidChange((uri) => manager.refreshFor(uri)),
    store.onDidChange(() => manager.refreshAll()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      manager.refreshAll();
      lenses.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.serverUrl}`) || e.affectsConfiguration(`${SETTINGS.section}.${SETTINGS.requestTimeoutSeconds}`)) manager.refreshAll();
    }),
  );
  registerPreviewTestApi(context, manager, store);
  return manager;
}
