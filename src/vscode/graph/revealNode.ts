import * as vscode from 'vscode';
import type { WorkflowService } from '../workflowService';

/** Selects the definition of a graph node (`step:3`) in the workflow's editor, from the current
 * analysis; the editor keeps its column (the graph stays beside it). */
export async function revealNode(service: WorkflowService, uri: vscode.Uri, nodeId: string): Promise<boolean> {
  const [kind, index] = nodeId.split(':');
  const document = await vscode.workspace.openTextDocument(uri);
  const model = service.isWorkflow(document) ? service.analyze(document).result.model : undefined;
  const list = kind === 'input' ? model?.inputs : kind === 'step' ? model?.steps : kind === 'output' ? model?.outputs : undefined;
  const node = list?.[Number(index)]?.node;
  if (!node) return false;
  const range = new vscode.Range(document.positionAt(node.offset), document.positionAt(node.offset + node.length));
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false, preview: false });
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}
