import * as vscode from 'vscode';
import { loadCore } from '../core';
import type { SecretStore } from '../secrets/secretStore';
import { configuredServerUrl } from '../serverSettings';
import type { CatalogSource } from './catalogSource';
import { fetchServerBlocks } from './fetchServerBlocks';
import type { RefreshClock } from './refreshClock';

export const REFRESH_CATALOG_COMMAND = 'roboflowWorkflows.refreshCatalog';

/** "Refresh Block Catalog from Server" and "Use the Bundled Block Catalog". */
export function registerCatalogCommands(context: vscode.ExtensionContext, source: CatalogSource, secrets: SecretStore, clock: RefreshClock): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(REFRESH_CATALOG_COMMAND, async () => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Refreshing the block catalog contacts your inference server; trust this workspace first.');
        return { refreshed: false };
      }
      const core = loadCore();
      const url = core.normaliseServerUrl(configuredServerUrl());
      if (!url.ok) {
        void vscode.window.showErrorMessage(url.message);
        return { refreshed: false };
      }
      let apiKey: string | undefined;
      try {
        apiKey = await secrets.getApiKey();
      } catch {
        apiKey = undefined; // describing blocks does not need a key on most servers
      }
      const redactor = new core.Redactor(apiKey ? [apiKey] : []);
      await clock.markAttempt(url.url); // the background refresh waits a day from now
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Fetching block descriptions from ${url.url}…`, cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return fetchServerBlocks(url.url, apiKey, redactor, abort.signal);
        },
      );
      if (!result.ok) {
        void vscode.window.showErrorMessage(`Could not refresh the block catalog: ${result.message}`);
        return { refreshed: false, message: result.message };
      }
      await source.store(url.url, result.blocks);
      void vscode.window.showInformationMessage(`Block catalog refreshed from ${url.url}: ${result.blocks.length} blocks, ${result.added} not in the bundled catalog.`);
      return { refreshed: true, blocks: result.blocks.length, added: result.added };
    }),
    vscode.commands.registerCommand('roboflowWorkflows.resetCatalog', async () => {
      await source.reset();
      void vscode.window.showInformationMessage(`Using the bundled block catalog (${loadCore().bundledCatalog().data.source}).`);
    }),
  );
}
