import * as path from 'path';
import * as vscode from 'vscode';
import type { ServerIdentityCache } from '../../core/server/serverIdentity';
import { PREVIEW_VIEW_TYPE, type PreviewMode, type RunView } from '../../protocol/preview';
import type { SecretStore } from '../secrets/secretStore';
import type { WorkflowService } from '../workflowService';
import { webviewOptions } from './html';
import { PreviewPanel } from './previewPanel';

/** One preview panel per workflow: opened beside the editor, revealed when asked again, restored
 * after a reload by the WebviewPanelSerializer (registerPreview.ts). */
export class PreviewManager implements vscode.Disposable {
  private readonly panels = new Map<string, PreviewPanel>();
  private readonly runs = new vscode.EventEmitter<{ uri: vscode.Uri; view: RunView }>();
  /** A preview run finished, in any panel (its view already redacted). */
  readonly onDidFinishRun = this.runs.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: WorkflowService,
    private readonly store: SecretStore,
    private readonly identities: ServerIdentityCache,
    private readonly capture: boolean,
  ) {}

  get(uri: vscode.Uri): PreviewPanel | undefined {
    return this.panels.get(uri.toString());
  }

  all(): PreviewPanel[] {
    return [...this.panels.values()];
  }

  open(uri: vscode.Uri): PreviewPanel {
    const existing = this.get(uri);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, titleFor(uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, webviewOptions(this.extensionUri));
    return this.adopt(panel, uri, 'owner');
  }

  /** A panel VS Code restored after a reload, with the state its webview saved. */
  restore(panel: vscode.WebviewPanel, uri: vscode.Uri, mode: PreviewMode): PreviewPanel {
    const existing = this.get(uri);
    if (existing) {
      // Already open (restored twice): keep one.
      panel.dispose();
      return existing;
    }
    panel.title = titleFor(uri);
    return this.adopt(panel, uri, mode);
  }

  refreshAll(): void {
    for (const panel of this.panels.values()) panel.scheduleRefresh(0);
  }

  refreshFor(uri: vscode.Uri): void {
    this.get(uri)?.scheduleRefresh();
  }

  private adopt(webviewPanel: vscode.WebviewPanel, uri: vscode.Uri, mode: PreviewMode): PreviewPanel {
    const panel = new PreviewPanel(webviewPanel, uri, {
      extensionUri: this.extensionUri,
      service: this.service,
      store: this.store,
      identities: this.identities,
      capture: this.capture,
      onDidDispose: (p) => {
        if (this.panels.get(uri.toString()) === p) this.panels.delete(uri.toString());
      },
      onDidFinishRun: (runUri, view) => this.runs.fire({ uri: runUri, view }),
    }, mode);
    this.panels.set(uri.toString(), panel);
    return panel;
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
    this.runs.dispose();
  }
}

function titleFor(uri: vscode.Uri): string {
  return `Preview ${path.posix.basename(uri.path)}`;
}
