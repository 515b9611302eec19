import * as vscode from 'vscode';
import { loadCore } from '../core';
import { toRange } from '../convert';
import type { WorkflowService } from '../workflowService';

/** Find all references of a step or input: its name and every selector naming it. */
export class WorkflowReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly service: WorkflowService) {}

  provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] | undefined {
    if (!this.service.isWorkflow(document)) return undefined;
    const { model } = this.service.analyze(document).result;
    const ranges = model && loadCore().referencesAt(model, document.getText(), document.offsetAt(position), context.includeDeclaration);
    return ranges?.map((range) => new vscode.Location(document.uri, toRange(document, range)));
  }
}
