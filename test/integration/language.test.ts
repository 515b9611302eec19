import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, diagnosticsFor, openFixture, resetAllFixtures, setDocumentText, waitFor, writeFixture } from './helpers';

const WORKFLOW = `{
  "version": "1.0",
  "inputs": [
    { "type": "WorkflowImage", "name": "image" }
  ],
  "steps": [
    {
      "type": "roboflow_core/roboflow_object_detection_model@v2",
      "name": "det",
      "images": "$inputs.image",
      "model_id": "yolov8n-640"
    },
    {
      "type": "roboflow_core/dynamic_crop@v1",
      "name": "crop",
      "images": "$inputs.image",
      "predictions": "$steps.det.predictions"
    },
    {
      "type": "roboflow_core/continue_if@v1",
      "name": "gate",
      "condition_statement": { "type": "StatementGroup", "statements": [{ "type": "UnaryStatement", "operand": { "type": "StaticOperand", "value": true }, "operator": { "type": "(Boolean) is True" } }] },
      "evaluation_parameters": { "dets": "$steps.det.predictions" },
      "next_steps": ["$steps.crop"]
    }
  ],
  "outputs": [
    { "type": "JsonField", "name": "predictions", "selector": "$steps.det.predictions" },
    { "type": "JsonField", "name": "crops", "selector": "$steps.crop.crops" }
  ]
}
`;

async function openWorkflow(text = WORKFLOW): Promise<vscode.TextDocument> {
  writeFixture('language.workflow.json', text);
  const { doc } = await openFixture('language.workflow.json');
  // VS Code may hand back the model of the previous test's (reverted) editor: type the text in.
  if (doc.getText() !== text) await setDocumentText(doc, text);
  return doc;
}

/** Position `back` characters before the end of the `n`th occurrence of `marker`. */
function at(doc: vscode.TextDocument, marker: string, back = 0, n = 0): vscode.Position {
  let index = -1;
  for (let i = 0; i <= n; i++) index = doc.getText().indexOf(marker, index + 1);
  assert.ok(index >= 0, `no ${marker} in the document`);
  return doc.positionAt(index + marker.length - back);
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
const textAt = (doc: vscode.TextDocument, range: vscode.Range) => doc.getText(range);

suite('Language features: completion, navigation, rename, outline, links, one hover', () => {
  suiteSetup(activateExtension);
  teardown(async () => {
    await closeAllEditors();
    await resetAllFixtures();
  });

  test('completes block types (newest first, legacy names last) and inserts the chosen one', async () => {
    const doc = await openWorkflow(WORKFLOW.replace('"roboflow_core/dynamic_crop@v1"', '"object_detection"'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at(doc, '"object_detection'));
    const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Class).sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
    assert.deepStrictEqual(ours.map(labelOf), [
      'roboflow_core/roboflow_object_detection_model@v3',
      'roboflow_core/roboflow_object_detection_model@v2',
      'roboflow_core/roboflow_object_detection_model@v1',
      'ObjectDetectionModel',
      'RoboflowObjectDetectionModel',
    ]);
    assert.strictEqual(ours[0].detail, 'Object Detection Model');
    assert.deepStrictEqual(ours[3].tags, [vscode.CompletionItemTag.Deprecated]);
    const range = ours[0].range as vscode.Range;
    assert.strictEqual(textAt(doc, range), 'object_detection');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, range, String(ours[0].insertText));
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(doc.getText().includes('"type": "roboflow_core/roboflow_object_detection_model@v3",\n      "name": "crop"'));
  });

  test('completes a step\'s missing properties, required first, with a value snippet of the field\'s shape', async () => {
    const doc = await openWorkflow(WORKFLOW.replace('"model_id": "yolov8n-640"', '"confidence": 0.5,\n      ""'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at(doc, '"confidence": 0.5,\n      "'));
    const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Property).sort((a, b) => String(a.sortText).localeCompare(String(b.sortText)));
    assert.strictEqual(labelOf(ours[0]), 'model_id');
    assert.strictEqual(ours[0].detail, 'required');
    assert.ok(!ours.some((i) => ['images', 'image', 'confidence', 'name', 'type'].includes(labelOf(i))), ours.map(labelOf).join(', '));
    const iou = ours.find((i) => labelOf(i) === 'iou_threshold')!;
    assert.strictEqual((iou.insertText as vscode.SnippetString).value, '"iou_threshold": ${1:0.3}');
    assert.strictEqual(textAt(doc, iou.range as vscode.Range), '""');
    const editor = vscode.window.activeTextEditor!;
    assert.ok(await editor.insertSnippet(iou.insertText as vscode.SnippetString, iou.range as vscode.Range));
    assert.ok(doc.getText().includes('"confidence": 0.5,\n      "iou_threshold": 0.3\n'), doc.getText());
  });

  test('completes boolean values and selectors in a flow-control target', async () => {
    const doc = await openWorkflow(WORKFLOW.replace('"model_id": "yolov8n-640"', '"model_id": "yolov8n-640",\n      "class_agnostic_nms": '));
    const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at(doc, '"class_agnostic_nms": '));
    assert.deepStrictEqual(values.items.filter((i) => i.kind === vscode.CompletionItemKind.Value).map((i) => [labelOf(i), i.detail]), [['true', undefined], ['false', 'default']]);
    const targets = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at(doc, '"$steps.crop"', 1));
    assert.deepStrictEqual(targets.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference).map(labelOf), ['$steps.det', '$steps.crop']);
  });

  test('goes to the step a selector names, from a dict, a flow-control list and an output', async () => {
    const doc = await openWorkflow();
    for (const [marker, n] of [['"$steps.det.predictions"', 1], ['"$steps.crop"', 0], ['"$steps.crop.crops"', 0]] as const) {
      const links = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at(doc, marker, marker.length - 9, n));
      assert.strictEqual(links.length, 1, marker);
      const link = links[0] as vscode.LocationLink;
      const expected = marker.includes('crop') ? 'crop' : 'det';
      assert.strictEqual(textAt(doc, link.targetSelectionRange!), expected, marker);
      assert.strictEqual(textAt(doc, link.originSelectionRange!), expected, marker);
      assert.ok(textAt(doc, link.targetRange).startsWith('{\n      "type"'), marker);
    }
  });

  test('finds every reference of a step: its name and each selector, in steps, dicts and outputs', async () => {
    const doc = await openWorkflow();
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at(doc, '"name": "det', 1));
    assert.deepStrictEqual(locations.map((l) => [l.range.start.line, textAt(doc, l.range)]), [[8, 'det'], [16, 'det'], [22, 'det'], [27, 'det']]);
  });

  test('renames a step from a selector: the name and every selector change in one edit, keeping the output part', async () => {
    const doc = await openWorkflow();
    const position = at(doc, '"$steps.det.predictions"', 14, 2);
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', doc.uri, position);
    assert.strictEqual(prepared.placeholder, 'det');
    assert.strictEqual(textAt(doc, prepared.range), 'det');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, position, 'detector');
    assert.strictEqual(edit.get(doc.uri).length, 4);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.strictEqual(doc.getText(), WORKFLOW.replace('"name": "det"', '"name": "detector"').replaceAll('$steps.det.', '$steps.detector.'));
    // One undo puts every place back.
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === WORKFLOW, 5_000, 'one undo to restore the document');
  });

  test('refuses a name the selectors cannot reference and a name already taken, saying why', async () => {
    const doc = await openWorkflow();
    const position = at(doc, '"name": "det', 1);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, position, 'crop')),
      (error: Error) => error.message.includes('A step named `crop` already exists: step names must be unique.'),
    );
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, position, 'my det')),
      (error: Error) => error.message.includes('A step name may hold only letters, digits, `_` and `-`'),
    );
    assert.strictEqual(doc.getText(), WORKFLOW);
  });

  test('outlines Inputs, Steps (block name and version) and Outputs', async () => {
    const doc = await openWorkflow();
    // Ours alone: VS Code's JSON server would add a second outline of raw keys beside it.
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.deepStrictEqual(symbols.map((s) => [s.name, s.children.map((c) => `${c.name}: ${c.detail}`)]), [
      ['Inputs', ['image: WorkflowImage']],
      ['Steps', ['det: Object Detection Model · v2', 'crop: Dynamic Crop · v1', 'gate: Continue If · v1']],
      ['Outputs', ['predictions: $steps.det.predictions', 'crops: $steps.crop.crops']],
    ]);
    const det = symbols[1].children[0];
    assert.strictEqual(textAt(doc, det.selectionRange), '"det"');
    assert.strictEqual(det.range.start.line, 6);
    assert.strictEqual(det.range.end.line, 11);
  });

  test('folds, expands the selection and formats a workflow, as VS Code does for JSON', async () => {
    const doc = await openWorkflow();
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
    const lines = folds.map((f) => [f.start, f.end]).sort((a, b) => a[0] - b[0]);
    // The document, inputs, steps, each step, outputs: each from its opening line to the line
    // before its closing bracket. One-line objects (the input, the gate's dicts) do not fold.
    assert.deepStrictEqual(lines, [[0, 29], [2, 3], [5, 24], [6, 10], [12, 16], [18, 23], [26, 28]]);
    assert.strictEqual(doc.lineAt(5).text, '  "steps": [');
    assert.strictEqual(doc.lineAt(25).text, '  ],');

    const [selection] = await vscode.commands.executeCommand<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', doc.uri, [at(doc, '"yolov8n', 3)]);
    const chain: string[] = [];
    for (let r: vscode.SelectionRange | undefined = selection; r && chain.length < 12; r = r.parent) chain.push(textAt(doc, r.range));
    // The word (VS Code's own), then the string's content, the string, the property; later the step.
    assert.deepStrictEqual(chain.slice(0, 4), ['yolov8n', 'yolov8n-640', '"yolov8n-640"', '"model_id": "yolov8n-640"']);
    assert.ok(chain.some((text) => /^\{\n\s+"type": "roboflow_core\/roboflow_object_detection_model@v2",[^]*"model_id": "yolov8n-640"\n\s+\}$/.test(text)), `the step in ${JSON.stringify(chain)}`);

    await setDocumentText(doc, '{"version":"1.0","inputs":[{"type":"WorkflowImage","name":"image"}],"steps":[],"outputs":[]}');
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 2, insertSpaces: true });
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.strictEqual(doc.getText(), '{\n  "version": "1.0",\n  "inputs": [\n    {\n      "type": "WorkflowImage",\n      "name": "image"\n    }\n  ],\n  "steps": [],\n  "outputs": []\n}');
  });

  test('links each step\'s type to its block\'s documentation', async () => {
    const doc = await openWorkflow();
    // Targets are resolved when a link is hovered or followed, not for every step on every edit.
    const unresolved = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri, 0);
    assert.deepStrictEqual(unresolved.map((l) => [textAt(doc, l.range), l.target]), [
      ['roboflow_core/roboflow_object_detection_model@v2', undefined],
      ['roboflow_core/dynamic_crop@v1', undefined],
      ['roboflow_core/continue_if@v1', undefined],
    ]);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri, 10);
    const ours = links.filter((l) => l.target?.authority === 'inference.roboflow.com');
    assert.deepStrictEqual(ours.map((l) => [textAt(doc, l.range), l.target!.toString(true)]), [
      ['roboflow_core/roboflow_object_detection_model@v2', 'https://inference.roboflow.com/workflows/blocks/object_detection_model/'],
      ['roboflow_core/dynamic_crop@v1', 'https://inference.roboflow.com/workflows/blocks/dynamic_crop/'],
      ['roboflow_core/continue_if@v1', 'https://inference.roboflow.com/workflows/blocks/continue_if/'],
    ]);
  });

  test('one hover, ours, and nothing from the JSON server, which does not serve the workflow language', async () => {
    // A schema-level mistake (a string where a number goes) and a trailing comma.
    const text = WORKFLOW.replace('"model_id": "yolov8n-640"', '"model_id": "yolov8n-640",\n      "confidence": "high",');
    const doc = await openWorkflow(text);
    assert.strictEqual(doc.languageId, 'roboflow-workflow');
    const ours = await diagnosticsFor(doc.uri, 'roboflow-workflows', { atLeast: 2 });
    assert.ok(ours.some((d) => d.message.includes('confidence')), ours.map((d) => d.message).join('\n'));
    assert.ok(ours.some((d) => d.code === 'json-syntax' && /trailing comma/.test(d.message)), ours.map((d) => d.message).join('\n'));
    // The same text as plain JSON: the JSON server is running and reports the comma there...
    writeFixture('language-copy.json', text);
    const { doc: copy } = await openFixture('language-copy.json');
    assert.strictEqual(copy.languageId, 'json');
    await waitFor(() => vscode.languages.getDiagnostics(copy.uri).some((d) => d.source === 'json'), 20_000, 'the JSON server\'s syntax diagnostic on the plain JSON copy');
    // ...and has nothing on the workflow.
    assert.deepStrictEqual(vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source !== 'roboflow-workflows'), []);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, '"roboflow_core/roboflow_object_detection_model@v2"', 10));
    const contents = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
    assert.strictEqual(contents.length, 1, JSON.stringify(contents));
    assert.match(contents[0], /^\*\*Object Detection Model\*\* · `roboflow_core\/roboflow_object_detection_model@v2`/);
    const onProperty = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, '"model_id"', 3));
    const propertyTexts = onProperty.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
    assert.deepStrictEqual(propertyTexts, ['**model_id** (required) of Object Detection Model\n\nTakes a string, or a selector `$inputs.<name>` or `$steps.<step>.<output>` (kind roboflow_model_id).']);
  });
});
