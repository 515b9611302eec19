import type * as vscode from 'vscode';
import type { SecretStore } from '../secrets/secretStore';
import type { WorkflowService } from '../workflowService';
import { registerBackgroundCatalogRefresh, type BackgroundCatalogRefresh } from './backgroundRefresh';
import type { CatalogSource } from './catalogSource';
import { registerCatalogCommands } from './catalogCommands';
import { registerRefreshCatalogAction } from './refreshCatalogAction';
import { RefreshClock } from './refreshClock';

/** The block catalog from a server: the refresh and reset commands, the quick fix that refreshes,
 * and the once-a-day background refresh (which shares the commands' clock). */
export function registerCatalog(context: vscode.ExtensionContext, service: WorkflowService, source: CatalogSource, secrets: SecretStore): BackgroundCatalogRefresh {
  const clock = new RefreshClock(context.globalState);
  registerCatalogCommands(context, source, secrets, clock);
  registerRefreshCatalogAction(context, service);
  return registerBackgroundCatalogRefresh(context, service, source, clock);
}
