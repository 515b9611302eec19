import * as path from 'path';
import * as vscode from 'vscode';
import { GRAPH_VIEW_TYPE, type GraphRunView } from '../../protocol/graph';
import type { WorkflowService } from '../workflowService';
import { webviewOptions } from '../preview/html';
import { GraphPanel } from './graphPanel';

/** One graph panel per workflow: opened beside the editor, revealed when asked again, restored
 * after a reload by the WebviewPanelSerializer (registerGraph.ts). */
export class GraphManager implements vscode.Disposable {
  private readonly panels = new Map<string, GraphPanel>();
  /** The latest preview run per workflow, so a graph opened after the run shows it too. */
  private readonly lastRuns = new Map<string, GraphRunView>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: WorkflowService,
    private readonly capture: boolean,
  ) {}

  get(uri: vscode.Uri): GraphPanel | undefined {
    return this.panels.get(uri.toString());
  }

  /** A preview run of `uri` finished: its graph shows it, now or when opened. */
  showRun(uri: vscode.Uri, run: GraphRunView): void {
    this.lastRuns.set(uri.toString(), run);
    this.get(uri)?.showRun(run);
  }

  /** The workflow was closed: its last run no longer describes what a new graph would draw. */
  forgetRun(uri: vscode.Uri): void {
    this.lastRuns.delete(uri.toString());
  }

  all(): GraphPanel[] {
    return [...this.panels.values()];
  }

  open(uri: vscode.Uri): GraphPanel {
    const existing = this.get(uri);
    if (existing) {
      existing.reveal();
      return existing;
    }
    // Beside the editor, without taking focus: the cursor stays where the user types.
    const panel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, titleFor(uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.extensionUri));
    return this.adopt(panel, uri);
  }

  restore(panel: vscode.WebviewPanel, uri: vscode.Uri): GraphPanel {
    const existing = this.get(uri);
    if (existing) {
      panel.dispose();
      return existing;
    }
    panel.title = titleFor(uri);
    return this.adopt(panel, uri);
  }

  private adopt(webviewPanel: vscode.WebviewPanel, uri: vscode.Uri): GraphPanel {
    const panel = new GraphPanel(webviewPanel, uri, {
      extensionUri: this.extensionUri,
      service: this.service,
      capture: this.capture,
      onDidDispose: (p) => {
        if (this.panels.get(uri.toString()) === p) this.panels.delete(uri.toString());
      },
    });
    this.panels.set(uri.toString(), panel);
    const lastRun = this.lastRuns.get(uri.toString());
    if (lastRun) panel.showRun(lastRun);
    panel.scheduleRefresh(0);
    return panel;
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }
}

function titleFor(uri: vscode.Uri): string {
  return `Graph ${path.posix.basename(uri.path)}`;
}
