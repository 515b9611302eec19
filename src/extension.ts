import * as vscode from 'vscode';
import { registerCodeActions } from './vscode/codeActions';
import { registerDiagnostics } from './vscode/diagnostics';
import { WorkflowService } from './vscode/workflowService';

/** Composition root: one `register…` per feature; each pushes its disposables on the context. */
export function activate(context: vscode.ExtensionContext): void {
  const workflows = new WorkflowService();
  context.subscriptions.push(workflows);
  registerDiagnostics(context, workflows);
  registerCodeActions(context, workflows);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
