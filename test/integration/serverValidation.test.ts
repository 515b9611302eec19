// Validate on Server in the real extension host (issue 7 §4): the command sends the definition to
// the fake server's POST /workflows/validate; its errors join the workflow's diagnostics, marked
// as the server's, on the narrowest range; an edit clears them; nothing shown contains a key.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PreviewTestApi } from '../../src/vscode/preview/testApi';
import type { ValidateOnServerResult } from '../../src/vscode/serverValidation/validateOnServer';
import { ALL_CANARIES, CANARY_ROBOFLOW_API_KEY } from '../support/canaries';
import { FAKE_SERVER_VERSION, startFakeInferenceServer, type FakeInferenceServer } from '../support/fakeInferenceServer';
import { findLeak } from '../support/secretLeaks';
import { activateExtension, closeAllEditors, openFixture, resetFixture, setDocumentText, waitFor } from './helpers';

const COMMAND = 'roboflowWorkflows.validateOnServer';
const LOCAL_SOURCE = 'roboflow-workflows';
const SERVER_SOURCE = `Roboflow server (inference ${FAKE_SERVER_VERSION})`;
const WORKFLOW = 'preview/detect.workflow.json';

let server: FakeInferenceServer;
let api: PreviewTestApi;

function serverDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SERVER_SOURCE);
}

function rangeOfText(document: vscode.TextDocument, text: string): vscode.Range {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `${text} is in the document`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + text.length));
}

function assertNoLeak(text: string, what: string): void {
  for (const secret of ALL_CANARIES) assert.strictEqual(findLeak(text, secret), undefined, `${what} leaks ${secret}`);
}

async function validate(uri: vscode.Uri): Promise<ValidateOnServerResult> {
  return (await vscode.commands.executeCommand(COMMAND, uri.toString())) as ValidateOnServerResult;
}

async function setServerUrl(url: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('roboflowWorkflows').update('serverUrl', url, vscode.ConfigurationTarget.Global);
  await waitFor(() => vscode.workspace.getConfiguration('roboflowWorkflows').inspect<string>('serverUrl')?.globalValue === url, 5_000, `serverUrl = ${url}`);
}

describe('Validate on Server', function () {
  this.timeout(60_000);

  before(async () => {
    await activateExtension();
    server = await startFakeInferenceServer();
    await setServerUrl(server.url);
    api = (await vscode.commands.executeCommand('roboflowWorkflows.test.previewApi')) as PreviewTestApi;
    await api.secretStore.setApiKey(CANARY_ROBOFLOW_API_KEY);
  });

  beforeEach(() => {
    server.setScenario('success');
    server.requests.length = 0;
  });

  afterEach(async () => {
    await resetFixture(WORKFLOW);
    await closeAllEditors();
  });

  after(async () => {
    await api?.secretStore.deleteApiKey();
    await setServerUrl(undefined);
    await server?.close();
  });

  it('is a code lens at the top of a workflow, and a palette command', async () => {
    const { doc } = await openFixture(WORKFLOW);
    const lenses = await waitFor(
      async () => {
        const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
        const found = all.filter((l) => l.command?.command === COMMAND);
        return found.length > 0 && found;
      },
      10_000,
      'the Validate on Server lens',
    );
    assert.strictEqual(lenses.length, 1);
    assert.strictEqual(lenses[0].range.start.line, 0);
    assert.match(lenses[0].command!.title, /Validate on Server/);
    assert.deepStrictEqual(lenses[0].command!.arguments, [doc.uri.toString()]);
    assert.ok((await vscode.commands.getCommands(true)).includes(COMMAND));
  });

  it('sends the definition with the key in its api_key and the Bearer header, never the URL; says when the server compiles it', async () => {
    const { doc } = await openFixture(WORKFLOW);
    const result = await validate(doc.uri);
    assert.strictEqual(result.outcome, 'compiles', result.message);
    assert.strictEqual(result.message, `The server (inference ${FAKE_SERVER_VERSION}, ${server.url}) compiles this workflow.`);
    assert.deepStrictEqual(serverDiagnostics(doc.uri), []);

    const request = server.requests.find((r) => r.url.startsWith('/workflows/validate'));
    assert.ok(request, 'the fake server got POST /workflows/validate');
    assert.strictEqual(request.url, '/workflows/validate');
    assert.strictEqual(request.headers.authorization, `Bearer ${CANARY_ROBOFLOW_API_KEY}`);
    const { api_key: bodyKey, ...definition } = JSON.parse(request.body);
    assert.strictEqual(bodyKey, CANARY_ROBOFLOW_API_KEY);
    assert.deepStrictEqual(definition, JSON.parse(doc.getText()), 'the body is the definition as written, plus api_key');
  });

  it('puts a step error on the step\'s name, marked as the server\'s, beside the local findings', async () => {
    server.setScenario('syntax-error');
    const { doc } = await openFixture(WORKFLOW);
    const result = await validate(doc.uri);
    assert.strictEqual(result.outcome, 'rejects', result.message);
    assert.strictEqual(result.source, SERVER_SOURCE);
    const [diagnostic, ...others] = serverDiagnostics(doc.uri);
    assert.ok(diagnostic, 'a diagnostic from the server');
    assert.deepStrictEqual(others, []);
    assert.strictEqual(diagnostic.code, 'WorkflowSyntaxError');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(diagnostic.range.isEqual(rangeOfText(doc, '"det"')), `on the name of step det, not ${JSON.stringify(diagnostic.range)}`);
    assert.match(diagnostic.message, /Could not parse workflow definition.*Input tag 'roboflow_core\/roboflow_object_detection_model@v2'/);
    assert.ok(vscode.languages.getDiagnostics(doc.uri).every((d) => d.source === SERVER_SOURCE || d.source === LOCAL_SOURCE));
    assertNoLeak(JSON.stringify(vscode.languages.getDiagnostics(doc.uri)) + result.message, 'the diagnostics and the message');
  });

  it('puts a reference error on that property, and clears the server\'s findings on the next edit', async () => {
    const { doc } = await openFixture(WORKFLOW);
    await setDocumentText(doc, doc.getText().replace('"predictions": "$steps.det.predictions"', '"predictions": "$steps.nope.predictions"'));
    const result = await validate(doc.uri);
    assert.strictEqual(result.outcome, 'rejects', result.message);
    const [diagnostic] = serverDiagnostics(doc.uri);
    assert.strictEqual(diagnostic?.code, 'InvalidReferenceTargetError');
    assert.ok(diagnostic.range.isEqual(rangeOfText(doc, '"$steps.nope.predictions"')), `on the property value, not ${JSON.stringify(diagnostic.range)}`);
    assert.match(diagnostic.message, /Workflow references '\$steps\.nope' which points to a non-existent block\. — `predictions`: Invalid reference to \$steps\.nope/);
    // The local validator says so too, under its own source.
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === LOCAL_SOURCE && d.code === 'unknown-step'), 10_000, 'the local unknown-step finding');

    await setDocumentText(doc, doc.getText().replace('"$steps.nope.predictions"', '"$steps.det.predictions"'));
    await waitFor(() => serverDiagnostics(doc.uri).length === 0, 5_000, 'the server findings to go after the edit');
    await waitFor(() => !vscode.languages.getDiagnostics(doc.uri).some((d) => d.code === 'unknown-step'), 10_000, 'the local finding to go as well');
  });

  it('an ok answer clears an earlier rejection', async () => {
    server.setScenario('definition-error');
    const { doc } = await openFixture(WORKFLOW);
    assert.strictEqual((await validate(doc.uri)).outcome, 'rejects');
    const [whole] = serverDiagnostics(doc.uri);
    assert.strictEqual(whole?.code, 'DuplicatedNameError');
    assert.strictEqual(whole.range.start.line, 0, 'no step named: the top of the document');
    server.setScenario('success');
    assert.strictEqual((await validate(doc.uri)).outcome, 'compiles');
    assert.deepStrictEqual(serverDiagnostics(doc.uri), []);
  });

  it('explains a 401 without the key and publishes nothing', async () => {
    server.setScenario('unauthorized-model-key-leak');
    const { doc } = await openFixture(WORKFLOW);
    const result = await validate(doc.uri);
    assert.strictEqual(result.outcome, 'failed');
    assert.match(result.message, /refused the Roboflow API key/);
    assert.match(result.message, /another workspace/);
    assertNoLeak(result.message, 'the 401 message');
    assert.deepStrictEqual(serverDiagnostics(doc.uri), []);
  });

  it('refuses a file that is not a workflow', async () => {
    await openFixture('not-a-workflow.json');
    const result = (await vscode.commands.executeCommand(COMMAND)) as ValidateOnServerResult;
    assert.strictEqual(result.outcome, 'not-sent');
    assert.match(result.message, /Open a Roboflow workflow first/);
    assert.strictEqual(server.requests.length, 0);
  });
});
