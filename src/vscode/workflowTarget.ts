import * as vscode from 'vscode';
import type { WorkflowService } from './workflowService';

/** A command's workflow: its argument (a Uri, or a Uri string from a code lens), else the active editor's. */

export function toUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg) {
    try {
      return vscode.Uri.parse(arg, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The workflow document the command is about, or undefined when it is not a workflow. */
export async function workflowDocumentFor(arg: unknown, service: WorkflowService): Promise<vscode.TextDocument | undefined> {
  const uri = toUri(arg) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) return undefined;
  const document =
    vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined));
  return document && service.isWorkflow(document) ? document : undefined;
}
