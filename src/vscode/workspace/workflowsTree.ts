import * as vscode from 'vscode';
import type { WorkflowSummary } from '../../core/api';
import { loadCore } from '../core';
import type { WorkspaceSession } from './session';

/**
 * The "Roboflow Workflows" view: the workflows of the stored key's workspace (name, slug, last
 * change), the workspace named in the title. Nothing is fetched without a key (the welcome view
 * offers to set one) or in Restricted Mode. A failure shows as the view's message, redacted.
 */
export const VIEW_ID = 'roboflowWorkflows.workspace';
export const VIEW_TITLE = 'Roboflow Workflows';

export class WorkflowItem extends vscode.TreeItem {
  constructor(readonly workflow: WorkflowSummary) {
    super(workflow.name, vscode.TreeItemCollapsibleState.None);
    this.description = workflow.updatedAt ? `${workflow.url} · ${new Date(workflow.updatedAt).toLocaleString()}` : workflow.url;
    this.tooltip = new vscode.MarkdownString(`**${workflow.name}**\n\nSlug: \`${workflow.url}\`${workflow.updatedAt ? `\n\nLast changed: ${workflow.updatedAt}` : ''}\n\nClick to pull it as a local file.`);
    this.contextValue = 'roboflowWorkflow';
    this.iconPath = new vscode.ThemeIcon('type-hierarchy');
    this.command = { command: 'roboflowWorkflows.pullWorkflow', title: 'Pull', arguments: [workflow.url] };
  }
}

export class WorkflowsTree implements vscode.TreeDataProvider<WorkflowItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<WorkflowItem>;
  private items: WorkflowItem[] = [];
  private loading: Promise<void> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly session: WorkspaceSession) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: false });
    this.subscriptions = [this.view, this.changed, session.onDidChange(() => this.refresh()), vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh())];
  }

  /** Asks the workspace again: now when the view is visible (or `force`), else when it is next shown,
   * so setting a key elsewhere does not send it anywhere until the view is looked at. */
  refresh(force = false): Promise<void> {
    this.loading = undefined;
    this.changed.fire();
    return this.view.visible || force ? this.loaded() : Promise.resolve();
  }

  /** Resolves once the current listing finished (tests, the refresh command). */
  loaded(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** What the view shows now: its items, title and message. */
  snapshot(): { title: string | undefined; message: string | undefined; items: Array<{ label: string; description: string }> } {
    return { title: this.view.title, message: this.view.message, items: this.items.map((i) => ({ label: String(i.label), description: String(i.description) })) };
  }

  private async load(): Promise<void> {
    this.items = [];
    if (!vscode.workspace.isTrusted) {
      // The welcome view says why, with Manage Workspace Trust; a message here would hide it.
      this.show(VIEW_TITLE, undefined);
      return;
    }
    if (!(await this.session.hasApiKey())) {
      this.show(VIEW_TITLE, undefined); // the welcome view offers "Set Roboflow API Key"
      return;
    }
    const listed = await this.session.quietly(async (options, workspace) => {
      const workflows = await loadCore().listWorkflows(options, workspace);
      return workflows.ok ? { ok: true as const, value: { workspace, workflows: workflows.value } } : workflows;
    });
    if (!listed.ok) {
      this.show(VIEW_TITLE, listed.message);
      return;
    }
    this.items = listed.value.workflows.map((w) => new WorkflowItem(w));
    this.show(`${VIEW_TITLE}: ${listed.value.workspace}`, this.items.length === 0 ? `Workspace ${listed.value.workspace} has no workflows yet.` : undefined);
  }

  private show(title: string, message: string | undefined): void {
    this.view.title = title;
    this.view.message = message;
    this.changed.fire();
  }

  async getChildren(element?: WorkflowItem): Promise<WorkflowItem[]> {
    if (element) return [];
    await this.loaded();
    return this.items;
  }

  getTreeItem(element: WorkflowItem): vscode.TreeItem {
    return element;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
