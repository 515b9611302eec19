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
    await setDocumentText(doc, doc.getText().replace('"selector": "$steps.det.predictions"', '"selector": "$steps.det."'));
    const position = doc.positionAt(doc.getText().indexOf('"$steps.det."') + '"$steps.det.'.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, '.');
    const ours = list.items.filter((i) => String(typeof i.label === 'string' ? i.label : i.label.label).startsWith('$'));
    const labels = ours.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('$steps.det.predictions'), labels.join(', '));
    assert.ok(labels.includes('$steps.det.*'), 'workflow outputs may take all of a step\'s outputs');
    const item = ours.find((i) => i.label === '$steps.det.predictions')!;
    assert.match(String(item.detail), /object_detection_prediction/);

    editor.selection = new vscode.Selection(position, position);
    const range = item.range as vscode.Range;
    await editor.edit((b) => b.replace(range, '$steps.det.predictions'));
    assert.ok(doc.getText().includes('"selector": "$steps.det.predictions"'));
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
});
