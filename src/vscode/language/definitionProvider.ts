import * as vscode from 'vscode';
import { loadCore } from '../core';
import { toRange } from '../convert';
import type { WorkflowService } from '../workflowService';

/** Go to definition: from a selector to the step or input it names. */
export class WorkflowDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly service: WorkflowService) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.LocationLink[] | undefined {
    if (!this.service.isWorkflow(document)) return undefined;
    const { model } = this.service.analyze(document).result;
    const target = model && loadCore().definitionAt(model, document.getText(), document.offsetAt(position));
    if (!target) return undefined;
    return [{ originSelectionRange: toRange(document, target.origin), targetUri: document.uri, targetRange: toRange(document, target.range), targetSelectionRange: toRange(document, target.selectionRange) }];
  }
}
