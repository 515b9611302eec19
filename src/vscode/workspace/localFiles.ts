import * as vscode from 'vscode';
import type { WorkflowLink } from '../../core/api';
import { loadCore } from '../core';

/** Local workflow files and their link files: reading, and writing through WorkspaceEdit. */

export function linkUriFor(fileUri: vscode.Uri): vscode.Uri | undefined {
  const linkPath = loadCore().linkPathFor(fileUri.path);
  return linkPath === undefined ? undefined : fileUri.with({ path: linkPath });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The text of a file: an open document's unsaved edits, else the disk's; undefined when absent. A
 * document without edits may be stale (closed editors linger; the file may have been deleted). */
export async function currentText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty) return open.getText();
  if (!(await exists(uri))) return undefined;
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

export type LinkRead = { state: 'none' } | { state: 'broken'; message: string } | { state: 'linked'; link: WorkflowLink };

export async function readLink(fileUri: vscode.Uri): Promise<LinkRead> {
  const linkUri = linkUriFor(fileUri);
  if (!linkUri) return { state: 'none' };
  const text = await currentText(linkUri);
  if (text === undefined) return { state: 'none' };
  const parsed = loadCore().parseLinkFile(text);
  return parsed.ok ? { state: 'linked', link: parsed.link } : { state: 'broken', message: `${vscode.workspace.asRelativePath(linkUri)}: ${parsed.message}` };
}

/** Replaces a file's whole text: an open document is edited (undo keeps working) and saved; a
 * closed or new file is created with the text. */
export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    edit.replace(uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), text);
  } else {
    edit.createFile(uri, { overwrite: true, contents: new TextEncoder().encode(text) });
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`Could not write ${vscode.workspace.asRelativePath(uri)}.`);
  if (open && open.isDirty) await open.save();
}

export async function writeLink(fileUri: vscode.Uri, link: WorkflowLink): Promise<void> {
  const linkUri = linkUriFor(fileUri);
  if (!linkUri) throw new Error(`${vscode.workspace.asRelativePath(fileUri)} is not a \`.workflow.json\` file.`);
  await writeText(linkUri, loadCore().serializeLinkFile(link));
}
