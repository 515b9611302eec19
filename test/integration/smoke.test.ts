import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  EXTENSION_ID,
  activateExtension,
  fixtureSourceDir,
  fixtureUri,
  openFixture,
  resetFixture,
  setDocumentText,
  waitFor,
  workspaceDir,
} from './helpers';

describe('smoke', () => {
  it('the extension is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not found`);
    await activateExtension();
    assert.strictEqual(ext.isActive, true);
  });

  it('opens the throw-away copy of the fixture workspace, not the committed fixtures', () => {
    const dir = workspaceDir();
    assert.notStrictEqual(path.resolve(dir), path.resolve(fixtureSourceDir));
    assert.ok(fs.existsSync(path.join(dir, 'clean.workflow.json')));
  });

  it('opens a fixture file in an editor', async () => {
    const { doc, editor } = await openFixture('clean.workflow.json');
    assert.strictEqual(vscode.window.activeTextEditor, editor);
    assert.strictEqual(doc.uri.fsPath, fixtureUri('clean.workflow.json').fsPath);
    assert.strictEqual(doc.languageId, 'roboflow-workflow');
    const parsed = JSON.parse(doc.getText());
    assert.strictEqual(parsed.version, '1.0');
    assert.strictEqual(parsed.steps[0].name, 'det');
  });

  it('edits and saves a fixture, then resetFixture restores it', async () => {
    const { doc } = await openFixture('clean.workflow.json');
    const original = fs.readFileSync(path.join(fixtureSourceDir, 'clean.workflow.json'), 'utf8');
    await setDocumentText(doc, original.replace('"det"', '"detector"'));
    await doc.save();
    await waitFor(() => fs.readFileSync(doc.uri.fsPath, 'utf8').includes('"detector"'), 5_000, 'the saved edit on disk');
    assert.strictEqual(fs.readFileSync(path.join(fixtureSourceDir, 'clean.workflow.json'), 'utf8'), original, 'committed fixture modified');

    await resetFixture('clean.workflow.json');
    assert.strictEqual(doc.getText(), original);
    assert.strictEqual(doc.isDirty, false);
    assert.strictEqual(fs.readFileSync(doc.uri.fsPath, 'utf8'), original);
  });
});
