// Working with a Roboflow workspace in the real extension host, against the fake Roboflow API:
// the view, Pull, Compare, Push (with its guards), a conflict refused, Versions and Restore, API
// failures, and the canary API key nowhere in a message, a file or the extension's storage.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PreviewTestApi } from '../../src/vscode/preview/testApi';
import type { WorkspaceOutcome } from '../../src/vscode/workspace/outcome';
import type { WorkspaceTestApi } from '../../src/vscode/workspace/testApi';
import { ALL_CANARIES, CANARY_ROBOFLOW_API_KEY } from '../support/canaries';
import { COUNT_DEFINITION, DETECT_DEFINITION, FAKE_WORKSPACE, startFakeRoboflowApi, type FakeRoboflowApi } from '../support/fakeRoboflowApi';
import { findLeak } from '../support/secretLeaks';
import { activateExtension, closeAllEditors, fixtureUri, setDocumentText, waitFor, workspaceDir } from './helpers';

const FOLDER = 'pulled';
let api: FakeRoboflowApi;
let workspace: WorkspaceTestApi;
let preview: PreviewTestApi;
/** Everything the commands told the user, in order. */
const told: string[] = [];
/** Confirmations asked: [message, detail]. */
const confirmations: Array<[string, string]> = [];
let confirmAnswer = true;
let notifyChoice: string | undefined;

const pulledUri = (slug: string): vscode.Uri => fixtureUri(`${FOLDER}/${slug}.workflow.json`);
const linkText = (slug: string): string => fs.readFileSync(fixtureUri(`${FOLDER}/${slug}.workflow.roboflow.json`).fsPath, 'utf8');

async function run(command: string, ...args: unknown[]): Promise<WorkspaceOutcome> {
  return (await vscode.commands.executeCommand(`roboflowWorkflows.${command}`, ...args)) as WorkspaceOutcome;
}

async function pull(slug: string): Promise<WorkspaceOutcome> {
  return run('pullWorkflow', slug, { folder: fixtureUri(FOLDER) });
}

async function statusText(): Promise<string> {
  await workspace.statusBar.update(true);
  return workspace.statusBar.snapshot().text;
}

function diffTab(): vscode.TabInputTextDiff | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff ? input : undefined;
}

function assertNoLeak(text: string, what: string): void {
  for (const secret of ALL_CANARIES) assert.strictEqual(findLeak(text, secret), undefined, `${what} leaks ${secret}`);
}

async function setApiUrl(url: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('roboflowWorkflows').update('apiUrl', url, vscode.ConfigurationTarget.Global);
  await waitFor(() => vscode.workspace.getConfiguration('roboflowWorkflows').inspect<string>('apiUrl')?.globalValue === url, 5_000, `apiUrl = ${url}`);
}

describe('Roboflow workspace', function () {
  this.timeout(60_000);

  before(async () => {
    await activateExtension();
    api = await startFakeRoboflowApi({ apiKey: CANARY_ROBOFLOW_API_KEY });
    await setApiUrl(api.url);
    preview = (await vscode.commands.executeCommand('roboflowWorkflows.test.previewApi')) as PreviewTestApi;
    workspace = (await vscode.commands.executeCommand('roboflowWorkflows.test.workspaceApi')) as WorkspaceTestApi;
    await preview.secretStore.setApiKey(CANARY_ROBOFLOW_API_KEY);
    fs.rmSync(fixtureUri(FOLDER).fsPath, { recursive: true, force: true, maxRetries: 5 });
    fs.mkdirSync(fixtureUri(FOLDER).fsPath, { recursive: true });
  });

  beforeEach(() => {
    api.reset();
    told.length = 0;
    confirmations.length = 0;
    confirmAnswer = true;
    notifyChoice = undefined;
    workspace.setPrompts({
      notify: (_kind, message) => {
        told.push(message);
        return Promise.resolve(notifyChoice);
      },
      confirm: (message, detail) => {
        confirmations.push([message, detail]);
        return Promise.resolve(confirmAnswer);
      },
    });
  });

  afterEach(async () => {
    await closeAllEditors();
    fs.rmSync(fixtureUri(FOLDER).fsPath, { recursive: true, force: true, maxRetries: 5 });
    fs.mkdirSync(fixtureUri(FOLDER).fsPath, { recursive: true });
  });

  after(async () => {
    workspace.setPrompts({});
    await preview.secretStore.deleteApiKey();
    await setApiUrl(undefined);
    await api.close();
    fs.rmSync(fixtureUri(FOLDER).fsPath, { recursive: true, force: true, maxRetries: 5 });
  });

  it('lists the key\'s workspace workflows, the workspace named in the view\'s title', async () => {
    await workspace.tree.refresh();
    const view = workspace.tree.snapshot();
    assert.strictEqual(view.title, `Roboflow Workflows: ${FAKE_WORKSPACE}`);
    assert.strictEqual(view.message, undefined);
    assert.deepStrictEqual(view.items.map((i) => i.label), ['Count People', 'Detect Objects', 'Legacy Bare Config']);
    assert.ok(view.items[1].description.startsWith('detect-objects · '), view.items[1].description);
  });

  it('pulls a workflow as a formatted file with its link, in sync', async () => {
    const result = await pull('detect-objects');
    assert.strictEqual(result.outcome, 'done', result.message);
    assert.strictEqual(result.message, `Pulled Detect Objects from ${FAKE_WORKSPACE} into ${FOLDER}/detect-objects.workflow.json.`);
    assert.strictEqual(fs.readFileSync(pulledUri('detect-objects').fsPath, 'utf8'), `${JSON.stringify(DETECT_DEFINITION, null, 2)}\n`);
    const link = JSON.parse(linkText('detect-objects')) as Record<string, unknown>;
    assert.strictEqual(link.workspace, FAKE_WORKSPACE);
    assert.strictEqual(link.id, 'wf_detect_01');
    assert.strictEqual(link.url, 'detect-objects');
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), pulledUri('detect-objects').toString());
    assert.strictEqual(await statusText(), `$(check) ${FAKE_WORKSPACE}/detect-objects: In sync`);
  });

  it('asks before pulling over local changes, and keeps them when told no', async () => {
    await pull('detect-objects');
    const document = await vscode.workspace.openTextDocument(pulledUri('detect-objects'));
    const edited = document.getText().replace('yolov8n-640', 'yolov8s-640');
    await setDocumentText(document, edited);
    assert.strictEqual(await statusText(), `$(cloud-upload) ${FAKE_WORKSPACE}/detect-objects: Local changes`);
    confirmAnswer = false;
    const result = await pull('detect-objects');
    assert.strictEqual(result.outcome, 'cancelled');
    assert.deepStrictEqual(confirmations.map(([m]) => m), ['detect-objects.workflow.json has local changes. Replace them with the workspace\'s version?']);
    assert.strictEqual(document.getText(), edited);
  });

  it('compares the local file with the workspace\'s Live version in a read-only diff', async () => {
    await pull('detect-objects');
    const result = await run('diffWithWorkspace', pulledUri('detect-objects').toString());
    assert.strictEqual(result.outcome, 'done', result.message);
    const tab = await waitFor(() => diffTab(), 10_000, 'a diff editor');
    assert.strictEqual(tab.original.scheme, 'roboflow-workflow');
    assert.strictEqual(tab.original.path, `/${FAKE_WORKSPACE}/detect-objects/live/detect-objects.workflow.json`);
    assert.strictEqual(tab.modified.toString(), pulledUri('detect-objects').toString());
    const live = await vscode.workspace.openTextDocument(tab.original);
    assert.strictEqual(live.getText(), `${JSON.stringify(DETECT_DEFINITION, null, 2)}\n`);
  });

  it('pushes after the diff and a confirmation that the save is Live at once; the config is wrapped', async () => {
    await pull('detect-objects');
    const document = await vscode.workspace.openTextDocument(pulledUri('detect-objects'));
    await setDocumentText(document, document.getText().replace('yolov8n-640', 'yolov8s-640'));
    await document.save();
    const result = await run('pushWorkflow', pulledUri('detect-objects').toString());
    assert.strictEqual(result.outcome, 'done', result.message);
    assert.strictEqual(result.message, `Pushed Detect Objects: it is now Live in ${FAKE_WORKSPACE}.`);
    assert.deepStrictEqual(confirmations, [[
      `Push detect-objects.workflow.json to ${FAKE_WORKSPACE} as the Live version of "Detect Objects"?`,
      'The save becomes the Live version at once, for everyone and everything that runs this workflow (deployments, the hosted API, apps calling it). Earlier versions stay in its version history.',
    ]]);
    assert.ok(diffTab(), 'the diff was shown before the confirmation');
    const saved = JSON.parse(api.workflow('detect-objects')!.config) as { specification: { steps: Array<{ model_id: string }> } };
    assert.strictEqual(saved.specification.steps[0].model_id, 'yolov8s-640');
    const update = api.requests.find((r) => r.path.endsWith('/updateWorkflow'))!;
    assert.deepStrictEqual(Object.keys(JSON.parse(update.body) as object).sort(), ['config', 'id', 'name', 'url']);
    assert.strictEqual(await statusText(), `$(check) ${FAKE_WORKSPACE}/detect-objects: In sync`);
  });

  it('does not push a definition with errors', async () => {
    await pull('detect-objects');
    const document = await vscode.workspace.openTextDocument(pulledUri('detect-objects'));
    await setDocumentText(document, document.getText().replace('$steps.detector.predictions', '$steps.nowhere.predictions'));
    const result = await run('pushWorkflow', pulledUri('detect-objects').toString());
    assert.strictEqual(result.outcome, 'refused');
    assert.strictEqual(result.message, 'Not pushed: the local file of detect-objects.workflow.json has 1 error. Fix it first (see the Problems view).');
    assert.strictEqual(confirmations.length, 0);
    assert.ok(!api.requests.some((r) => r.path.endsWith('/updateWorkflow')));
  });

  it('refuses to push over a change made in the workspace since the pull, and offers the diff', async () => {
    await pull('count-people');
    api.edit('count-people', { ...COUNT_DEFINITION, outputs: [] }); // a colleague, in the web app
    assert.strictEqual(await statusText(), `$(cloud-download) ${FAKE_WORKSPACE}/count-people: Workspace changed`);
    const document = await vscode.workspace.openTextDocument(pulledUri('count-people'));
    await setDocumentText(document, document.getText().replace('0.4', '0.6'));
    assert.strictEqual(await statusText(), `$(warning) ${FAKE_WORKSPACE}/count-people: Local changes, workspace changed`);
    notifyChoice = 'Show Diff';
    const result = await run('pushWorkflow', pulledUri('count-people').toString());
    assert.strictEqual(result.outcome, 'refused');
    assert.strictEqual(result.message, `Not pushed: Count People changed in workspace ${FAKE_WORKSPACE} since you pulled it. Pushing would overwrite that change. Compare, merge what you need into count-people.workflow.json, then pull again before pushing.`);
    assert.ok(!api.requests.some((r) => r.path.endsWith('/updateWorkflow')));
    const tab = await waitFor(() => diffTab(), 10_000, 'the offered diff');
    assert.strictEqual(tab.original.path, `/${FAKE_WORKSPACE}/count-people/live/count-people.workflow.json`);
  });

  it('lists versions, opens one read-only and restores an older one with the same guards', async () => {
    await pull('count-people');
    api.edit('count-people', { ...COUNT_DEFINITION, outputs: [] });
    await pull('count-people'); // up to date with the broken Live version
    confirmations.length = 0; // a lingering edited document of an earlier test may have made Pull ask
    const opened = await run('workflowVersions', pulledUri('count-people').toString(), { versionId: 'wf_count_02-v1', action: 'open' });
    assert.strictEqual(opened.outcome, 'done', opened.message);
    const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'roboflow-workflow' && vscode.window.activeTextEditor, 10_000, 'the version opened');
    assert.strictEqual(editor.document.getText(), `${JSON.stringify(COUNT_DEFINITION, null, 2)}\n`);
    assert.strictEqual(editor.document.uri.path, `/${FAKE_WORKSPACE}/count-people/version-wf_count_02-v1/count-people.workflow.json`);

    const restored = await run('workflowVersions', pulledUri('count-people').toString(), { versionId: 'wf_count_02-v1', action: 'restore' });
    assert.strictEqual(restored.outcome, 'done', restored.message);
    assert.strictEqual(restored.message, `Restored version wf_count_02-v1 of Count People: it is now Live in ${FAKE_WORKSPACE}.`);
    assert.strictEqual(confirmations[0][0], `Push version wf_count_02-v1 to ${FAKE_WORKSPACE} as the Live version of "Count People"?`);
    assert.deepStrictEqual(JSON.parse(api.workflow('count-people')!.config), { specification: COUNT_DEFINITION });
    assert.strictEqual(api.workflow('count-people')!.versions.length, 3);
  });

  it('creates a workspace workflow from a local file and links it', async () => {
    const uri = pulledUri('my-new-flow');
    fs.writeFileSync(uri.fsPath, `${JSON.stringify(DETECT_DEFINITION, null, 2)}\n`);
    const result = await run('createInWorkspace', uri.toString(), { name: 'My New Flow' });
    assert.strictEqual(result.outcome, 'done', result.message);
    assert.deepStrictEqual(JSON.parse(api.workflow('my-new-flow')!.config), { specification: DETECT_DEFINITION });
    assert.strictEqual((JSON.parse(linkText('my-new-flow')) as { url: string }).url, 'my-new-flow');
    await vscode.window.showTextDocument(uri);
    assert.strictEqual(await statusText(), `$(check) ${FAKE_WORKSPACE}/my-new-flow: In sync`);
  });

  it('explains API failures (401 echoing the key, 403, 404, 500, malformed JSON, redirect) without the key', async () => {
    const expected: Array<[Parameters<FakeRoboflowApi['setMode']>[0], RegExp]> = [
      ['unauthorized', /^Could not pull detect-objects: The Roboflow API refused the API key \(401\)/],
      // Which request meets the 403 depends on whether the key's workspace is already known.
      ['forbidden', /^Could not pull detect-objects: The API key may not access the (workspace of the API key|workflow `detect-objects` of workspace `acme-vision`) \(403\): the key may belong to another workspace/],
      ['not-found', /^Could not pull detect-objects: Not found \(404\)/],
      ['server-error', /^Could not pull detect-objects: The Roboflow API failed \(500\)/],
      ['malformed-json', /not JSON \(HTTP 200\)/],
      ['redirect', /redirect \(302\) to https:\/\/elsewhere\.example\.com\. Redirects are not followed/],
    ];
    for (const [mode, message] of expected) {
      api.setMode(mode);
      const result = await pull('detect-objects');
      assert.strictEqual(result.outcome, 'failed', `${mode}: ${result.message}`);
      assert.match(result.message, message);
    }
    api.setMode('ok');
    await workspace.tree.refresh();
    const view = workspace.tree.snapshot();
    assert.strictEqual(view.title, `Roboflow Workflows: ${FAKE_WORKSPACE}`);
    for (const text of told) assertNoLeak(text, `message "${text}"`);
  });

  it('leaves the API key in no message, workspace file or extension storage', async () => {
    await pull('detect-objects');
    await run('diffWithWorkspace', pulledUri('detect-objects').toString());
    await run('workflowVersions', pulledUri('detect-objects').toString(), { versionId: 'wf_detect_01-v1', action: 'open' });
    for (const text of told) assertNoLeak(text, `message "${text}"`);
    const files = (fs.readdirSync(workspaceDir(), { recursive: true }) as string[]).map((f) => path.join(workspaceDir(), f)).filter((f) => fs.statSync(f).isFile());
    const storage = preview.storagePaths().filter((p) => fs.existsSync(p)).flatMap((dir) => (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f))).filter((f) => fs.statSync(f).isFile());
    assert.ok(files.some((f) => f.endsWith('detect-objects.workflow.roboflow.json')));
    // Other suites leave their own canaries in their fixtures: the API key is what this feature handles.
    for (const file of [...files, ...storage]) assert.strictEqual(findLeak(fs.readFileSync(file, 'latin1'), CANARY_ROBOFLOW_API_KEY), undefined, file);
    const ours = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'roboflow-workflow' || d.uri.path.includes(`/${FOLDER}/`));
    assert.ok(ours.some((d) => d.uri.scheme === 'roboflow-workflow'));
    for (const document of ours) assertNoLeak(document.getText(), document.uri.toString());
  });
});
