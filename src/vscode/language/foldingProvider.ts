import * as vscode from 'vscode';
import { loadCore } from '../core';

const KIND = { comment: vscode.FoldingRangeKind.Comment, region: vscode.FoldingRangeKind.Region } as const;

/** Folding for the workflow language (the JSON server folds only `json`): objects, arrays, comments, regions. */
export class WorkflowFoldingProvider implements vscode.FoldingRangeProvider {
  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    // The editor keeps at most this many; computing more would only cost time on a huge file.
    const limit = vscode.workspace.getConfiguration('editor', document).get<number>('foldingMaximumRegions', 5000);
    return loadCore()
      .foldingRegions(document.getText(), limit)
      .map((r) => new vscode.FoldingRange(r.startLine, r.endLine, r.kind && KIND[r.kind]));
  }
}
