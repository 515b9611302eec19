// Which files a preview may send as an image (issue 8 item 5): real symbolic links in a temporary
// workspace, files that only pretend to be images, the 20 MB cap.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import { checkImageBytes, checkImageFile, isInsideFolder, MAX_IMAGE_BYTES, readImageFile, sniffImageFormat } from '../../src/core/preview/imageFile';
import { SAMPLE_JPEG_BASE64 } from '../support/sampleImage';

const JPEG = Buffer.from(SAMPLE_JPEG_BASE64, 'base64');
const OUTSIDE_MESSAGE = 'is outside the workspace folders: only images inside a workspace folder can be sent (a symbolic link must not lead out of it). Copy the image into the workspace.';

describe('preview images: magic numbers', () => {
  it('recognises JPEG, PNG, GIF, WebP, BMP and TIFF by their first bytes, and nothing else', () => {
    const cases: [string, number[] | string, string | undefined][] = [
      ['jpeg', [0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
      ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0], 'image/png'],
      ['gif87', 'GIF87a....', 'image/gif'],
      ['gif89', 'GIF89a....', 'image/gif'],
      ['webp', 'RIFF\x10\x00\x00\x00WEBPVP8 ', 'image/webp'],
      ['bmp', 'BM\x36\x00\x00\x00', 'image/bmp'],
      ['tiff le', [0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0], 'image/tiff'],
      ['tiff be', [0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8], 'image/tiff'],
      ['text', 'root:x:0:0:root:/root:/bin/bash', undefined],
      ['riff wave', 'RIFF\x10\x00\x00\x00WAVEfmt ', undefined],
      ['webp without riff', 'RIFX\x10\x00\x00\x00WEBPVP8 ', undefined],
      ['two letters BM', 'BM', undefined],
      ['truncated bmp', 'BM\x36\x00\x00', undefined],
      ['svg', '<svg xmlns="http://www.w3.org/2000/svg"/>', undefined],
      ['truncated png', [0x89, 0x50, 0x4e], undefined],
      ['empty', [], undefined],
    ];
    for (const [name, bytes, mime] of cases) {
      const data = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Uint8Array.from(bytes);
      assert.equal(sniffImageFormat(data)?.mime, mime, name);
    }
    assert.equal(sniffImageFormat(JPEG)?.mime, 'image/jpeg');
  });

  it('compares real paths by folder, not by prefix', () => {
    assert.ok(isInsideFolder('/w/a/b.jpg', '/w'));
    assert.ok(isInsideFolder('/w', '/w'));
    assert.ok(!isInsideFolder('/w2/b.jpg', '/w'));
    assert.ok(!isInsideFolder('/b.jpg', '/w'));
    assert.ok(isInsideFolder('/w/..x/b.jpg', '/w'));
    assert.equal(isInsideFolder('/w', '/w/a'), false, 'the folder above a workspace folder is outside it');
  });

  it('names each format as the panel shows it', () => {
    const formats = [
      [[0xff, 0xd8, 0xff, 0xe0], { mime: 'image/jpeg', name: 'JPEG' }],
      [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], { mime: 'image/png', name: 'PNG' }],
      ['GIF89a', { mime: 'image/gif', name: 'GIF' }],
      ['RIFF\x10\x00\x00\x00WEBP', { mime: 'image/webp', name: 'WebP' }],
      ['BM\x36\x00\x00\x00', { mime: 'image/bmp', name: 'BMP' }],
      [[0x4d, 0x4d, 0x00, 0x2a], { mime: 'image/tiff', name: 'TIFF' }],
    ] as const;
    for (const [bytes, format] of formats) {
      const data = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Uint8Array.from(bytes);
      assert.deepEqual(sniffImageFormat(data), format);
    }
  });

  it('checks bytes read without a path (a virtual workspace) by content and by the 20 MB cap', () => {
    assert.deepEqual(checkImageBytes('cat.jpg', JPEG), { ok: true, format: { mime: 'image/jpeg', name: 'JPEG' } });
    assert.deepEqual(checkImageBytes('notes.png', Buffer.from('not an image at all')), { ok: false, message: 'notes.png is not an image: its content is not JPEG, PNG, GIF, WebP, BMP or TIFF.' });
    const atCap = new Uint8Array(MAX_IMAGE_BYTES);
    atCap.set(JPEG.subarray(0, 4));
    assert.deepEqual(checkImageBytes('cap.jpg', atCap), { ok: true, format: { mime: 'image/jpeg', name: 'JPEG' } }, 'exactly 20 MB may be sent');
    const overCap = new Uint8Array(MAX_IMAGE_BYTES + 1);
    overCap.set(JPEG.subarray(0, 4));
    assert.deepEqual(checkImageBytes('big.jpg', overCap), { ok: false, message: 'big.jpg is 20.0 MB; images up to 20 MB can be sent.' });
  });
});

describe('preview images: files in a workspace with symbolic links', () => {
  let root: string;
  let workspace: string;

  before(function () {
    if (process.platform === 'win32') this.skip(); // symbolic links need privileges there
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-images-'));
    workspace = path.join(root, 'repo', 'workspace');
    fs.mkdirSync(path.join(workspace, 'evil'), { recursive: true });
    fs.mkdirSync(path.join(root, 'outside'));
    fs.writeFileSync(path.join(root, 'outside', 'secret-notes.txt'), 'my bank password is hunter2');
    fs.writeFileSync(path.join(root, 'outside', 'real.jpg'), JPEG);
    fs.writeFileSync(path.join(workspace, 'cat.jpg'), JPEG);
    fs.writeFileSync(path.join(workspace, 'notes.png'), 'not an image at all');
    fs.symlinkSync('../../../outside/secret-notes.txt', path.join(workspace, 'evil', 'cat.jpg'));
    fs.symlinkSync('../../outside/real.jpg', path.join(workspace, 'outside-image.jpg'));
    fs.symlinkSync('/etc/passwd', path.join(workspace, 'passwd.png'));
    fs.symlinkSync('cat.jpg', path.join(workspace, 'alias.jpg'));
    fs.mkdirSync(path.join(workspace, 'folder.jpg'));
    // 20 MB and one byte, sparse: a JPEG header, then nothing.
    const big = path.join(workspace, 'big.jpg');
    fs.writeFileSync(big, JPEG.subarray(0, 4));
    fs.truncateSync(big, MAX_IMAGE_BYTES + 1);
    // The workspace folder opened through a link of its own.
    fs.symlinkSync(workspace, path.join(root, 'linked-workspace'));
  });

  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('reads an image inside the workspace, directly or through a link that stays inside', async () => {
    for (const name of ['cat.jpg', 'alias.jpg']) {
      const read = await readImageFile(path.join(workspace, name), [workspace]);
      assert.ok(read.ok, name);
      assert.equal(read.format.mime, 'image/jpeg');
      assert.deepEqual(Buffer.from(read.data), JPEG);
      assert.equal(read.realPath, fs.realpathSync(path.join(workspace, 'cat.jpg')));
    }
    const checked = await checkImageFile(path.join(workspace, 'cat.jpg'), [workspace]);
    assert.deepEqual(checked.ok && [checked.bytes, checked.format.name], [JPEG.byteLength, 'JPEG']);
    // Through the folder's own link, either way round.
    assert.equal((await readImageFile(path.join(root, 'linked-workspace', 'cat.jpg'), [workspace])).ok, true);
    assert.equal((await readImageFile(path.join(workspace, 'cat.jpg'), [path.join(root, 'linked-workspace')])).ok, true);
  });

  it('refuses links that lead out of the workspace, even to a real image, and never reads them', async () => {
    for (const name of ['evil/cat.jpg', 'passwd.png', 'outside-image.jpg']) {
      for (const check of [readImageFile, checkImageFile]) {
        const result = await check(path.join(workspace, name), [workspace]);
        assert.deepEqual(result, { ok: false, message: `${path.basename(name)} ${OUTSIDE_MESSAGE}` }, name);
      }
    }
    // A path that simply is elsewhere (what a message could name).
    assert.deepEqual(await readImageFile('/etc/passwd', [workspace]), { ok: false, message: `passwd ${OUTSIDE_MESSAGE}` });
    assert.deepEqual(await readImageFile(path.join(workspace, '..', '..', 'outside', 'real.jpg'), [workspace]), { ok: false, message: `real.jpg ${OUTSIDE_MESSAGE}` });
    assert.deepEqual(await readImageFile(path.join(workspace, 'cat.jpg'), []), { ok: false, message: `cat.jpg ${OUTSIDE_MESSAGE}` });
  });

  it('refuses what is not an image whatever its name, folders, missing files and files over 20 MB', async () => {
    assert.deepEqual(await readImageFile(path.join(workspace, 'notes.png'), [workspace]), { ok: false, message: 'notes.png is not an image: its content is not JPEG, PNG, GIF, WebP, BMP or TIFF.' });
    assert.deepEqual(await checkImageFile(path.join(workspace, 'folder.jpg'), [workspace]), { ok: false, message: 'folder.jpg is not a file.' });
    assert.deepEqual(await checkImageFile(path.join(workspace, 'gone.jpg'), [workspace]), { ok: false, message: 'gone.jpg could not be read (ENOENT).' });
    assert.deepEqual(await readImageFile(path.join(workspace, 'big.jpg'), [workspace]), { ok: false, message: 'big.jpg is 20.0 MB; images up to 20 MB can be sent.' });
  });
});

describe('preview images: how a file is opened and read', () => {
  let workspace: string;
  let restore: (() => void)[];

  /** Replaces one of `fs.promises`' functions (which imageFile.ts calls) until the test ends. */
  function replace<K extends 'open' | 'realpath'>(name: K, replacement: (typeof fs.promises)[K]): void {
    const original = fs.promises[name];
    Object.assign(fs.promises, { [name]: replacement });
    restore.push(() => Object.assign(fs.promises, { [name]: original }));
  }

  interface Opened {
    handle: FileHandle;
    /** What each read returned. */
    bytesRead: number[];
  }

  /**
   * Records every file opened and what each read returns. `firstReadAtMost`: the first read returns
   * at most that many bytes, as reads from pipes and network file systems may. `afterStat`: runs
   * once the size is known (to change the file behind the reader's back).
   */
  function watchOpens(options: { firstReadAtMost?: number; afterStat?: () => void } = {}): Opened[] {
    const opened: Opened[] = [];
    const open = fs.promises.open;
    replace('open', async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      const file: Opened = { handle, bytesRead: [] };
      opened.push(file);
      const read = handle.read.bind(handle) as (buffer: Uint8Array, offset: number, length: number, position: number) => Promise<{ bytesRead: number }>;
      const stat = handle.stat.bind(handle);
      Object.assign(handle, {
        read: async (buffer: Uint8Array, offset: number, length: number, position: number) => {
          const first = file.bytesRead.length === 0 && options.firstReadAtMost !== undefined;
          const result = await read(buffer, offset, first ? Math.min(length, options.firstReadAtMost!) : length, position);
          file.bytesRead.push(result.bytesRead);
          return result;
        },
        stat: async () => {
          const stats = await stat();
          options.afterStat?.();
          return stats;
        },
      });
      return handle;
    });
    return opened;
  }

  const total = (file: Opened) => file.bytesRead.reduce((a, b) => a + b, 0);

  beforeEach(function () {
    if (process.platform === 'win32') this.skip(); // symbolic links need privileges there
    restore = [];
    workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rf-image-reads-')));
    fs.writeFileSync(path.join(workspace, 'cat.jpg'), JPEG);
  });

  afterEach(() => {
    for (const undo of (restore ?? []).reverse()) undo();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('checks a file by its first 12 bytes only', async () => {
    const opened = watchOpens();
    assert.deepEqual(await checkImageFile(path.join(workspace, 'cat.jpg'), [workspace]), {
      ok: true,
      realPath: path.join(workspace, 'cat.jpg'),
      bytes: JPEG.byteLength,
      format: { mime: 'image/jpeg', name: 'JPEG' },
    });
    assert.deepEqual(opened.map(total), [12]);
  });

  it('accepts a file of exactly 20 MB', async () => {
    const cap = path.join(workspace, 'cap.jpg');
    fs.writeFileSync(cap, JPEG.subarray(0, 4));
    fs.truncateSync(cap, MAX_IMAGE_BYTES);
    const checked = await checkImageFile(cap, [workspace]);
    assert.deepEqual(checked.ok && [checked.bytes, checked.format.name], [MAX_IMAGE_BYTES, 'JPEG']);
  });

  it('reads the whole file when the first read returns only part of it', async () => {
    const opened = watchOpens({ firstReadAtMost: 5 });
    const read = await readImageFile(path.join(workspace, 'cat.jpg'), [workspace]);
    assert.ok(read.ok, !read.ok ? read.message : '');
    assert.deepEqual(Buffer.from(read.data), JPEG);
    assert.equal(opened[0].bytesRead[0], 5, 'the first read was short');
  });

  it('reads a file that shrinks while it is read up to its new end', async () => {
    const file = path.join(workspace, 'cat.jpg');
    watchOpens({ afterStat: () => fs.truncateSync(file, 4) });
    const read = await readImageFile(file, [workspace]);
    assert.ok(read.ok, !read.ok ? read.message : '');
    assert.deepEqual(Buffer.from(read.data), JPEG.subarray(0, 4));
  });

  it('closes every file it opens, whether it sends it or refuses it', async () => {
    fs.mkdirSync(path.join(workspace, 'folder.jpg'));
    fs.writeFileSync(path.join(workspace, 'notes.png'), 'not an image at all');
    const big = path.join(workspace, 'big.jpg');
    fs.writeFileSync(big, JPEG.subarray(0, 4));
    fs.truncateSync(big, MAX_IMAGE_BYTES + 1);
    const opened = watchOpens();
    const results = [
      await checkImageFile(path.join(workspace, 'cat.jpg'), [workspace]),
      await readImageFile(path.join(workspace, 'cat.jpg'), [workspace]),
      await readImageFile(path.join(workspace, 'folder.jpg'), [workspace]),
      await readImageFile(path.join(workspace, 'notes.png'), [workspace]),
      await readImageFile(big, [workspace]),
    ];
    assert.deepEqual(results.map((r) => r.ok), [true, true, false, false, false]);
    assert.equal(opened.length, 5);
    assert.deepEqual(opened.map((file) => file.handle.fd), [-1, -1, -1, -1, -1], 'a closed handle has no descriptor');
  });

  it('does not follow a symbolic link put in place after the real path was resolved', async () => {
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rf-image-outside-')));
    restore.push(() => fs.rmSync(outside, { recursive: true, force: true }));
    fs.writeFileSync(path.join(outside, 'real.jpg'), JPEG);
    const swapped = path.join(workspace, 'swapped.jpg');
    fs.symlinkSync(path.join(outside, 'real.jpg'), swapped);
    // The file was a plain file when its real path was resolved; a link replaced it before it was opened.
    const realpath = fs.promises.realpath;
    replace('realpath', ((target: string, ...rest: []) => (target === swapped ? Promise.resolve(swapped) : realpath(target, ...rest))) as typeof realpath);
    assert.deepEqual(await readImageFile(swapped, [workspace]), { ok: false, message: 'swapped.jpg could not be read (ELOOP).' });
  });
});
