import * as vscode from 'vscode';
import type { Fix } from '../core/findings';
import { DIAGNOSTIC_SOURCE, toRange, toWorkspaceEdit } from './convert';
import type { WorkflowService } from './workflowService';
import { WORKFLOW_SELECTOR } from './workflowDocuments';

/** Quick fixes: each finding's suggestions, as one undoable edit each. */
class WorkflowCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly service: WorkflowService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!ours.length || !this.service.isWorkflow(document)) return [];
    const { result } = this.service.analyze(document);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const finding = result.findings.find((f) => f.code === diagnostic.code && toRange(document, f.range).isEqual(diagnostic.range));
      // Fixes that need the host first (storing a secret) are offered by the feature that does it.
      for (const fix of finding?.fixes ?? []) if (!fix.hostAction) actions.push(this.toAction(document, diagnostic, fix));
    }
    return actions;
  }

  private toAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, fix: Fix): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = fix.preferred;
    action.edit = toWorkspaceEdit(document, fix.edits);
    return action;
  }
}

export function registerCodeActions(context: vscode.ExtensionContext, service: WorkflowService): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(WORKFLOW_SELECTOR, new WorkflowCodeActions(service), {
      providedCodeActionKinds: WorkflowCodeActions.kinds,
    }),
  );
}
