import * as vscode from 'vscode';
import type { SymbolKind, WorkflowSymbol } from '../../core/api';
import { loadCore } from '../core';
import { toRange } from '../convert';
import type { WorkflowService } from '../workflowService';

const KIND: Record<SymbolKind, vscode.SymbolKind> = {
  section: vscode.SymbolKind.Module,
  input: vscode.SymbolKind.Variable,
  step: vscode.SymbolKind.Function,
  output: vscode.SymbolKind.Field,
};

function toSymbol(document: vscode.TextDocument, symbol: WorkflowSymbol): vscode.DocumentSymbol {
  const result = new vscode.DocumentSymbol(symbol.name, symbol.detail, KIND[symbol.kind], toRange(document, symbol.range), toRange(document, symbol.selectionRange));
  result.children = symbol.children.map((child) => toSymbol(document, child));
  return result;
}

/** The Outline and breadcrumbs: Inputs, Steps (with their block's name and version), Outputs. */
export class WorkflowSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly service: WorkflowService) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] | undefined {
    if (!this.service.isWorkflow(document)) return undefined;
    const { model } = this.service.analyze(document).result;
    return model && loadCore().documentSymbols(model).map((symbol) => toSymbol(document, symbol));
  }
}
