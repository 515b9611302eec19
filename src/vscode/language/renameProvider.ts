import * as vscode from 'vscode';
import { loadCore } from '../core';
import { toRange, toWorkspaceEdit } from '../convert';
import type { WorkflowService } from '../workflowService';

/** Rename a step or input and every selector naming it, in one undoable edit. Refusals are thrown: VS Code shows their message. */
export class WorkflowRenameProvider implements vscode.RenameProvider {
  constructor(private readonly service: WorkflowService) {}

  prepareRename(document: vscode.TextDocument, position: vscode.Position): { range: vscode.Range; placeholder: string } | undefined {
    if (!this.service.isWorkflow(document)) return undefined;
    const { model } = this.service.analyze(document).result;
    if (!model) throw new Error('This workflow cannot be read: fix its JSON first.');
    const result = loadCore().prepareRename(model, document.getText(), document.offsetAt(position));
    if ('error' in result) throw new Error(result.error);
    return { range: toRange(document, result.range), placeholder: result.placeholder };
  }

  provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): vscode.WorkspaceEdit | undefined {
    if (!this.service.isWorkflow(document)) return undefined;
    const { model } = this.service.analyze(document).result;
    if (!model) throw new Error('This workflow cannot be read: fix its JSON first.');
    const result = loadCore().renameEdits(model, document.getText(), document.offsetAt(position), newName);
    if ('error' in result) throw new Error(result.error);
    return toWorkspaceEdit(document, result.edits);
  }
}
