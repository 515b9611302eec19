import * as vscode from 'vscode';
import { loadCore } from '../core';
import { toRange } from '../convert';
import type { WorkflowService } from '../workflowService';

/** Links from every step's `type` to its block's documentation on inference.roboflow.com. */
export class WorkflowLinkProvider implements vscode.DocumentLinkProvider {
  constructor(private readonly service: WorkflowService) {}

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] | undefined {
    if (!this.service.isWorkflow(document)) return undefined;
    const { model } = this.service.analyze(document).result;
    return model && loadCore().documentLinks(model).map((link) => {
      const result = new vscode.DocumentLink(toRange(document, link.range), vscode.Uri.parse(link.url));
      result.tooltip = link.tooltip;
      return result;
    });
  }
}
