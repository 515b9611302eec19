import * as vscode from 'vscode';
import type { WorkflowService } from '../workflowService';

/** "Reveal in editor" on a step error: selects the step's object in the workflow's editor, using
 * the located model of the current text (so it follows edits made since the run). */
export async function revealStep(service: WorkflowService, uri: vscode.Uri, stepName: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const model = service.isWorkflow(document) ? service.analyze(document).result.model : undefined;
  const step = model?.steps.find((s) => s.name === stepName);
  if (!step) {
    void vscode.window.showInformationMessage(`Step \`${stepName}\` is no longer in ${vscode.workspace.asRelativePath(uri, false)}.`);
    return false;
  }
  const range = new vscode.Range(document.positionAt(step.node.offset), document.positionAt(step.node.offset + step.node.length));
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false, preview: false });
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}
