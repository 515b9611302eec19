import { promises as fs, constants } from 'fs';
import * as path from 'path';

/**
 * Which files a preview may read and send as an image. A repository can hold symbolic links
 * (`evil/cat.jpg -> ../../outside/secret-notes.txt`, `passwd.png -> /etc/passwd`), and a webview
 * message can name any path: the file's real path must lie inside a workspace folder's real path,
 * its size within the cap, and its first bytes must be those of an image format the server reads.
 */

/** Larger files are refused: the request would be huge and most servers cap uploads. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** Extensions the picker lists (the content decides the format, not the name). */
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'bmp', 'gif', 'tif', 'tiff'] as const;

export interface ImageFormat {
  mime: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'image/bmp' | 'image/tiff';
  name: string;
}

/** Bytes needed to recognise every format below. */
export const SNIFF_BYTES = 12;

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The image format of these first bytes (magic numbers), or undefined. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', name: 'JPEG' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', name: 'PNG' };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return { mime: 'image/gif', name: 'GIF' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return { mime: 'image/webp', name: 'WebP' };
  if (startsWith(bytes, ascii('BM')) && bytes.length >= 6) return { mime: 'image/bmp', name: 'BMP' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return { mime: 'image/tiff', name: 'TIFF' };
  return undefined;
}

/** True when `child` is `folder` itself (`relative` is '') or below it (both already real, absolute paths). */
export function isInsideFolder(child: string, folder: string): boolean {
  const relative = path.relative(folder, child);
  const leaves = relative === '..' || relative.startsWith(`..${path.sep}`);
  return !leaves && !path.isAbsolute(relative);
}

export type ImageFileCheck = { ok: true; realPath: string; bytes: number; format: ImageFormat } | { ok: false; message: string };
export type ImageFileRead = { ok: true; realPath: string; format: ImageFormat; data: Uint8Array } | { ok: false; message: string };

const OUTSIDE = 'only images inside a workspace folder can be sent (a symbolic link must not lead out of it). Copy the image into the workspace.';
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function realFolders(folders: readonly string[]): Promise<string[]> {
  const real: string[] = [];
  for (const folder of folders) {
    try {
      real.push(await fs.realpath(folder));
    } catch {
      // a folder that does not exist on disk holds no image
    }
  }
  return real;
}

/**
 * Opens the file at its real path (no symbolic link left to follow) if that lies in a workspace
 * folder, and reads at most `limit` bytes from it with its size; every refusal is a sentence.
 */
async function openInside(filePath: string, workspaceFolders: readonly string[], limit: number): Promise<{ ok: true; realPath: string; size: number; head: Uint8Array } | { ok: false; message: string }> {
  const label = path.basename(filePath);
  let realPath: string;
  try {
    realPath = await fs.realpath(filePath);
  } catch (err) {
    return { ok: false, message: `${label} could not be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).` };
  }
  const folders = await realFolders(workspaceFolders);
  if (!folders.some((folder) => isInsideFolder(realPath, folder))) return { ok: false, message: `${label} is outside the workspace folders: ${OUTSIDE}` };
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(realPath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, message: `${label} is not a file.` };
    if (stat.size > MAX_IMAGE_BYTES) return { ok: false, message: `${label} is ${megabytes(stat.size)}; images up to ${MAX_IMAGE_BYTES / 1024 / 1024} MB can be sent.` };
    const wanted = Math.min(limit, stat.size);
    const head = new Uint8Array(wanted);
    let read = 0;
    while (read < wanted) {
      const { bytesRead } = await handle.read(head, read, wanted - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { ok: true, realPath, size: stat.size, head: head.subarray(0, read) };
  } catch (err) {
    return { ok: false, message: `${label} could not be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).` };
  } finally {
    await handle?.close();
  }
}

function notAnImage(label: string): string {
  return `${label} is not an image: its content is not JPEG, PNG, GIF, WebP, BMP or TIFF.`;
}

/** Whether the file may be offered (reads only its first bytes): what the picker lists. */
export async function checkImageFile(filePath: string, workspaceFolders: readonly string[]): Promise<ImageFileCheck> {
  const opened = await openInside(filePath, workspaceFolders, SNIFF_BYTES);
  if (!opened.ok) return opened;
  const format = sniffImageFormat(opened.head);
  return format ? { ok: true, realPath: opened.realPath, bytes: opened.size, format } : { ok: false, message: notAnImage(path.basename(filePath)) };
}

/** The file's bytes, when it may be sent: inside a workspace folder, within the cap, an image. */
export async function readImageFile(filePath: string, workspaceFolders: readonly string[]): Promise<ImageFileRead> {
  const opened = await openInside(filePath, workspaceFolders, MAX_IMAGE_BYTES);
  if (!opened.ok) return opened;
  const format = sniffImageFormat(opened.head);
  if (!format) return { ok: false, message: notAnImage(path.basename(filePath)) };
  return { ok: true, realPath: opened.realPath, format, data: opened.head };
}

/** The same checks for bytes read without a file path (a virtual workspace's file system). */
export function checkImageBytes(label: string, data: Uint8Array): { ok: true; format: ImageFormat } | { ok: false; message: string } {
  if (data.byteLength > MAX_IMAGE_BYTES) return { ok: false, message: `${label} is ${megabytes(data.byteLength)}; images up to ${MAX_IMAGE_BYTES / 1024 / 1024} MB can be sent.` };
  const format = sniffImageFormat(data);
  return format ? { ok: true, format } : { ok: false, message: notAnImage(label) };
}
