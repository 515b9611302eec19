import * as vscode from 'vscode';
import type { BackgroundCatalogRefresh, BackgroundRefreshOutcome } from '../catalog/backgroundRefresh';
import type { WorkflowDiagnostics } from '../diagnostics';
import { previewLog } from '../preview/log';
import type { SecretStore } from '../secrets/secretStore';
import { computeContextKeys, CONTEXT_KEYS, type ContextKeyValues } from './contextKeys';
import { setPrompts, type Prompts } from './prompts';
import type { SharingFeature } from './registerSharing';

/**
 * TEST ONLY. What `activate` returns when VS Code runs the extension for its integration tests
 * (ExtensionMode.Test), and nothing otherwise: other extensions must not be able to answer our
 * confirmations or read SecretStorage through us.
 */
export interface ExtensionTestApi {
  /** Answers the confirmations, input boxes and quick picks; `setTestHooks({})` restores VS Code's. */
  setTestHooks(hooks: Partial<Prompts>): void;
  /** The extension's SecretStore, to read back what commands stored. */
  secretStore: SecretStore;
  /** The context keys last set from the active editor. */
  contextKeys(): ContextKeyValues;
  /** The pure function behind them, and their names. */
  computeContextKeys: typeof computeContextKeys;
  contextKeyNames: typeof CONTEXT_KEYS;
  /** Where VS Code keeps this extension's files (to check no secret was written there). */
  storagePaths(): string[];
  /** What each background catalog refresh trigger led to, oldest first. */
  backgroundCatalogRefreshes(): readonly BackgroundRefreshOutcome[];
  /** Writes a line to the extension's output channel: once it is on disk, every earlier line is. */
  logLine(text: string): void;
  /** The version of an open document its workflow diagnostics describe (see `WorkflowDiagnostics`). */
  diagnosedVersion(uri: vscode.Uri): number | undefined;
}

export function registerTestApi(context: vscode.ExtensionContext, secrets: SecretStore, sharing: SharingFeature, catalogRefresh: BackgroundCatalogRefresh, diagnostics: WorkflowDiagnostics): ExtensionTestApi | undefined {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  context.subscriptions.push({ dispose: () => setPrompts({}) });
  return {
    setTestHooks: setPrompts,
    secretStore: secrets,
    contextKeys: sharing.contextKeys,
    computeContextKeys,
    contextKeyNames: CONTEXT_KEYS,
    storagePaths: () =>
      [context.globalStorageUri, context.logUri, context.storageUri].filter((u): u is vscode.Uri => !!u && u.scheme === 'file').map((u) => u.fsPath),
    backgroundCatalogRefreshes: () => catalogRefresh.outcomes(),
    logLine: (text) => previewLog.info(text),
    diagnosedVersion: (uri) => diagnostics.diagnosedVersion(uri),
  };
}
