import * as vscode from 'vscode';
import type { CompletionKind } from '../../core/api';
import { loadCore } from '../core';
import { toRange } from '../convert';
import type { WorkflowService } from '../workflowService';

const KIND: Record<CompletionKind, vscode.CompletionItemKind> = {
  block: vscode.CompletionItemKind.Class,
  property: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  inputType: vscode.CompletionItemKind.TypeParameter,
  kind: vscode.CompletionItemKind.EnumMember,
  version: vscode.CompletionItemKind.Constant,
  inputSelector: vscode.CompletionItemKind.Variable,
  stepSelector: vscode.CompletionItemKind.Reference,
};

/** Completions of a workflow: block types, property names with a value of the right shape, values, selectors. */
export class WorkflowCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly service: WorkflowService) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!this.service.isWorkflow(document)) return undefined;
    const { model } = this.service.analyze(document).result;
    if (!model) return undefined;
    const items = loadCore().workflowCompletions(document.getText(), document.offsetAt(position), this.service.catalog(), model);
    return items.map((item) => {
      const completion = new vscode.CompletionItem(item.label, KIND[item.kind]);
      completion.detail = item.detail;
      if (item.documentation) completion.documentation = new vscode.MarkdownString(item.documentation);
      completion.sortText = item.sortText;
      completion.insertText = item.snippet ? new vscode.SnippetString(item.insertText) : item.insertText;
      completion.filterText = item.filterText;
      completion.range = toRange(document, item.range);
      if (item.deprecated) completion.tags = [vscode.CompletionItemTag.Deprecated];
      return completion;
    });
  }
}
