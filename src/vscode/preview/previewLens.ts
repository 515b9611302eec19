import * as vscode from 'vscode';
import type { WorkflowService } from '../workflowService';

/** "$(play) Preview" above the first line of every workflow. */
export class PreviewLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly service: WorkflowService,
    private readonly command: string,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.service.isWorkflow(document)) return [];
    const tooltip = vscode.workspace.isTrusted
      ? 'Run this workflow on your inference server and show the results beside it (secrets redacted)'
      : 'Previews are disabled in Restricted Mode: trust this workspace to run them';
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: '$(play) Preview', command: this.command, arguments: [document.uri.toString()], tooltip })];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
