// Shared helpers for integration tests running inside the extension host.
//
// The runner (test/run-integration.mjs) copies test/fixtures/workspace to .test-run/workspace and
// opens that copy, so tests may edit and save files freely; resetFixture()/resetAllFixtures()
// put the original content back (on disk and in open editors).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/vscode/sharing/testApi';

/** Repository root (this file is bundled to dist/test/integration/*.js). */
export const repoRoot = path.resolve(__dirname, '../../..');
/** Committed fixture workspace: never modified by tests. */
export const fixtureSourceDir = path.join(repoRoot, 'test/fixtures/workspace');
export const EXTENSION_ID = 'roboflow-workflows-community.roboflow-workflows';

/** Root folder of the workspace opened by the test run (the throw-away copy). */
export function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: run the suite through test/run-integration.mjs');
  return folder.uri.fsPath;
}

/** URI of a file in the run's workspace copy, e.g. fixtureUri('clean.workflow.json'). */
export function fixtureUri(relPath: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceDir(), relPath));
}

/** Activates the extension under test and returns it. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  await ext.activate();
  return ext;
}

/** Opens a workspace file and shows it in an editor. */
export async function openFixture(
  relPath: string,
  options: vscode.TextDocumentShowOptions = { preview: false },
): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  const uri = fixtureUri(relPath);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, options);
  // A document already open when a test rewrote its file shows the old text until VS Code notices
  // the change on disk, which can take seconds on a loaded machine: reload it from disk (Revert
  // File, on an unmodified document) until it shows what the test wrote.
  if (!doc.isDirty) {
    const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
    let lastReload = 0;
    await waitFor(
      async () => {
        if (doc.getText() === onDisk || doc.isDirty) return true;
        if (Date.now() - lastReload > 2_000) {
          lastReload = Date.now();
          if (vscode.window.activeTextEditor?.document !== doc) await vscode.window.showTextDocument(doc, options);
          await vscode.commands.executeCommand('workbench.action.files.revert');
        }
        return doc.getText() === onDisk || doc.isDirty;
      },
      30_000,
      `${relPath} to show what is on disk`,
    );
  }
  return { doc, editor };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls `predicate` (every 50 ms) until it returns a truthy value, which is returned.
 * Fails with `Timed out after N ms waiting for <what>` otherwise.
 */
export async function waitFor<T>(
  predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await sleep(50);
  }
}

export interface DiagnosticsOptions {
  /** Only for diagnostics that are not the workflow's own (the sharing file's, VS Code's JSON server's): they must
   * not change for this long (default 600 ms, above the 200 ms validation delay). */
  settleMs?: number;
  /** Overall limit (default 10 s). */
  timeoutMs?: number;
  /** Keep waiting until at least this many diagnostics are present (default 0). */
  atLeast?: number;
}

/** The source of the workflow diagnostics (src/vscode/convert.ts). */
const WORKFLOW_SOURCE = 'roboflow-workflows';

/** The extension's test API (what `activate` returns under ExtensionMode.Test). */
export async function extensionTestApi(): Promise<ExtensionTestApi> {
  const ext = await activateExtension();
  const api = ext.exports as ExtensionTestApi | undefined;
  assert.ok(api, 'the extension returned no test API: is it running under ExtensionMode.Test?');
  return api;
}

/**
 * Diagnostics of `uri` (only those whose `source` equals `source`, when given), with at least
 * `atLeast` of them. For an open document and the workflow's own diagnostics, they are read once the
 * extension has validated the document's current version: no quiet period, so a slow validation
 * of a big file cannot pass for "no diagnostics". The sharing file's diagnostics also depend on
 * another file, and other sources say nothing about what they judged: those are read once they have
 * not changed for `settleMs`.
 */
export async function diagnosticsFor(
  uri: vscode.Uri,
  source?: string,
  { settleMs = 600, timeoutMs = 10_000, atLeast = 0 }: DiagnosticsOptions = {},
): Promise<vscode.Diagnostic[]> {
  const read = () => vscode.languages.getDiagnostics(uri).filter((d) => source === undefined || d.source === source);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open && source === WORKFLOW_SOURCE && !uri.path.endsWith('.sharing.json')) {
    const api = await extensionTestApi();
    return waitFor(
      () => {
        const current = read();
        return !open.isClosed && api.diagnosedVersion(uri) === open.version && current.length >= atLeast && current;
      },
      timeoutMs,
      `${atLeast ? `at least ${atLeast} ` : ''}diagnostics of version ${open.version} of ${uri.fsPath} (diagnosed: ${api.diagnosedVersion(uri)}; now: ${JSON.stringify(read().map((d) => d.message))})`,
    );
  }
  return settledDiagnostics(uri, read, settleMs, timeoutMs, atLeast, source);
}

async function settledDiagnostics(uri: vscode.Uri, read: () => vscode.Diagnostic[], settleMs: number, timeoutMs: number, atLeast: number, source?: string): Promise<vscode.Diagnostic[]> {
  const key = (ds: vscode.Diagnostic[]) =>
    JSON.stringify(ds.map((d) => [d.message, d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]));
  const deadline = Date.now() + timeoutMs;
  let lastKey = key(read());
  let lastChange = Date.now();
  const sub = vscode.languages.onDidChangeDiagnostics((e) => {
    if (e.uris.some((u) => u.toString() === uri.toString())) lastChange = Date.now();
  });
  try {
    for (;;) {
      const current = read();
      const k = key(current);
      if (k !== lastKey) {
        lastKey = k;
        lastChange = Date.now();
      }
      if (Date.now() - lastChange >= settleMs && current.length >= atLeast) return current;
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out after ${timeoutMs} ms waiting for ${atLeast ? `at least ${atLeast} ` : ''}settled diagnostics` +
            `${source ? ` from "${source}"` : ''} on ${uri.fsPath}; last: ${k}`,
        );
      }
      await sleep(50);
    }
  } finally {
    sub.dispose();
  }
}

/** Replaces the whole text of an open document (unsaved edit, like typing). */
export async function setDocumentText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${doc.uri.fsPath}`);
}

/** Writes a file in the run's workspace copy (creating folders); returns its URI. */
export function writeFixture(relPath: string, content: string): vscode.Uri {
  const uri = fixtureUri(relPath);
  fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
  fs.writeFileSync(uri.fsPath, content);
  return uri;
}

/**
 * Restores one file of the run's workspace to the committed fixture content: open documents are
 * edited back and saved, closed ones rewritten on disk. Files that do not exist in the fixture are
 * deleted (and their open editors reverted and closed).
 */
export async function resetFixture(relPath: string): Promise<void> {
  const uri = fixtureUri(relPath);
  const source = path.join(fixtureSourceDir, relPath);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!fs.existsSync(source)) {
    if (open?.isDirty) {
      await vscode.window.showTextDocument(open);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    fs.rmSync(uri.fsPath, { force: true });
    return;
  }
  // Bytes, not text: a round trip through UTF-8 would corrupt binary fixtures (the JPEG).
  const bytes = fs.readFileSync(source);
  const original = bytes.toString('utf8');
  if (open && !open.isClosed) {
    // An edit made against a version that VS Code then reloads from disk (an earlier test wrote the
    // file) is refused as "changed in the meantime": look at the text again and retry.
    await waitFor(async () => {
      if (open.isClosed || open.getText() === original) return true;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(open.uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), original);
      await vscode.workspace.applyEdit(edit);
      return open.getText() === original;
    }, 10_000, `${relPath} to read as the fixture again`);
    if (open.isDirty) await open.save();
  }
  fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
  fs.writeFileSync(uri.fsPath, bytes);
}

/**
 * Restores the whole run workspace to the committed fixture: every fixture file is reset and every
 * extra file a test created is deleted.
 */
export async function resetAllFixtures(): Promise<void> {
  const root = workspaceDir();
  const wanted = new Set((fs.readdirSync(fixtureSourceDir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(fixtureSourceDir, f)).isFile()));
  const present = (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(root, f)).isFile());
  for (const f of new Set([...wanted, ...present])) await resetFixture(f);
}

/** Closes all editors (without saving: dirty editors are reverted). */
export async function closeAllEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && doc.uri.scheme === 'file') {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
