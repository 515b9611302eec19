import * as vscode from 'vscode';
import type { WorkflowService } from '../workflowService';

/** "Validate on Server" above the first line of every workflow, beside "Preview". */
export class ValidateOnServerLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
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
      ? 'Compile this workflow on your inference server and show its verdict beside the local one'
      : 'Validate on Server is disabled in Restricted Mode: trust this workspace to use it';
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: '$(server) Validate on Server', command: this.command, arguments: [document.uri.toString()], tooltip })];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
