import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../convert';
import type { WorkflowService } from '../workflowService';
import { REFRESH_CATALOG_COMMAND } from './catalogCommands';
import { WORKFLOW_SELECTOR } from '../workflowDocuments';

const BLOCK_NEWER_THAN_CATALOG = 'block-newer-than-catalog';
export const REFRESH_CATALOG_ACTION_TITLE = 'Refresh block catalog from server';

/** The quick fix on a step whose block is newer than the catalog: fetch the server's blocks (a command, not an edit). */
class RefreshCatalogActions implements vscode.CodeActionProvider {
  constructor(private readonly service: WorkflowService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const diagnostics = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === BLOCK_NEWER_THAN_CATALOG);
    if (!diagnostics.length || !this.service.isWorkflow(document)) return [];
    const action = new vscode.CodeAction(REFRESH_CATALOG_ACTION_TITLE, vscode.CodeActionKind.QuickFix);
    action.diagnostics = diagnostics; // one refresh answers every such step
    action.isPreferred = true;
    action.command = { command: REFRESH_CATALOG_COMMAND, title: REFRESH_CATALOG_ACTION_TITLE };
    return [action];
  }
}

export function registerRefreshCatalogAction(context: vscode.ExtensionContext, service: WorkflowService): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(WORKFLOW_SELECTOR, new RefreshCatalogActions(service), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );
}
