import * as vscode from 'vscode';
import type { SecretStore } from '../secrets/secretStore';
import type { PreviewManager } from './previewManager';
import type { PreviewPanel } from './previewPanel';
import { setPreviewPrompts, type PreviewPrompts } from './prompts';

/**
 * TEST ONLY: what the integration tests drive previews through. Registered as a command only when
 * VS Code runs the extension for its tests (ExtensionMode.Test); it does not exist otherwise, so no
 * other extension can answer the password box or read a panel's messages.
 */
export const PREVIEW_TEST_COMMAND = 'roboflowWorkflows.test.previewApi';

export interface PreviewTestApi {
  /** Opens (or reveals) the preview of a workflow, like the command; resolves once the panel exists. */
  open(uri: vscode.Uri): PreviewPanel;
  panel(uri: vscode.Uri): PreviewPanel | undefined;
  /** Answers the image picker and the share-mode password boxes; `setPrompts({})` restores VS Code's. */
  setPrompts(hooks: Partial<PreviewPrompts>): void;
  secretStore: SecretStore;
  closeAll(): void;
  /** Folders where VS Code keeps this extension's files and logs (the output channel's log is under logUri). */
  storagePaths(): string[];
}

export function registerPreviewTestApi(context: vscode.ExtensionContext, manager: PreviewManager, store: SecretStore): void {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return;
  const api: PreviewTestApi = {
    open: (uri) => manager.open(uri),
    panel: (uri) => manager.get(uri),
    setPrompts: setPreviewPrompts,
    secretStore: store,
    closeAll: () => {
      for (const panel of manager.all()) panel.dispose();
    },
    storagePaths: () => [context.logUri, context.globalStorageUri, context.storageUri].filter((u): u is vscode.Uri => !!u && u.scheme === 'file').map((u) => u.fsPath),
  };
  context.subscriptions.push(vscode.commands.registerCommand(PREVIEW_TEST_COMMAND, () => api), { dispose: () => setPreviewPrompts({}) });
}
