import * as vscode from 'vscode';
import { GRAPH_VIEW_TYPE } from '../../protocol/graph';
import type { RunView } from '../../protocol/preview';
import { loadCore } from '../core';
import { WorkflowActionLensProvider } from '../lenses/workflowActionLens';
import type { WorkflowService } from '../workflowService';
import { toUri, workflowDocumentFor } from '../workflowTarget';
import { GraphManager } from './graphManager';
import { registerGraphTestApi } from './testApi';
import { WORKFLOW_SELECTOR } from '../workflowDocuments';

/** Issue #9 §2, a live graph of the workflow: the command (palette, editor title, code lens), one
 * panel per workflow and its serializer, and what keeps it live: re-analyses, the editor's cursor,
 * and preview runs. */

export const GRAPH_COMMAND = 'roboflowWorkflows.showGraph';

export interface GraphCommandResult {
  opened: boolean;
  reason?: string;
}

export function registerGraph(context: vscode.ExtensionContext, service: WorkflowService, previewRuns: vscode.Event<{ uri: vscode.Uri; view: RunView }>): GraphManager {
  const manager = new GraphManager(context.extensionUri, service, context.extensionMode === vscode.ExtensionMode.Test);
  const tooltip = 'Show this workflow as a graph beside the editor (inputs, steps, outputs and the selectors between them)';
  const lenses = new WorkflowActionLensProvider(service, { title: '$(type-hierarchy) Graph', command: GRAPH_COMMAND, tooltip, restrictedTooltip: tooltip });

  const showGraph = async (arg?: unknown): Promise<GraphCommandResult> => {
    const document = await workflowDocumentFor(arg, service);
    if (!document) {
      const reason = 'Open a Roboflow workflow first: the graph draws the workflow in the active editor.';
      void vscode.window.showInformationMessage(reason);
      return { opened: false, reason };
    }
    manager.open(document.uri);
    followCursor(vscode.window.activeTextEditor);
    return { opened: true };
  };

  /** The node under the cursor of an editor showing a workflow that has a graph open. */
  const followCursor = (editor: vscode.TextEditor | undefined) => {
    const panel = editor && manager.get(editor.document.uri);
    if (!editor || !panel) return;
    const analysis = service.lastAnalysis(editor.document);
    const model = analysis?.result.model;
    if (!model) return panel.setCursor(null);
    const core = loadCore();
    panel.setCursor(core.nodeAtOffset(core.nodeSpans(model), editor.document.offsetAt(editor.selection.active)) ?? null);
  };

  context.subscriptions.push(
    manager,
    lenses,
    vscode.commands.registerCommand(GRAPH_COMMAND, showGraph),
    vscode.languages.registerCodeLensProvider(WORKFLOW_SELECTOR, lenses),
    vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const saved = typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
        const uri = toUri(saved.workflowUri);
        if (uri) manager.restore(panel, uri);
        else panel.dispose();
      },
    }),
    service.onDidAnalyze((analysis) => {
      manager.get(analysis.document.uri)?.scheduleRefresh();
      const editor = vscode.window.activeTextEditor;
      if (editor?.document === analysis.document) followCursor(editor);
    }),
    service.onDidChangeCatalog(() => manager.all().forEach((p) => p.scheduleRefresh())),
    vscode.window.onDidChangeTextEditorSelection((e) => followCursor(e.textEditor)),
    vscode.window.onDidChangeActiveTextEditor(followCursor),
    previewRuns(({ uri, view }) => manager.showRun(uri, loadCore().graphRunView(view))),
    vscode.workspace.onDidCloseTextDocument((document) => manager.forgetRun(document.uri)),
  );
  registerGraphTestApi(context, manager);
  return manager;
}
