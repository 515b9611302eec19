import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, diagnosticsFor, openFixture, resetAllFixtures, setDocumentText, waitFor, writeFixture } from './helpers';

const SOURCE = 'roboflow-workflows';

function summary(d: vscode.Diagnostic): string {
  return `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`;
}

function underlined(doc: vscode.TextDocument, d: vscode.Diagnostic): string {
  return doc.getText(d.range);
}

suite('Diagnostics in the editor', () => {
  suiteSetup(activateExtension);
  teardown(async () => {
    await closeAllEditors();
    await resetAllFixtures();
  });

  test('a clean workflow has no diagnostics from us', async () => {
    const { doc } = await openFixture('clean.workflow.json');
    assert.deepStrictEqual(await diagnosticsFor(doc.uri, SOURCE), []);
  });

  test('mistakes get precise diagnostics with codes, severities and ranges', async () => {
    const { doc } = await openFixture('mistakes.workflow.json');
    const diagnostics = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 3 });
    const byCode = new Map(diagnostics.map((d) => [String(d.code), d]));
    const unknownType = byCode.get('unknown-block-type')!;
    assert.ok(unknownType, `got ${diagnostics.map(summary).join(', ')}`);
    assert.strictEqual(unknownType.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(underlined(doc, unknownType), '"roboflow_core/roboflow_object_detection_modle@v2"');
    assert.match(unknownType.message, /Did you mean `roboflow_core\/roboflow_object_detection_model@v2`/);

    const unknownInput = byCode.get('unknown-input')!;
    assert.strictEqual(underlined(doc, unknownInput), 'imgae');

    const typo = byCode.get('unknown-property')!;
    assert.strictEqual(typo.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(underlined(doc, typo), '"confidance"');

    const unused = byCode.get('unused-input')!;
    assert.strictEqual(unused.severity, vscode.DiagnosticSeverity.Hint);
    assert.deepStrictEqual(unused.tags, [vscode.DiagnosticTag.Unnecessary]);
  });

  test('typing in a step\'s value updates its diagnostics keystroke by keystroke, placed where the text now is', async () => {
    const { doc } = await openFixture('clean.workflow.json');
    await setDocumentText(doc, doc.getText().replace('"model_id": "yolov8n-640"', '"model_id": "yolov8n-640",\n      "confidence": 0.4'));
    assert.deepStrictEqual(await diagnosticsFor(doc.uri, SOURCE), []);
    // One character at a time, as typed: each edit changes one literal of one step.
    const type = async (at: number, length: number, text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + length)), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    const value = doc.getText().indexOf('0.4');
    await type(value, 1, '1');
    const invalid = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    assert.deepStrictEqual(invalid.map((d) => [d.code, underlined(doc, d)]), [['invalid-value', '1.4']]);
    await type(value + 3, 0, '5');
    const longer = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    assert.deepStrictEqual(longer.map((d) => [d.code, underlined(doc, d)]), [['invalid-value', '1.45']]);
    await type(value, 1, '0');
    assert.deepStrictEqual(await diagnosticsFor(doc.uri, SOURCE), []);
  });

  test('a quick fix applies one undoable edit and the diagnostic goes away', async () => {
    const { doc } = await openFixture('mistakes.workflow.json');
    const before = doc.getText();
    const diagnostics = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 3 });
    const unknownInput = diagnostics.find((d) => d.code === 'unknown-input')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, unknownInput.range);
    const fix = actions.find((a) => a.title === 'Change to image');
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(doc.getText(), before.replace('$inputs.imgae', '$inputs.image'));
    const after = await diagnosticsFor(doc.uri, SOURCE);
    assert.ok(!after.some((d) => d.code === 'unknown-input'), `still: ${after.map(summary).join(', ')}`);

    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before);
  });

  test('the nearest-type fix replaces the type and every cascade clears', async () => {
    const { doc } = await openFixture('mistakes.workflow.json');
    const diagnostics = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 3 });
    const unknownType = diagnostics.find((d) => d.code === 'unknown-block-type')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, unknownType.range);
    const preferred = actions.find((a) => a.isPreferred);
    assert.strictEqual(preferred?.title, 'Change to roboflow_core/roboflow_object_detection_model@v2');
    assert.ok(await vscode.workspace.applyEdit(preferred!.edit!));
    const after = await diagnosticsFor(doc.uri, SOURCE);
    assert.ok(!after.some((d) => d.code === 'unknown-block-type'));
  });

  test('diagnostics follow edits as you type', async () => {
    const { doc } = await openFixture('clean.workflow.json');
    assert.deepStrictEqual(await diagnosticsFor(doc.uri, SOURCE), []);
    await setDocumentText(doc, doc.getText().replace('"$steps.det.predictions"', '"$steps.det.predictionz"'));
    const broken = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    assert.deepStrictEqual(broken.map((d) => d.code), ['unknown-step-output']);
    assert.strictEqual(underlined(doc, broken[0]), 'predictionz');
    await setDocumentText(doc, doc.getText().replace('predictionz', 'predictions'));
    assert.deepStrictEqual(await diagnosticsFor(doc.uri, SOURCE), []);
  });

  test('syntax errors (comments, trailing commas) are reported with ranges', async () => {
    const { doc } = await openFixture('clean.workflow.json');
    await setDocumentText(doc, doc.getText().replace('"version": "1.0",', '"version": "1.0", // pinned'));
    const diagnostics = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    const comment = diagnostics.find((d) => d.code === 'json-comment')!;
    assert.strictEqual(underlined(doc, comment), '// pinned');
  });

  test('a JSON file is recognised as a workflow by its content, and other JSON is never touched', async () => {
    const { doc } = await openFixture('detected/pipeline.json');
    const diagnostics = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    assert.deepStrictEqual(diagnostics.map((d) => d.code), ['unknown-step-output']);
    const other = await openFixture('not-a-workflow.json');
    assert.deepStrictEqual(await diagnosticsFor(other.doc.uri, SOURCE), []);
  });

  test('diagnostics are cleared when a document stops being a workflow', async () => {
    const { doc } = await openFixture('detected/pipeline.json');
    await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    await setDocumentText(doc, '{ "name": "no longer a workflow", "steps": 3 }');
    assert.deepStrictEqual(await diagnosticsFor(doc.uri, SOURCE), []);
  });
});

suite('Diagnostics on bad input', () => {
  suiteSetup(activateExtension);
  teardown(async () => {
    await closeAllEditors();
    await resetAllFixtures();
  });

  test('a 10 MB workflow is validated and its one mistake found, without stalling the editor', async function () {
    this.timeout(120_000);
    const step = (i: number) => `    { "type": "roboflow_core/roboflow_object_detection_model@v2", "name": "det${i}", "images": "$inputs.image", "model_id": "yolov8n-640", "class_filter": ["${'x'.repeat(420)}"] }`;
    const steps = Array.from({ length: 20_000 }, (_, i) => step(i));
    const text = `{\n  "version": "1.0",\n  "inputs": [{ "type": "WorkflowImage", "name": "image" }],\n  "steps": [\n${steps.join(',\n')}\n  ],\n  "outputs": [{ "type": "JsonField", "name": "p", "selector": "$steps.det19999.predictionz" }]\n}\n`;
    assert.ok(text.length > 10_000_000);
    writeFixture('huge.workflow.json', text);
    const started = Date.now();
    const { doc } = await openFixture('huge.workflow.json');
    const diagnostics = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1, timeoutMs: 60_000 });
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(errors.map((d) => d.code), ['unknown-step-output']);
    console.log(`[huge] 10 MB workflow: diagnostics after ${Date.now() - started} ms`);
    // Our providers still answer promptly (the analysis is cached per document version). The first
    // request waits behind what opening the file asked of the extension host (outline and links of
    // 20,000 steps: about 1 s and 1.3 s here); the second measures a lens request itself (about
    // 0.1–0.3 s unloaded), against a margin twenty times that.
    await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
    const linksAsked = Date.now();
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri, 0);
    console.log(`[huge] ${links.length} document links after ${Date.now() - linksAsked} ms`);
    const symbolsAsked = Date.now();
    await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', doc.uri);
    console.log(`[huge] outline after ${Date.now() - symbolsAsked} ms`);
    const ping = Date.now();
    await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
    console.log(`[huge] code lenses after ${Date.now() - ping} ms`);
    assert.ok(Date.now() - ping < 5_000, `code lenses took ${Date.now() - ping} ms`);
  });

  test('malformed JSON gets syntax diagnostics and no crash; fixing it restores the checks', async () => {
    const { doc } = await openFixture('clean.workflow.json');
    await setDocumentText(doc, doc.getText().replace('"name": "det",', '"name": "det" "oops",'));
    const broken = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    const syntax = broken.find((d) => d.code === 'json-syntax');
    assert.ok(syntax, broken.map((d) => d.code).join(', '));
    assert.strictEqual(syntax.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(syntax.range.start.line, doc.positionAt(doc.getText().indexOf('"oops"')).line);
    await setDocumentText(doc, doc.getText().replace('"name": "det" "oops",', '"name": "det",'));
    assert.deepStrictEqual(await diagnosticsFor(doc.uri, SOURCE), []);
  });
});

suite('Diagnostics settings', () => {
  suiteSetup(activateExtension);
  teardown(async () => {
    const config = vscode.workspace.getConfiguration('roboflowWorkflows');
    await config.update('workflowGlobs', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('validationDelay', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
    await resetAllFixtures();
  });

  test('workflowGlobs: a JSON file that does not read like a workflow is validated once a glob names it, and left alone again without it', async () => {
    // No `steps` yet: a draft that detection by content does not recognise.
    writeFixture('drafts/pipeline.json', '{\n  "version": "1.0",\n  "inputs": [{ "type": "WorkflowImage", "name": "image" }],\n  "outputs": []\n}\n');
    const { doc } = await openFixture('drafts/pipeline.json');
    assert.deepStrictEqual(await diagnosticsFor(doc.uri, SOURCE), []);
    const config = vscode.workspace.getConfiguration('roboflowWorkflows');
    await config.update('workflowGlobs', ['**/drafts/*.json'], vscode.ConfigurationTarget.Workspace);
    const named = await waitFor(async () => {
      const now = await diagnosticsFor(doc.uri, SOURCE);
      return now.length > 0 && now;
    }, 10_000, 'diagnostics once the glob names the file');
    assert.ok(named.some((d) => d.message.includes('steps')), `got ${named.map(summary).join(', ')}`);
    await config.update('workflowGlobs', undefined, vscode.ConfigurationTarget.Workspace);
    await waitFor(async () => (await diagnosticsFor(doc.uri, SOURCE)).length === 0, 10_000, 'the diagnostics to go with the glob');
  });

  test('validationDelay: validation waits that long after an edit', async () => {
    const { doc } = await openFixture('clean.workflow.json');
    assert.deepStrictEqual(await diagnosticsFor(doc.uri, SOURCE), []);
    await vscode.workspace.getConfiguration('roboflowWorkflows').update('validationDelay', 1_500, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => vscode.workspace.getConfiguration('roboflowWorkflows').get('validationDelay') === 1_500, 5_000, 'the setting');
    const edited = Date.now();
    await setDocumentText(doc, doc.getText().replace('"$steps.det.predictions"', '"$steps.det.predictionz"'));
    const broken = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    const waited = Date.now() - edited;
    assert.deepStrictEqual(broken.map((d) => d.code), ['unknown-step-output']);
    // A timer never fires early: with the 200 ms default this would come well before 1.5 s.
    assert.ok(waited >= 1_500, `validated ${waited} ms after the edit`);
  });
});
