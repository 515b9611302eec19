import * as vscode from 'vscode';
import type { SharingOption, SharingSettings } from '../../core/api';
import { isSharingFile, sharingFileFor, workflowFileFor } from '../../core/sharing/paths';
import { toWorkspaceEdit } from '../convert';
import { loadCore } from '../core';

/** The sharing configuration beside each workflow (`acme.workflow.json` →
 * `acme.workflow.sharing.json`): where it is, what it says now, how to change it, and when it
 * changed. An open document always wins over the file on disk (unsaved changes count). */

export function sidecarUriFor(workflow: vscode.Uri): vscode.Uri {
  return workflow.with({ path: sharingFileFor(workflow.path) });
}

export function workflowUriFor(sidecar: vscode.Uri): vscode.Uri | undefined {
  const path = workflowFileFor(sidecar.path);
  return path === undefined ? undefined : sidecar.with({ path });
}

export function isSidecarUri(uri: vscode.Uri): boolean {
  return isSharingFile(uri.path);
}

/** Whether a sidecar can live beside this document (not for untitled ones). */
export function canHaveSidecar(uri: vscode.Uri): boolean {
  return uri.scheme !== 'untitled' && uri.path.toLowerCase().endsWith('.json');
}

export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
}

async function readFile(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The text of a document: the open one's when it has unsaved changes, else the file's (an open
 * document without changes may lag behind the disk for a moment), else undefined (no file). */
export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = openDocument(uri);
  if (open?.isDirty) return open.getText();
  return readFile(uri);
}

export async function readSettings(workflow: vscode.Uri): Promise<SharingSettings> {
  return loadCore().parseSharingSettings(await readText(sidecarUriFor(workflow))).settings;
}

/** The open document of an existing file, once it holds what the file holds (VS Code reloads a
 * document without unsaved changes when its file changes on disk, a moment later). */
async function documentInStep(uri: vscode.Uri, onDisk: string): Promise<vscode.TextDocument | undefined> {
  const document = await vscode.workspace.openTextDocument(uri);
  for (let waited = 0; document.getText() !== onDisk && !document.isDirty; waited += 50) {
    if (waited >= 2_000) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return document;
}

/**
 * Sets one option in the sidecar as one undoable WorkspaceEdit that keeps the file's formatting and
 * comments: the open document's current text is edited when there is one, otherwise the file,
 * which is created when missing. A sidecar that had no unsaved changes is saved afterwards (so
 * the setting is on disk); one with unsaved changes is left for its owner to save.
 */
export async function setSidecarOption<K extends SharingOption>(workflow: vscode.Uri, option: K, value: SharingSettings[K]): Promise<{ applied: boolean; sidecar: vscode.Uri; created: boolean }> {
  const core = loadCore();
  const sidecar = sidecarUriFor(workflow);
  let document = openDocument(sidecar);
  if (!document?.isDirty) {
    const onDisk = await readFile(sidecar);
    document = onDisk === undefined ? undefined : await documentInStep(sidecar, onDisk);
    if (onDisk !== undefined && !document) return { applied: false, sidecar, created: false };
  }
  let edit: vscode.WorkspaceEdit;
  const created = !document;
  if (document) {
    edit = toWorkspaceEdit(document, core.sharingOptionEdits(document.getText(), option, value));
  } else {
    edit = new vscode.WorkspaceEdit();
    edit.createFile(sidecar, { ignoreIfExists: true });
    edit.insert(sidecar, new vscode.Position(0, 0), core.withSharingOption(undefined, option, value));
  }
  const wasDirty = document?.isDirty ?? false;
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied && !wasDirty) {
    const after = openDocument(sidecar) ?? (await vscode.workspace.openTextDocument(sidecar));
    if (after.isDirty) await after.save();
  }
  return { applied, sidecar, created };
}

/**
 * Fires with the workflow URI whose sharing configuration may have changed: its sidecar was
 * edited (typed, undone, reverted), created, changed on disk or deleted.
 */
export class SidecarChanges implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [this.emitter];

  constructor() {
    const fire = (sidecar: vscode.Uri) => {
      const workflow = workflowUriFor(sidecar);
      if (workflow) this.emitter.fire(workflow);
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.sharing.json');
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate(fire),
      watcher.onDidChange(fire),
      watcher.onDidDelete(fire),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && isSidecarUri(e.document.uri)) fire(e.document.uri);
      }),
      // Closing a sidecar with unsaved changes drops them: the file's text applies again.
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (isSidecarUri(d.uri)) fire(d.uri);
      }),
    );
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
