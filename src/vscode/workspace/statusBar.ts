import * as path from 'path';
import * as vscode from 'vscode';
import type { SyncStateName } from '../../core/api';
import { loadCore } from '../core';
import { readLink } from './localFiles';
import { fetchLive } from './remoteState';
import type { WorkspaceSession } from './session';

/**
 * The sync state of the active editor's file when it is linked to a workspace workflow: in sync,
 * local changes, workspace changed, or both. The local side follows every edit; the workspace's is
 * asked when the editor becomes active, after a pull or push, and on Refresh (never in Restricted
 * Mode; without an answer the item says what it knows and that the workspace was not reached).
 */

const ICONS: Readonly<Record<SyncStateName, string>> = {
  'in-sync': '$(check)',
  'local-changes': '$(cloud-upload)',
  'workspace-changed': '$(cloud-download)',
  'both-changed': '$(warning)',
};

export class SyncStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('roboflowWorkflows.syncState', vscode.StatusBarAlignment.Left, 50);
  /** The workspace's definition hash per link file, as last fetched. */
  private readonly remoteHashes = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];
  private updating: Promise<void> = Promise.resolve();

  /** `analyses`: the workflow service's onDidAnalyze, so typing costs one update per analysis (after the
   * validation delay), not a link-file read and a hash of the whole document per keystroke. */
  constructor(
    private readonly session: WorkspaceSession,
    analyses: vscode.Event<{ document: vscode.TextDocument }>,
  ) {
    this.item.name = 'Roboflow Workflow Sync';
    this.subscriptions = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.update(true)),
      analyses(({ document }) => {
        if (document === vscode.window.activeTextEditor?.document) void this.update(false);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // The link file edited beside the active workflow (not a workflow: no analysis tells us).
        const active = vscode.window.activeTextEditor?.document;
        if (active && e.document.uri.path === active.uri.path.replace(/\.workflow\.json$/, '.workflow.roboflow.json')) void this.update(false);
      }),
      vscode.workspace.onDidSaveTextDocument(() => void this.update(false)),
      session.onDidChange(() => {
        this.remoteHashes.clear();
        void this.update(true);
      }),
    ];
    void this.update(true);
  }

  /** Recomputes the state; `askWorkspace` fetches the Live definition again. Serialised. */
  update(askWorkspace: boolean): Promise<void> {
    this.updating = this.updating.catch(() => undefined).then(() => this.compute(askWorkspace));
    return this.updating;
  }

  /** What the item shows now (tests). */
  snapshot(): { visible: boolean; text: string; tooltip: string } {
    return { visible: this.visible, text: this.item.text, tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '') };
  }

  private visible = false;

  private hide(): void {
    this.visible = false;
    this.item.hide();
  }

  private async compute(askWorkspace: boolean): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    // Checked before the core is loaded: activation must not load it (it holds the compiled schemas).
    if (!document || document.uri.scheme !== 'file' || !document.uri.path.endsWith('.workflow.json')) return this.hide();
    const core = loadCore();
    const read = await readLink(document.uri);
    if (read.state === 'none') return this.hide();
    const fileName = path.posix.basename(document.uri.path);
    if (read.state === 'broken') {
      this.show('$(error) Workflow link broken', read.message, undefined);
      return;
    }
    const { link } = read;
    const key = `${document.uri.toString()}#${link.workspace}/${link.url}`;
    let note = '';
    if (askWorkspace && vscode.workspace.isTrusted) {
      const live = await fetchLive(this.session, link);
      if (live.ok) this.remoteHashes.set(key, live.value.hash);
      else {
        this.remoteHashes.delete(key);
        note = `\n\nThe workspace was not reached: ${live.message}`;
      }
    } else if (!vscode.workspace.isTrusted) {
      note = '\n\nThe workspace is not asked in Restricted Mode.';
    }
    const { state, remoteKnown } = core.computeSyncState({ pulledHash: link.pulled.definitionHash, localHash: core.localDefinitionHash(document.getText()), remoteHash: this.remoteHashes.get(key) });
    const label = core.SYNC_STATE_LABELS[state];
    const where = `${link.workspace}/${link.url}`;
    const tooltip = `${fileName} ↔ ${where} (${link.name}): ${label.toLowerCase()}${remoteKnown ? '' : ' (workspace not checked)'}.${note}\n\nClick to compare with the workspace.`;
    this.show(`${ICONS[state]} ${where}: ${label}`, tooltip, { command: 'roboflowWorkflows.diffWithWorkspace', title: 'Compare with Workspace', arguments: [document.uri.toString()] });
  }

  private show(text: string, tooltip: string, command: vscode.Command | undefined): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.command = command;
    this.visible = true;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
