import * as path from 'path';
import * as vscode from 'vscode';

/** Image files for `WorkflowImage` inputs: read by the extension host, base64-encoded for the
 * request; the webview gets a data URL only to show it and draw predictions over it. */

export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'bmp', 'gif'] as const;

/** Larger files are refused: the request would be huge and most servers cap uploads. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', bmp: 'image/bmp', gif: 'image/gif' };

export interface LoadedImage {
  label: string;
  base64: string;
  mime: string;
  bytes: number;
}

export async function readImage(uri: vscode.Uri): Promise<{ ok: true; image: LoadedImage } | { ok: false; message: string }> {
  const label = path.posix.basename(uri.path);
  const extension = path.posix.extname(uri.path).slice(1).toLowerCase();
  const mime = MIME[extension];
  if (!mime) return { ok: false, message: `${label} is not an image this preview can send (${IMAGE_EXTENSIONS.join(', ')}).` };
  let bytes: Uint8Array;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_IMAGE_BYTES) return { ok: false, message: `${label} is ${(stat.size / 1024 / 1024).toFixed(1)} MB; images up to ${MAX_IMAGE_BYTES / 1024 / 1024} MB can be sent.` };
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    return { ok: false, message: `${label} could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  return { ok: true, image: { label, base64: Buffer.from(bytes).toString('base64'), mime, bytes: bytes.byteLength } };
}
