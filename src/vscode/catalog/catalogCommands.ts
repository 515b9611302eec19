import * as vscode from 'vscode';
import { loadCore } from '../core';
import type { SecretStore } from '../secrets/secretStore';
import { configuredServerUrl } from '../serverSettings';
import type { CatalogSource } from './catalogSource';

/** "Refresh Block Catalog from Server" and "Use the Bundled Block Catalog". */
export function registerCatalogCommands(context: vscode.ExtensionContext, source: CatalogSource, secrets: SecretStore): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('roboflowWorkflows.refreshCatalog', async () => {
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
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Fetching block descriptions from ${url.url}…`, cancellable: true },
        (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return core.describeBlocks({ serverUrl: url.url, apiKey, redactor, signal: abort.signal });
        },
      );
      if (!result.ok) {
        void vscode.window.showErrorMessage(redactor.redact(`Could not refresh the block catalog: ${result.message}`));
        return { refreshed: false, message: redactor.redact(result.message) };
      }
      let blocks;
      try {
        blocks = core.blocksFromDescribe(result.description);
      } catch (error) {
        void vscode.window.showErrorMessage(redactor.redact(`The server at ${url.url} answered with something that is not a block description: ${(error as Error).message}`));
        return { refreshed: false };
      }
      const known = new Set(core.bundledCatalog().typeIds);
      const added = blocks.filter((b) => !known.has(b.type)).length;
      await source.store(url.url, blocks);
      void vscode.window.showInformationMessage(`Block catalog refreshed from ${url.url}: ${blocks.length} blocks, ${added} not in the bundled catalog.`);
      return { refreshed: true, blocks: blocks.length, added };
    }),
    vscode.commands.registerCommand('roboflowWorkflows.resetCatalog', async () => {
      await source.reset();
      void vscode.window.showInformationMessage(`Using the bundled block catalog (${loadCore().bundledCatalog().data.source}).`);
    }),
  );
}
