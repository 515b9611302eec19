import * as vscode from 'vscode';
import { loadCore } from './core';
import { toRange } from './convert';
import type { WorkflowService } from './workflowService';

/**
 * Completion of selectors inside strings: the inputs and step outputs the field can take, kinds
 * that fit first (others after, marked), as a person types `$` or `.`.
 */
class SelectorCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly service: WorkflowService) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!this.service.isWorkflow(document)) return undefined;
    const { result } = this.service.analyze(document);
    const items = loadCore().selectorCompletions(document.getText(), document.offsetAt(position), this.service.catalog(), result.model);
    return items.map((item, index) => {
      const completion = new vscode.CompletionItem(item.label, item.label.startsWith('$inputs.') ? vscode.CompletionItemKind.Variable : vscode.CompletionItemKind.Reference);
      completion.detail = item.compatible ? item.detail : `${item.detail} (kind does not fit this field)`;
      completion.range = toRange(document, item.range);
      completion.sortText = String(index).padStart(4, '0');
      if (!item.compatible) completion.tags = [vscode.CompletionItemTag.Deprecated];
      return completion;
    });
  }
}

export function registerCompletions(context: vscode.ExtensionContext, service: WorkflowService): void {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider([{ language: 'json' }, { language: 'jsonc' }], new SelectorCompletionProvider(service), '$', '.'),
  );
}
