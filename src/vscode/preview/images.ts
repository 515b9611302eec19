import * as path from 'path';
import * as vscode from 'vscode';
import { checkImageBytes, checkImageFile, IMAGE_EXTENSIONS, MAX_IMAGE_BYTES, readImageFile, SNIFF_BYTES } from '../../core/preview/imageFile';

export { IMAGE_EXTENSIONS, MAX_IMAGE_BYTES };

/** Image files for `WorkflowImage` inputs: read by the extension host, base64-encoded for the
 * request; the webview gets a data URL only to show it and draw predictions over it. Only files
 * whose real path is inside a workspace folder, within the size cap, with an image's magic
 * numbers are read (core/preview/imageFile.ts), whether picked, browsed for or named by a message. */

export interface LoadedImage {
  label: string;
  base64: string;
  mime: string;
  bytes: number;
}

export type ImageCheck = { ok: true } | { ok: false; message: string };

function fileFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

const OUTSIDE = 'only images inside a workspace folder can be sent. Copy the image into the workspace.';

/** A file of a virtual workspace (no symbolic links there): its folder, size and first bytes. */
async function checkVirtual(uri: vscode.Uri, label: string, full: boolean): Promise<{ ok: true; data: Uint8Array; mime: string } | { ok: false; message: string }> {
  if (!vscode.workspace.getWorkspaceFolder(uri)) return { ok: false, message: `${label} is outside the workspace folders: ${OUTSIDE}` };
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_IMAGE_BYTES) return { ok: false, message: `${label} is ${(stat.size / 1024 / 1024).toFixed(1)} MB; images up to ${MAX_IMAGE_BYTES / 1024 / 1024} MB can be sent.` };
    const data = await vscode.workspace.fs.readFile(uri);
    const checked = checkImageBytes(label, full ? data : data.subarray(0, SNIFF_BYTES));
    return checked.ok ? { ok: true, data, mime: checked.format.mime } : checked;
  } catch (err) {
    return { ok: false, message: `${label} could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Whether a file may be offered as an image (the picker lists only these). */
export async function checkImage(uri: vscode.Uri): Promise<ImageCheck> {
  const label = path.posix.basename(uri.path);
  if (uri.scheme === 'file') {
    const checked = await checkImageFile(uri.fsPath, fileFolders());
    return checked.ok ? { ok: true } : checked;
  }
  const checked = await checkVirtual(uri, label, false);
  return checked.ok ? { ok: true } : checked;
}

const IMAGE_GLOB = `**/*.{${IMAGE_EXTENSIONS.join(',')}}`;

/** The images the picker offers: only files that may be sent (a symbolic link out of the workspace,
 * or a `.png` that is not an image, is left out), sorted by path. */
export async function workspaceImages(): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles(IMAGE_GLOB, '**/{node_modules,.git,.test-run,.vscode-test}/**', 500);
  const usable = await Promise.all(found.map(async (uri) => ((await checkImage(uri)).ok ? uri : undefined)));
  return usable.filter((uri): uri is vscode.Uri => uri !== undefined).sort((a, b) => a.path.localeCompare(b.path));
}

export async function readImage(uri: vscode.Uri): Promise<{ ok: true; image: LoadedImage } | { ok: false; message: string }> {
  const label = path.posix.basename(uri.path);
  const read = uri.scheme === 'file' ? await readImageFile(uri.fsPath, fileFolders()) : await checkVirtual(uri, label, true);
  if (!read.ok) return read;
  const mime = 'format' in read ? read.format.mime : read.mime;
  return { ok: true, image: { label, base64: Buffer.from(read.data).toString('base64'), mime, bytes: read.data.byteLength } };
}
