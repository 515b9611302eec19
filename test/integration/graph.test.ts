// The workflow graph in the real extension host (issue 9 §2): the command opens the panel beside
// the editor, the host posts the graph of the workflow, follows the cursor and edits, reveals a
// clicked node, saves an exported SVG, and ignores malformed messages.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GraphHostMessage, GraphView } from '../../src/protocol/graph';
import type { GraphPanel } from '../../src/vscode/graph/graphPanel';
import type { GraphTestApi } from '../../src/vscode/graph/testApi';
import { activateExtension, closeAllEditors, fixtureUri, openFixture, resetFixture, setDocumentText, waitFor } from './helpers';

const GRAPH_TEST_COMMAND = 'roboflowWorkflows.test.graphApi';
const FIXTURE = 'graph/gated.workflow.json';

let api: GraphTestApi;

function lastOf<T extends GraphHostMessage['type']>(panel: GraphPanel, type: T): Extract<GraphHostMessage, { type: T }> | undefined {
  return [...panel.posted].reverse().find((m): m is Extract<GraphHostMessage, { type: T }> => m.type === type);
}

function graphOf(panel: GraphPanel): GraphView | undefined {
  return lastOf(panel, 'graph')?.view;
}

suite('Workflow graph', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    await activateExtension();
    api = (await vscode.commands.executeCommand(GRAPH_TEST_COMMAND)) as GraphTestApi;
  });

  teardown(async () => {
    api.closeAll();
    api.setPrompts({});
    await closeAllEditors();
    await resetFixture(FIXTURE);
  });

  test('the command opens the graph beside the editor and the host posts the workflow’s graph', async () => {
    const { editor } = await openFixture(FIXTURE);
    const result = (await vscode.commands.executeCommand('roboflowWorkflows.showGraph')) as { opened: boolean };
    assert.deepStrictEqual(result, { opened: true });
    const panel = api.panel(fixtureUri(FIXTURE));
    assert.ok(panel, 'a graph panel for the active workflow');
    assert.strictEqual(panel.panel.title, 'Graph gated.workflow.json');
    assert.notStrictEqual(panel.panel.viewColumn, editor.viewColumn, 'beside the editor');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), fixtureUri(FIXTURE).toString(), 'the editor keeps the focus');
    const view = await waitFor(() => graphOf(panel), 20_000, 'a graph message');
    assert.strictEqual(view.fileName, 'graph/gated.workflow.json');
    assert.deepStrictEqual(
      view.graph.nodes.map((n) => [n.id, n.title, n.privateModel, n.credential, n.errors]),
      [
        ['input:0', 'image', false, false, 0],
        ['input:1', 'openai_key', false, false, 0],
        ['step:0', 'Object Detection Model', true, false, 0],
        ['step:1', 'Continue If', false, false, 0],
        ['step:2', 'OpenAI', false, true, 0],
        ['output:0', 'predictions', false, false, 0],
        ['output:1', 'text', false, false, 0],
        ['output:2', 'missing', false, false, 1],
      ],
    );
    assert.deepStrictEqual(view.graph.edges.filter((e) => e.kind === 'flow'), [{ from: 'step:1', to: 'step:2', kind: 'flow', label: 'next_steps' }]);
    // The real webview loaded its bundle under the CSP and said `ready`: the host answered it.
    await waitFor(() => lastOf(panel, 'run'), 20_000, 'the answer to the webview’s ready (run status)');
    assert.deepStrictEqual(panel.rejected, []);
  });

  test('the step under the cursor is highlighted, and an edit re-draws the graph', async () => {
    const { doc, editor } = await openFixture(FIXTURE);
    await vscode.commands.executeCommand('roboflowWorkflows.showGraph');
    const panel = api.panel(fixtureUri(FIXTURE))!;
    await waitFor(() => graphOf(panel), 20_000, 'a graph message');
    const at = doc.positionAt(doc.getText().indexOf('"next_steps"'));
    editor.selection = new vscode.Selection(at, at);
    await waitFor(() => lastOf(panel, 'cursor')?.node === 'step:1', 5_000, 'the cursor on step gate');
    const top = doc.positionAt(doc.getText().indexOf('"version"'));
    editor.selection = new vscode.Selection(top, top);
    await waitFor(() => lastOf(panel, 'cursor')?.node === null, 5_000, 'no node under the cursor');

    await setDocumentText(doc, doc.getText().replace('"name": "describe"', '"name": "caption"'));
    const redrawn = await waitFor(() => graphOf(panel)?.graph.nodes.find((n) => n.id === 'step:2' && n.name === 'caption') && graphOf(panel), 10_000, 'the graph after the rename');
    // `$steps.describe` no longer names a step: its flow edge and the output's data edge are gone, both get an error.
    assert.deepStrictEqual(redrawn.graph.edges.filter((e) => e.to === 'step:2' || e.from === 'step:2').map((e) => `${e.from}>${e.to}`), ['input:0>step:2', 'input:1>step:2']);
    assert.strictEqual(redrawn.graph.nodes.find((n) => n.id === 'output:1')?.errors, 1);
  });

  test('a click on a node selects its definition in the editor', async () => {
    const { doc } = await openFixture(FIXTURE);
    await vscode.commands.executeCommand('roboflowWorkflows.showGraph');
    const panel = api.panel(fixtureUri(FIXTURE))!;
    await waitFor(() => graphOf(panel), 20_000, 'a graph message');
    await panel.receive({ type: 'reveal', node: 'step:2' });
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.toString(), doc.uri.toString());
    const selected = doc.getText(editor.selection);
    assert.ok(selected.startsWith('{ "type": "roboflow_core/open_ai@v4", "name": "describe"'), selected.slice(0, 80));
    assert.ok(selected.endsWith('"api_key": "$inputs.openai_key" }'), selected.slice(-80));
  });

  test('Export SVG saves the drawing where the user chose; malformed messages are ignored', async () => {
    await openFixture(FIXTURE);
    await vscode.commands.executeCommand('roboflowWorkflows.showGraph');
    const panel = api.panel(fixtureUri(FIXTURE))!;
    const target = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'graph-')), 'out.svg'));
    let suggested: vscode.Uri | undefined;
    api.setPrompts({
      saveSvgTo: async (uri) => {
        suggested = uri;
        return target;
      },
    });
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>det</text></svg>';
    await panel.receive({ type: 'exportSvg', svg });
    assert.strictEqual(path.basename(suggested!.fsPath), 'gated.workflow.graph.svg');
    assert.strictEqual(fs.readFileSync(target.fsPath, 'utf8'), svg);

    await panel.receive({ type: 'exportSvg', svg: '<script>alert(1)</script>' });
    await panel.receive({ type: 'reveal', node: 'toString' });
    await panel.receive({ type: 'run' });
    assert.deepStrictEqual(panel.rejected, ['malformed message "exportSvg"', 'malformed message "reveal"', 'unknown message "run"']);
  });

  test('without a workflow in the active editor, the command says what to do', async () => {
    await closeAllEditors();
    const result = (await vscode.commands.executeCommand('roboflowWorkflows.showGraph')) as { opened: boolean; reason?: string };
    assert.deepStrictEqual(result, { opened: false, reason: 'Open a Roboflow workflow first: the graph draws the workflow in the active editor.' });
  });
});
