import * as vscode from 'vscode';
import type { Redactor } from '../../core/api';
import { parseGraphHostMessage, parseGraphWebviewMessage, type GraphHostMessage, type GraphRunView, type GraphView, type GraphWebviewMessage } from '../../protocol/graph';
import { loadCore } from '../core';
import { webviewOptions } from '../preview/html';
import { previewLog } from '../preview/log';
import type { WorkflowService } from '../workflowService';
import { saveSvg } from './exportSvg';
import { graphHtml } from './graphHtml';
import { revealNode } from './revealNode';

/**
 * One graph panel, for one workflow. The host builds the graph from the workflow's analysis and
 * follows the editor's cursor and the preview's runs; the webview lays it out, draws it and
 * reports clicks. Every message leaves through `post` (redacted with the stored secrets, checked
 * against the protocol) and every message arriving goes through `parseGraphWebviewMessage`.
 */

export interface GraphPanelDeps {
  extensionUri: vscode.Uri;
  service: WorkflowService;
  /** Test mode: keep a copy of every message posted and every message rejected. */
  capture: boolean;
  onDidDispose(panel: GraphPanel): void;
}

export class GraphPanel implements vscode.Disposable {
  private ready = false;
  private disposed = false;
  private cursorNode: string | null = null;
  private run: GraphRunView | null = null;
  private view: GraphView | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Test mode only. */
  readonly posted: GraphHostMessage[] = [];
  readonly rejected: string[] = [];
  readonly exported: vscode.Uri[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    private readonly deps: GraphPanelDeps,
  ) {
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.webview.html = graphHtml(panel.webview, deps.extensionUri, panel.title);
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The last graph sent (tests and diagnostics). */
  get lastView(): GraphView | undefined {
    return this.view;
  }

  private guard(): Redactor {
    return new (loadCore().Redactor)(this.deps.service.storedSecrets());
  }

  /** Handles one message from the webview (exported for the test hook). */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseGraphWebviewMessage(raw);
    if (!parsed.ok) {
      if (this.deps.capture) this.rejected.push(parsed.error);
      previewLog.warn(`Graph of ${this.uri.path.split('/').pop()}: ignored a message from the webview (${parsed.error}).`);
      return;
    }
    try {
      await this.dispatch(parsed.message);
    } catch (err) {
      previewLog.error(`Graph: handling "${parsed.message.type}" failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, this.guard());
    }
  }

  private async dispatch(message: GraphWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        this.post({ type: 'cursor', node: this.cursorNode });
        this.post({ type: 'run', run: this.run });
        return;
      case 'reveal':
        await revealNode(this.deps.service, this.uri, message.node);
        return;
      case 'exportSvg': {
        const saved = await saveSvg(this.uri, message.svg, this.guard());
        if (saved && this.deps.capture) this.exported.push(saved);
        return;
      }
    }
  }

  /** Builds the graph from the workflow's current analysis and sends it. */
  async refresh(): Promise<void> {
    const document = await vscode.workspace.openTextDocument(this.uri);
    if (this.disposed) return;
    const fileName = vscode.workspace.asRelativePath(this.uri, false);
    const workflowUri = this.uri.toString();
    if (!this.deps.service.isWorkflow(document)) {
      this.view = { workflowUri, fileName, graph: { nodes: [], edges: [] }, problem: 'This file is not a Roboflow workflow.' };
    } else {
      const result = this.deps.service.analyze(document).result;
      this.view = result.model
        ? { workflowUri, fileName, graph: loadCore().buildWorkflowGraph(result) }
        : { workflowUri, fileName, graph: { nodes: [], edges: [] }, problem: 'Nothing to draw: the file does not hold a JSON object yet.' };
    }
    this.post({ type: 'graph', view: this.view });
  }

  /** A refresh soon (the service fires once per analysed version; typing fires many). */
  scheduleRefresh(delayMs = 50): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh().catch((err) => previewLog.error(`Graph refresh failed: ${String(err)}`)), delayMs);
  }

  /** Highlights the node under the editor's cursor (null: none). */
  setCursor(node: string | null): void {
    if (node === this.cursorNode) return;
    this.cursorNode = node;
    this.post({ type: 'cursor', node });
  }

  showRun(run: GraphRunView): void {
    this.run = run;
    this.post({ type: 'run', run });
  }

  reveal(): void {
    this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
  }

  private post(message: GraphHostMessage): void {
    if (this.disposed) return;
    const safe = this.guard().redactDeep(message);
    const checked = parseGraphHostMessage(safe);
    if (!checked.ok) {
      previewLog.error(`Graph: not sending an invalid message to the webview (${checked.error}).`);
      return;
    }
    if (this.deps.capture) this.posted.push(safe);
    if (this.ready) void this.panel.webview.postMessage(safe);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.refreshTimer);
    for (const s of this.subscriptions) s.dispose();
    this.panel.dispose();
    this.deps.onDidDispose(this);
  }
}
