import * as vscode from 'vscode';
import { loadCore } from '../core';
import { toRange } from '../convert';
import type { WorkflowService } from '../workflowService';

/** Hovers: a block's description and outputs on its type, a field's accepted values, a selector's target and kind, or what is wrong with it. */
export class WorkflowHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: WorkflowService) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.service.isWorkflow(document)) return undefined;
    const { model, findings } = this.service.analyze(document).result;
    const info = model && loadCore().hoverAt(model, this.service.catalog(), document.offsetAt(position), findings);
    return info ? new vscode.Hover(new vscode.MarkdownString(info.markdown), toRange(document, info.range)) : undefined;
  }
}
