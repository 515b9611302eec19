import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './convert';
import type { WorkflowService } from './workflowService';

/** The one diagnostics collection of workflows: local findings, and the server's verdict beside them. */
export interface WorkflowDiagnostics {
  /**
   * Publishes a server's findings for the document as it was at `version`, beside the local
   * findings, until the document changes (or closes). An empty list clears them.
   */
  setServerDiagnostics(document: vscode.TextDocument, version: number, diagnostics: vscode.Diagnostic[]): void;
  /** The version of an open document that its published diagnostics describe (none, for a
   * document that is not a workflow), or undefined before its first validation. */
  diagnosedVersion(uri: vscode.Uri): number | undefined;
}

/**
 * Diagnostics as you type: debounced per document, the latest edit wins, cleared when the
 * document closes or stops being a workflow. A server's findings (Validate on Server) describe
 * one version of the text, so any edit drops them.
 */
export function registerDiagnostics(context: vscode.ExtensionContext, service: WorkflowService): WorkflowDiagnostics {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const local = new Map<string, vscode.Diagnostic[]>();
  const fromServer = new Map<string, { version: number; diagnostics: vscode.Diagnostic[] }>();
  const diagnosedVersions = new Map<string, number>();

  const publish = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    const server = fromServer.get(key);
    const current = server?.version === document.version ? server.diagnostics : [];
    collection.set(document.uri, [...(local.get(key) ?? []), ...current]);
  };

  const forget = (uri: vscode.Uri) => {
    const key = uri.toString();
    local.delete(key);
    fromServer.delete(key);
    collection.delete(uri);
  };

  const refresh = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    timers.delete(key);
    if (document.isClosed) return;
    if (!service.isWorkflow(document)) {
      forget(document.uri);
    } else {
      const { result } = service.analyze(document);
      local.set(key, result.findings.map((f) => toDiagnostic(document, f)));
      publish(document);
    }
    diagnosedVersions.set(key, document.version);
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
      if (!e.contentChanges.length) return;
      // The server judged the text before this edit: its findings go now, not after the debounce.
      if (fromServer.delete(e.document.uri.toString())) publish(e.document);
      schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      clearTimeout(timers.get(document.uri.toString()));
      timers.delete(document.uri.toString());
      diagnosedVersions.delete(document.uri.toString());
      forget(document.uri);
    }),
    service.onDidChangeCatalog(() => vscode.workspace.textDocuments.forEach(refresh)),
    service.onDidChangeStoredSecrets(() => vscode.workspace.textDocuments.forEach(refresh)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('roboflowWorkflows')) vscode.workspace.textDocuments.forEach(refresh);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  vscode.workspace.textDocuments.forEach(refresh);

  return {
    setServerDiagnostics(document, version, diagnostics) {
      if (document.isClosed || document.version !== version) return;
      const key = document.uri.toString();
      if (diagnostics.length === 0) fromServer.delete(key);
      else fromServer.set(key, { version, diagnostics });
      refresh(document);
    },
    diagnosedVersion: (uri) => diagnosedVersions.get(uri.toString()),
  };
}
