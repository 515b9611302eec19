import * as vscode from 'vscode';
import { loadCore } from '../core';
import { toRange } from '../convert';

/** Format Document and Format Selection with the editor's indentation, as VS Code's JSON formatter does. */
export class WorkflowFormattingProvider implements vscode.DocumentFormattingEditProvider, vscode.DocumentRangeFormattingEditProvider {
  provideDocumentFormattingEdits(document: vscode.TextDocument, options: vscode.FormattingOptions): vscode.TextEdit[] {
    return this.edits(document, undefined, options);
  }

  provideDocumentRangeFormattingEdits(document: vscode.TextDocument, range: vscode.Range, options: vscode.FormattingOptions): vscode.TextEdit[] {
    const offset = document.offsetAt(range.start);
    return this.edits(document, { offset, length: document.offsetAt(range.end) - offset }, options);
  }

  private edits(document: vscode.TextDocument, range: { offset: number; length: number } | undefined, options: vscode.FormattingOptions): vscode.TextEdit[] {
    const { tabSize, insertSpaces } = options;
    return loadCore()
      .formatEdits(document.getText(), range, { tabSize, insertSpaces, insertFinalNewline: options.insertFinalNewline === true })
      .map((e) => vscode.TextEdit.replace(toRange(document, e), e.newText));
  }
}
