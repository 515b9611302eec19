import * as vscode from 'vscode';
import { loadCore } from '../core';
import { toRange } from '../convert';

/** Expand / Shrink Selection through the JSON structure: string content, value, property, object, … */
export class WorkflowSelectionRangeProvider implements vscode.SelectionRangeProvider {
  provideSelectionRanges(document: vscode.TextDocument, positions: vscode.Position[]): vscode.SelectionRange[] {
    const chains = loadCore().selectionRanges(document.getText(), positions.map((p) => document.offsetAt(p)));
    return chains.map((chain) => chain.reduceRight<vscode.SelectionRange | undefined>((parent, range) => new vscode.SelectionRange(toRange(document, range), parent), undefined)!);
  }
}
