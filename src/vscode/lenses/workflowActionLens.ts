import * as vscode from 'vscode';
import type { WorkflowService } from '../workflowService';

/** One action that sends the workflow somewhere, as a lens above the first line of every workflow. */
export interface WorkflowAction {
  /** With its codicon, e.g. `$(play) Preview`. */
  title: string;
  command: string;
  tooltip: string;
  /** Why it is disabled in Restricted Mode (the command refuses to run there). */
  restrictedTooltip: string;
}

export class WorkflowActionLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly service: WorkflowService,
    private readonly action: WorkflowAction,
  ) {}

  /** Trust changes the tooltip. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.service.isWorkflow(document)) return [];
    const { title, command, tooltip, restrictedTooltip } = this.action;
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command, arguments: [document.uri.toString()], tooltip: vscode.workspace.isTrusted ? tooltip : restrictedTooltip })];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
