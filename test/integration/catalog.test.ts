import * as assert from 'assert';
import * as vscode from 'vscode';
import { startFakeInferenceServer } from '../support/fakeInferenceServer';
import { activateExtension, closeAllEditors, diagnosticsFor, openFixture, resetAllFixtures, writeFixture } from './helpers';

const SOURCE = 'roboflow-workflows';
const PLATES = `{
  "version": "1.0",
  "inputs": [{ "type": "WorkflowImage", "name": "image" }],
  "steps": [{ "type": "acme/plate_reader@v1", "name": "plates", "images": "$inputs.image", "regoin": "us" }],
  "outputs": [{ "type": "JsonField", "name": "plates", "selector": "$steps.plates.plates" }]
}
`;

suite('Block catalog refreshed from a server', () => {
  let server: Awaited<ReturnType<typeof startFakeInferenceServer>>;
  const settings = () => vscode.workspace.getConfiguration('roboflowWorkflows');

  suiteSetup(async () => {
    await activateExtension();
    server = await startFakeInferenceServer();
    await settings().update('serverUrl', server.url, vscode.ConfigurationTarget.Global);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('roboflowWorkflows.resetCatalog');
    await settings().update('serverUrl', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
    await resetAllFixtures();
    await server.close();
  });

  test('a custom block is unknown until the catalog is refreshed from the server, then fully checked', async () => {
    writeFixture('plates.workflow.json', PLATES);
    const { doc } = await openFixture('plates.workflow.json');
    const before = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    assert.deepStrictEqual(before.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.code), ['unknown-block-type']);

    const result = await vscode.commands.executeCommand<{ refreshed: boolean; blocks: number; added: number }>('roboflowWorkflows.refreshCatalog');
    assert.deepStrictEqual(result, { refreshed: true, blocks: 1, added: 1 });
    assert.ok(server.requests.some((r) => r.url === '/workflows/blocks/describe'), 'the server was asked to describe its blocks');

    const after = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    assert.deepStrictEqual(after.map((d) => d.code), ['unknown-property'], after.map((d) => d.message).join('\n'));
    assert.match(after[0].message, /Did you mean `region`/);

    await vscode.commands.executeCommand('roboflowWorkflows.resetCatalog');
    const reset = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    assert.ok(reset.some((d) => d.code === 'unknown-block-type'));
  });

  test('a server that is down gives a clear answer and leaves the catalog alone', async () => {
    await settings().update('serverUrl', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    const result = await vscode.commands.executeCommand<{ refreshed: boolean; message: string }>('roboflowWorkflows.refreshCatalog');
    assert.strictEqual(result.refreshed, false);
    assert.match(result.message, /Could not reach|refused|not running/i);
    await settings().update('serverUrl', server.url, vscode.ConfigurationTarget.Global);
  });
});
