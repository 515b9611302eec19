import * as vscode from 'vscode';
import type { Finding } from '../../core/findings';
import { DIAGNOSTIC_SOURCE, toDiagnostic, toRange, toWorkspaceEdit } from '../convert';
import { loadCore } from '../core';
import type { WorkflowService } from '../workflowService';
import { isSidecarUri, openDocument, sidecarUriFor, workflowUriFor } from './sidecarFiles';
import { fileName, resolveTarget } from './target';

/** Problems of a sharing configuration (`*.sharing.json`) — invalid values, unknown keys, settings
 * that have no effect on its workflow — as diagnostics with quick fixes, on the open document,
 * kept current as the sidecar or its workflow changes. */

const NO_WORKFLOW = 'sharing-no-workflow';

async function sidecarFindings(service: WorkflowService, document: vscode.TextDocument): Promise<Finding[]> {
  const core = loadCore();
  const text = document.getText();
  const { target } = await resolveTarget(service, document.uri);
  if (!target) {
    const workflow = workflowUriFor(document.uri)!;
    return [
      ...core.parseSharingSettings(text).findings,
      {
        code: NO_WORKFLOW,
        severity: 'warning',
        message: `There is no workflow ${fileName(workflow)} beside this sharing configuration, so it configures nothing.`,
        range: { offset: 0, length: 0 },
      },
    ];
  }
  return core.checkSharingFile(text, target.security);
}

class SidecarCodeActions implements vscode.CodeActionProvider {
  constructor(private readonly service: WorkflowService) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!ours.length || !isSidecarUri(document.uri)) return [];
    const findings = await sidecarFindings(this.service, document);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const finding = findings.find((f) => f.code === diagnostic.code && toRange(document, f.range).isEqual(diagnostic.range));
      for (const fix of finding?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        action.edit = toWorkspaceEdit(document, fix.edits);
        actions.push(action);
      }
    }
    return actions;
  }
}

export function registerSidecarDiagnostics(context: vscode.ExtensionContext, service: WorkflowService): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection(`${DIAGNOSTIC_SOURCE}-sharing`);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const generations = new Map<string, number>();

  const refresh = async (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    timers.delete(key);
    if (document.isClosed || !isSidecarUri(document.uri)) return;
    const generation = (generations.get(key) ?? 0) + 1;
    generations.set(key, generation);
    const findings = await sidecarFindings(service, document);
    if (generations.get(key) !== generation || document.isClosed) return;
    collection.set(document.uri, findings.map((f) => toDiagnostic(document, f)));
  };
  const safeRefresh = (document: vscode.TextDocument) => void refresh(document).catch(() => undefined);

  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    const delay = vscode.workspace.getConfiguration('roboflowWorkflows').get<number>('validationDelay', 200);
    timers.set(key, setTimeout(() => safeRefresh(document), delay));
  };

  /** A workflow changed: its open sidecar's "no effect" findings may change. */
  const workflowChanged = (workflow: vscode.Uri) => {
    if (isSidecarUri(workflow)) return;
    const sidecar = openDocument(sidecarUriFor(workflow));
    if (sidecar) schedule(sidecar);
  };

  const watcher = vscode.workspace.createFileSystemWatcher('**/*.json');
  context.subscriptions.push(
    collection,
    vscode.languages.registerCodeActionsProvider({ pattern: '**/*.sharing.json' }, new SidecarCodeActions(service), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    vscode.workspace.onDidOpenTextDocument(safeRefresh),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && isSidecarUri(e.document.uri)) schedule(e.document);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      const key = document.uri.toString();
      clearTimeout(timers.get(key));
      timers.delete(key);
      generations.delete(key);
      if (isSidecarUri(document.uri)) collection.delete(document.uri);
      else workflowChanged(document.uri); // unsaved workflow changes dropped
    }),
    service.onDidAnalyze((analysis) => workflowChanged(analysis.document.uri)),
    service.onDidChangeCatalog(() => vscode.workspace.textDocuments.forEach(schedule)),
    watcher,
    watcher.onDidChange(workflowChanged),
    watcher.onDidCreate(workflowChanged),
    watcher.onDidDelete(workflowChanged),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  vscode.workspace.textDocuments.forEach(safeRefresh);
  return collection;
}
