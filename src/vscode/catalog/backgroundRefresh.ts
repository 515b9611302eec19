import * as vscode from 'vscode';
import { loadCore } from '../core';
import { previewLog as extensionLog } from '../preview/log';
import { configuredServerUrl } from '../serverSettings';
import type { WorkflowService } from '../workflowService';
import type { CatalogSource } from './catalogSource';
import { fetchServerBlocks } from './fetchServerBlocks';
import type { RefreshClock } from './refreshClock';

/**
 * Refreshes the block catalog from the configured server in the background, so a newer release or
 * a self-hosted server's custom blocks are known without asking: when a workflow is opened, at most
 * once a day per server URL, silently (failures go to the log only), never delaying validation.
 *
 * The API key is never sent. Describing the built-in and installed blocks needs none (the hosted
 * API exempts `/workflows/blocks/describe` without dynamic blocks from its key check, reference §f),
 * and an unattended request must not carry a secret; a server that insists gets the key through
 * the "Refresh Block Catalog from Server" command, which the user runs. For the same reason it also
 * runs in Restricted Mode: the request holds no key and nothing from the workspace, and goes to the
 * URL from the user's own (application-scoped) settings, which a workspace cannot change.
 */

export const AUTO_REFRESH_SETTING = 'catalog.autoRefresh';

export type BackgroundRefreshOutcome =
  | { serverUrl: string; result: 'refreshed'; blocks: number; added: number }
  | { serverUrl: string; result: 'failed'; message: string }
  | { serverUrl: string; result: 'skipped'; reason: 'disabled' | 'not-due' | 'in-progress' | 'invalid-url' | 'stopped' };

/** The user's own value only, like `serverUrl`: a workspace cannot turn on requests its user turned off. */
function autoRefreshEnabled(): boolean {
  const inspected = vscode.workspace.getConfiguration('roboflowWorkflows').inspect<boolean>(AUTO_REFRESH_SETTING);
  return (inspected?.globalValue ?? inspected?.defaultValue ?? true) !== false;
}

const OUTCOMES_KEPT = 100;

export class BackgroundCatalogRefresh implements vscode.Disposable {
  private readonly history: BackgroundRefreshOutcome[] = [];
  private running = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly source: CatalogSource,
    private readonly clock: RefreshClock,
  ) {}

  /** What the last triggers led to, oldest first (for tests, which also count requests at the server). */
  outcomes(): readonly BackgroundRefreshOutcome[] {
    return this.history;
  }

  /** A workflow was opened: refresh if it is on, due and not already running. */
  async refreshIfDue(): Promise<BackgroundRefreshOutcome> {
    const outcome = await this.attempt();
    this.history.push(outcome);
    if (this.history.length > OUTCOMES_KEPT) this.history.shift(); // one per workflow opened, in a session of days
    return outcome;
  }

  private async attempt(): Promise<BackgroundRefreshOutcome> {
    const configured = configuredServerUrl();
    if (this.abort.signal.aborted) return { serverUrl: configured, result: 'skipped', reason: 'stopped' };
    if (!autoRefreshEnabled()) return { serverUrl: configured, result: 'skipped', reason: 'disabled' };
    const core = loadCore();
    const url = core.normaliseServerUrl(configured);
    if (!url.ok) return { serverUrl: configured, result: 'skipped', reason: 'invalid-url' };
    if (this.running) return { serverUrl: url.url, result: 'skipped', reason: 'in-progress' };
    if (!this.clock.isDue(url.url)) return { serverUrl: url.url, result: 'skipped', reason: 'not-due' };

    this.running = true;
    const redactor = new core.Redactor(); // nothing secret is sent; shapes of secrets are still masked
    try {
      await this.clock.markAttempt(url.url);
      const fetched = await fetchServerBlocks(url.url, undefined, redactor, this.abort.signal);
      if (this.abort.signal.aborted) return { serverUrl: url.url, result: 'skipped', reason: 'stopped' };
      if (!fetched.ok) {
        extensionLog.warn(`Background block catalog refresh from ${url.url} failed; validation keeps the catalog it has. ${fetched.message}`, redactor);
        return { serverUrl: url.url, result: 'failed', message: fetched.message };
      }
      await this.source.store(url.url, fetched.blocks);
      extensionLog.info(`Block catalog refreshed in the background from ${url.url}: ${fetched.blocks.length} blocks, ${fetched.added} not in the bundled catalog.`, redactor);
      return { serverUrl: url.url, result: 'refreshed', blocks: fetched.blocks.length, added: fetched.added };
    } catch (error) {
      // Storing the cache can fail (a full disk); the catalog in use stays as it was.
      const message = redactor.redact(error instanceof Error ? error.message : String(error));
      extensionLog.warn(`Background block catalog refresh from ${url.url} failed: ${message}`, redactor);
      return { serverUrl: url.url, result: 'failed', message };
    } finally {
      this.running = false;
    }
  }

  dispose(): void {
    this.abort.abort();
  }
}

/** Starts the background refresh when a workflow document is opened (or is open already), never at activation alone. */
export function registerBackgroundCatalogRefresh(context: vscode.ExtensionContext, service: WorkflowService, source: CatalogSource, clock: RefreshClock): BackgroundCatalogRefresh {
  const refresher = new BackgroundCatalogRefresh(source, clock);
  let scheduled = false;
  const onOpen = (document: vscode.TextDocument) => {
    if (scheduled || !service.isWorkflow(document)) return;
    scheduled = true;
    // After the other open handlers (validation first): a refresh only ever adds a later re-validation.
    setTimeout(() => {
      scheduled = false;
      void refresher.refreshIfDue();
    }, 0);
  };
  context.subscriptions.push(refresher, vscode.workspace.onDidOpenTextDocument(onOpen));
  vscode.workspace.textDocuments.forEach(onOpen);
  return refresher;
}
