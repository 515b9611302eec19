import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, diagnosticsFor, openFixture, resetAllFixtures, setDocumentText } from './helpers';

suite('Selector completions and hovers', () => {
  suiteSetup(activateExtension);
  teardown(async () => {
    await closeAllEditors();
    await resetAllFixtures();
  });

  test('typing `$steps.det.` in a field offers that step\'s outputs, fitting kinds first, and inserts the whole selector', async () => {
    const { doc, editor } = await openFixture('clean.workflow.json');
    // A visualization's `predictions` takes detections: of det's outputs only `predictions` fits.
    const viz = '{ "type": "roboflow_core/bounding_box_visualization@v1", "name": "viz", "image": "$inputs.image", "predictions": "$steps.det." }';
    await setDocumentText(doc, doc.getText().replace('"model_id": "yolov8n-640"\n    }', `"model_id": "yolov8n-640"\n    },\n    ${viz}`));
    const position = doc.positionAt(doc.getText().indexOf('"$steps.det."') + '"$steps.det.'.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '.');
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    // In the order the editor shows them before anything more is typed: by sortText.
    const ours = list.items.filter((i) => label(i).startsWith('$')).sort((a, b) => String(a.sortText ?? label(a)).localeCompare(String(b.sortText ?? label(b))));
    assert.deepStrictEqual(
      ours.map((i) => [label(i), i.tags?.includes(vscode.CompletionItemTag.Deprecated) ? 'struck through' : 'fits']),
      [
        ['$steps.det.predictions', 'fits'],
        ['$inputs.image', 'struck through'],
        ['$steps.det.inference_id', 'struck through'],
        ['$steps.det.model_id', 'struck through'],
      ],
    );
    const item = ours[0];
    assert.match(String(item.detail), /object_detection_prediction/);

    // Accepting it: the item's own text over the item's own range.
    const range = item.range as vscode.Range;
    assert.strictEqual(doc.getText(range), '$steps.det.', 'it replaces what was typed of the selector');
    editor.selection = new vscode.Selection(position, position);
    await editor.edit((b) => b.replace(range, String(item.insertText ?? label(item))));
    assert.ok(doc.getText().includes('"predictions": "$steps.det.predictions" }'), doc.getText());
  });

  test('hovering a selector says what it points at, and hovering a type describes the block', async () => {
    const { doc } = await openFixture('clean.workflow.json');
    const at = (marker: string) => doc.positionAt(doc.getText().indexOf(marker) + 3);
    const text = async (position: vscode.Position) => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    };
    assert.match(await text(at('"$steps.det.predictions"')), /Output \*\*predictions\*\* of step `det`.*object_detection_prediction/);
    assert.match(await text(at('"roboflow_core/roboflow_object_detection_model@v2"')), /\*\*Object Detection Model\*\*/);
  });

  test('hovering a selector with a typo says what is wrong and the nearest name, as the diagnostic does', async () => {
    const { doc } = await openFixture('clean.workflow.json');
    await setDocumentText(doc, doc.getText().replace('"images": "$inputs.image"', '"images": "$inputs.imgae"'));
    const [diagnostic] = (await diagnosticsFor(doc.uri, 'roboflow-workflows', { atLeast: 1 })).filter((d) => d.code === 'unknown-input');
    const message = '`images` of step `det` references `$inputs.imgae`, but there is no input named `imgae`. Did you mean `$inputs.image`?';
    assert.strictEqual(diagnostic.message, message);
    // On `$inputs.`, away from the squiggle on `imgae` (where VS Code shows the diagnostic itself).
    const position = doc.positionAt(doc.getText().indexOf('"$inputs.imgae"') + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
    const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
    assert.ok(texts.includes(message), JSON.stringify(texts));
  });

  test('inside a condition: an empty statement group is an error on its list, and a comparator\'s `type` offers the engine\'s comparators', async () => {
    const { doc } = await openFixture('clean.workflow.json');
    const gate = '{ "type": "roboflow_core/continue_if@v1", "name": "gate", "condition_statement": { "type": "StatementGroup", "statements": [] }, "evaluation_parameters": { "dets": "$steps.det.predictions" }, "next_steps": [] }';
    await setDocumentText(doc, doc.getText().replace('"model_id": "yolov8n-640"\n    }', `"model_id": "yolov8n-640"\n    },\n    ${gate}`));
    const empty = (await diagnosticsFor(doc.uri, 'roboflow-workflows', { atLeast: 1 })).find((d) => d.code === 'invalid-value');
    assert.strictEqual(empty?.message, '`statements` in `condition_statement` of Continue If step `gate` needs at least 1 item.');
    assert.strictEqual(doc.getText(empty.range), '[]');

    const statement = '{ "type": "BinaryStatement", "left_operand": { "type": "DynamicOperand", "operand_name": "dets" }, "comparator": { "type": "(Num" }, "right_operand": { "type": "StaticOperand", "value": 0 } }';
    await setDocumentText(doc, doc.getText().replace('"statements": []', `"statements": [${statement}]`));
    const position = doc.positionAt(doc.getText().indexOf('"(Num"') + '"(Num'.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    const comparators = list.items.map(label).filter((l) => l.startsWith('(Number)'));
    assert.deepStrictEqual(comparators.sort(), ['(Number) !=', '(Number) <', '(Number) <=', '(Number) ==', '(Number) >', '(Number) >=', '(Number) in range']);
  });
});
