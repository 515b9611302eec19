import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert';
import type { WorkflowService } from './workflowService';

/**
 * Diagnostics as you type: debounced per document, the latest edit wins, cleared when the
 * document closes or stops being a workflow.
 */
export function registerDiagnostics(context: vscode.ExtensionContext, service: WorkflowService): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const refresh = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    timers.delete(key);
    if (document.isClosed) return;
    if (!service.isWorkflow(document)) {
      collection.delete(document.uri);
      return;
    }
    const { result } = service.analyze(document);
    collection.set(document.uri, result.findings.map((f) => toDiagnostic(document, f)));
  };

  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    const base = vscode.workspace.getConfiguration('roboflowWorkflows').get<number>('validationDelay', 200);
    // Validation grows with size (about 70 ms a megabyte): wait longer in huge documents, so typing
    // in one does not queue a validation per pause.
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end); // without copying the text
    const delay = base + Math.min(2000, Math.floor(length / 15_000));
    timers.set(key, setTimeout(() => refresh(document), delay));
  };

  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      clearTimeout(timers.get(document.uri.toString()));
      timers.delete(document.uri.toString());
      collection.delete(document.uri);
    }),
    service.onDidChangeCatalog(() => vscode.workspace.textDocuments.forEach(refresh)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('roboflowWorkflows')) vscode.workspace.textDocuments.forEach(refresh);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  vscode.workspace.textDocuments.forEach(refresh);
  return collection;
}
