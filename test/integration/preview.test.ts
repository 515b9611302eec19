// Preview runs in the real extension host (issue #4): the request, the redaction of everything
// posted to the webview, the error scenarios of the inference server, share mode, and the
// untrusted-message checks. The fake inference server runs in this process on 127.0.0.1.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { workspaceImages } from '../../src/vscode/preview/images';
import type { PreviewPanel } from '../../src/vscode/preview/previewPanel';
import type { PreviewTestApi } from '../../src/vscode/preview/testApi';
import type { GraphHostMessage } from '../../src/protocol/graph';
import type { RunFailureView, RunNotSentView, RunSuccessView, RunView } from '../../src/protocol/preview';
import type { GraphTestApi } from '../../src/vscode/graph/testApi';
import { ALL_CANARIES, CANARY_OPENAI_KEY, CANARY_ROBOFLOW_API_KEY } from '../support/canaries';
import { FAKE_SERVER_VERSION, startFakeInferenceServer, type FakeInferenceServer, type RecordedRequest } from '../support/fakeInferenceServer';
import { findLeak } from '../support/secretLeaks';
import { activateExtension, extensionTestApi, closeAllEditors, fixtureUri, openFixture, resetFixture, waitFor, writeFixture } from './helpers';

const PREVIEW_TEST_COMMAND = 'roboflowWorkflows.test.previewApi';
const SHAREE_TYPED_KEY = 'sk-SHAREE-typed-9c41d7e2a05b3f68';

let server: FakeInferenceServer;
let api: PreviewTestApi;

function assertNoLeak(text: string, what: string, secrets: readonly string[] = [...ALL_CANARIES, SHAREE_TYPED_KEY]): void {
  for (const secret of secrets) {
    const leak = findLeak(text, secret);
    assert.strictEqual(leak, undefined, `${what} leaks ${secret}: ${leak}`);
  }
}

function postedText(panel: PreviewPanel): string {
  return JSON.stringify(panel.posted);
}

async function setServerUrl(url: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('roboflowWorkflows').update('serverUrl', url, vscode.ConfigurationTarget.Global);
  await waitFor(() => vscode.workspace.getConfiguration('roboflowWorkflows').inspect<string>('serverUrl')?.globalValue === url, 5_000, `serverUrl = ${url}`);
}

/** Opens the fixture and its preview; waits until the real webview said `ready` and got its session. */
async function openPreview(relPath: string): Promise<PreviewPanel> {
  await openFixture(relPath);
  const panel = api.open(fixtureUri(relPath));
  await waitFor(() => panel.lastSession, 20_000, `the session of ${relPath} (sent when the webview is ready)`);
  return panel;
}

async function chooseImage(panel: PreviewPanel): Promise<void> {
  await panel.receive({ type: 'pickImage', input: 'image' });
  await waitFor(() => panel.posted.some((m) => m.type === 'image' && m.image !== null), 5_000, 'the chosen image');
}

function run(panel: PreviewPanel, values: Record<string, string | boolean> = {}): Promise<RunView | undefined> {
  return panel.receive({ type: 'run', runId: 1, values, imageUrls: {}, runSinks: false });
}

function lastRunRequest(): RecordedRequest {
  const request = [...server.requests].reverse().find((r) => r.method === 'POST' && r.url === '/workflows/run');
  assert.ok(request, 'the fake server received no POST /workflows/run');
  return request;
}

function asFailure(view: RunView | undefined): RunFailureView {
  assert.ok(view && view.status === 'failure', `expected a failure, got ${JSON.stringify(view)?.slice(0, 400)}`);
  return view;
}

function asSuccess(view: RunView | undefined): RunSuccessView {
  assert.ok(view && view.status === 'success', `expected a success, got ${JSON.stringify(view)?.slice(0, 400)}`);
  return view;
}

function asNotSent(view: RunView | undefined): RunNotSentView {
  assert.ok(view && view.status === 'not-sent', `expected not-sent, got ${JSON.stringify(view)?.slice(0, 400)}`);
  return view;
}

describe('preview', function () {
  this.timeout(60_000);

  before(async () => {
    await activateExtension();
    server = await startFakeInferenceServer();
    await setServerUrl(server.url);
    api = (await vscode.commands.executeCommand(PREVIEW_TEST_COMMAND)) as PreviewTestApi;
    assert.ok(api?.open, 'the preview test API is available in test mode');
    await api.secretStore.setApiKey(CANARY_ROBOFLOW_API_KEY);
    await api.secretStore.setCredential({ provider: 'openai', name: 'openai_api_key' }, CANARY_OPENAI_KEY);
    api.setPrompts({ pickImage: async () => fixtureUri('preview/two-objects.jpg') });
  });

  beforeEach(() => {
    server.setScenario('success');
  });

  afterEach(async () => {
    api.closeAll();
    api.setPrompts({ pickImage: async () => fixtureUri('preview/two-objects.jpg') });
  });

  after(async () => {
    api?.closeAll();
    api?.setPrompts({});
    await api?.secretStore.deleteApiKey();
    await api?.secretStore.deleteCredential({ provider: 'openai', name: 'openai_api_key' });
    await setServerUrl(undefined);
    await server?.close();
    await resetFixture('preview/describe.workflow.sharing.json');
    await resetFixture('.vscode/settings.json');
    await closeAllEditors();
  });

  it('the graph shows the last preview run: items per output after a success, the blamed step after a failure', async () => {
    const relPath = 'preview/detect.workflow.json';
    const panel = await openPreview(relPath);
    await chooseImage(panel);
    const success = asSuccess(await run(panel));
    await openFixture(relPath);
    assert.deepStrictEqual(await vscode.commands.executeCommand('roboflowWorkflows.showGraph'), { opened: true });
    const graphs = (await vscode.commands.executeCommand('roboflowWorkflows.test.graphApi')) as GraphTestApi;
    try {
      const graph = graphs.panel(fixtureUri(relPath));
      assert.ok(graph, 'a graph panel for the workflow');
      const lastRun = () => [...graph.posted].reverse().find((m): m is Extract<GraphHostMessage, { type: 'run' }> => m.type === 'run')?.run;
      // What the preview's table shows, counted as a person would: a list's length, a detections object's predictions.
      const predictions = success.outputs[0].predictions as { predictions: unknown[] };
      const shown = await waitFor(() => lastRun(), 20_000, 'the run status on the graph');
      assert.deepStrictEqual([shown.status, shown.failedSteps, shown.outputCounts], [
        'success',
        [],
        [
          { output: 'predictions', count: predictions.predictions.length },
          { output: 'annotated', count: 1 },
        ],
      ]);
      assert.ok(predictions.predictions.length > 0, 'the fake server detected something, so the count is not trivially 0');

      server.setScenario('step-error-traceback');
      asFailure(await run(panel));
      const failed = await waitFor(() => (lastRun()?.status === 'failure' ? lastRun() : undefined), 20_000, 'the failed run on the graph');
      assert.deepStrictEqual(failed.failedSteps.map((f) => f.step), ['det']);
      assert.match(failed.summary, /^Preview run failed in `det`: /);
      for (const canary of ALL_CANARIES) assert.ok(!JSON.stringify(graph.posted).includes(canary), 'no secret reaches the graph');
    } finally {
      graphs.closeAll();
      await closeAllEditors(); // the editor groups the graph opened: the next test counts columns
    }
  });

  it('opens from the command beside the editor, one panel per workflow', async () => {
    await openFixture('preview/detect.workflow.json');
    const first = (await vscode.commands.executeCommand('roboflowWorkflows.preview')) as { opened: boolean };
    assert.strictEqual(first.opened, true);
    const panel = api.panel(fixtureUri('preview/detect.workflow.json'));
    assert.ok(panel, 'a panel for the workflow');
    await waitFor(() => panel.lastSession, 20_000, 'the session');
    assert.strictEqual(panel.panel.viewColumn, vscode.ViewColumn.Two, 'opened beside the editor');
    await vscode.commands.executeCommand('roboflowWorkflows.preview', fixtureUri('preview/detect.workflow.json').toString());
    assert.strictEqual(api.panel(fixtureUri('preview/detect.workflow.json')), panel, 'the same panel is revealed, not a second one');
    const session = panel.lastSession!;
    assert.deepStrictEqual(
      session.inputs.map((f) => [f.kind, f.name, f.kind === 'parameter' ? f.control : '']),
      [
        ['image', 'image', ''],
        ['parameter', 'confidence', 'number'],
      ],
    );
    assert.strictEqual(session.server.url, server.url);
    assert.strictEqual(session.apiKey.status, 'stored');
    assert.deepStrictEqual(panel.rejected, [], 'the real webview only sent valid messages');
  });

  it('locks the webview down: CSP from default-src none, a fresh crypto nonce, media-only resources', async () => {
    const panel = await openPreview('preview/detect.workflow.json');
    const { html, options } = panel.panel.webview;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;|&apos;/g, "'");
    assert.ok(csp, 'a CSP meta tag');
    const source = panel.panel.webview.cspSource;
    const nonce = /'nonce-([A-Za-z0-9]{20,})'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.strictEqual(
      csp,
      `default-src 'none'; img-src ${source} data:; style-src ${source}; font-src ${source}; script-src 'nonce-${nonce}'; connect-src 'none'; form-action 'none'; base-uri 'none'; frame-src 'none'`,
    );
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    assert.deepStrictEqual(scripts.map((attrs) => attrs.includes(`nonce="${nonce}"`)), [true], 'one script, with the nonce');
    assert.doesNotMatch(html, /style="/, 'no inline styles');
    assert.strictEqual(options.enableScripts, true);
    assert.strictEqual(options.enableCommandUris, false);
    assert.deepStrictEqual(options.localResourceRoots?.map((u) => u.path), [vscode.Uri.joinPath(vscode.extensions.getExtension('roboflow-workflows-community.roboflow-workflows')!.extensionUri, 'media').path]);
    assert.notStrictEqual((panel.panel.options as { retainContextWhenHidden?: boolean }).retainContextWhenHidden, true);
    api.closeAll();
    const again = await openPreview('preview/detect.workflow.json');
    assert.ok(!again.panel.webview.html.includes(nonce), 'a new nonce for every panel');
  });

  it('refuses to open a preview for a file that is not a workflow', async () => {
    await openFixture('not-a-workflow.json');
    const result = (await vscode.commands.executeCommand('roboflowWorkflows.preview')) as { opened: boolean; reason: string };
    assert.strictEqual(result.opened, false);
    assert.match(result.reason, /Open a Roboflow workflow/);
  });

  it('sends the key in the body\'s api_key and the Authorization header (never the URL), the image and parameters as inputs; the webview gets no secret', async () => {
    const panel = await openPreview('preview/detect.workflow.json');
    await chooseImage(panel);
    const view = asSuccess(await run(panel, { confidence: '0.6' }));

    const request = lastRunRequest();
    assert.strictEqual(request.headers.authorization, `Bearer ${CANARY_ROBOFLOW_API_KEY}`);
    assertNoLeak(request.url, 'the request URL');
    const body = JSON.parse(request.body);
    assert.strictEqual(body.api_key, CANARY_ROBOFLOW_API_KEY, 'the body carries the key too, for servers that ignore the header');
    const { api_key: _key, ...rest } = body;
    assertNoLeak(JSON.stringify(rest), 'the request body outside api_key');
    assert.strictEqual(body.disable_sinks, true, 'sinks are off unless asked for');
    assert.deepStrictEqual(body.specification, JSON.parse(fs.readFileSync(fixtureUri('preview/detect.workflow.json').fsPath, 'utf8')));
    assert.strictEqual(body.inputs.confidence, 0.6);
    assert.strictEqual(body.inputs.image.type, 'base64');
    assert.strictEqual(body.inputs.image.value, fs.readFileSync(fixtureUri('preview/two-objects.jpg').fsPath).toString('base64'));

    assert.deepStrictEqual(Object.keys(view.outputs[0]).sort(), ['annotated', 'predictions']);
    assert.ok(view.durationMs > 0 && view.responseBytes > 0);
    const posted = postedText(panel);
    assertNoLeak(posted, 'the messages posted to the webview');
    assert.ok(posted.includes('"runFinished"'), 'the result was posted');
    // The panel also showed a thumbnail of the image as a data URL; the webview never got a path.
    assert.ok(panel.posted.some((m) => m.type === 'image' && m.image?.dataUrl?.startsWith('data:image/jpeg;base64,')));
  });

  it('redacts a key the server echoes in outputs, in every encoding, and in Copy as JSON', async () => {
    server.setScenario('success-with-secret-echo');
    const panel = await openPreview('preview/detect.workflow.json');
    await chooseImage(panel);
    const view = asSuccess(await run(panel));
    const echoed = String(view.outputs[0].llm_output);
    assert.match(echoed, /\[REDACTED\]/);
    assertNoLeak(JSON.stringify(view), 'the run view');
    assertNoLeak(postedText(panel), 'the messages posted to the webview');

    await panel.receive({ type: 'copy', target: { scope: 'all' } });
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /llm_output/);
    assertNoLeak(copied, 'the clipboard');
  });

  it('copies one output of one batch element, redacted, and nothing for an output that is not there', async () => {
    server.setScenario('success-with-secret-echo');
    const panel = await openPreview('preview/detect.workflow.json');
    await chooseImage(panel);
    const view = asSuccess(await run(panel));
    const name = Object.keys(view.outputs[0]).find((key) => key !== 'llm_output') ?? 'llm_output';
    await vscode.env.clipboard.writeText('before');
    await panel.receive({ type: 'copy', target: { scope: 'output', element: 0, output: 'llm_output' } });
    const copied = await vscode.env.clipboard.readText();
    assert.deepStrictEqual(JSON.parse(copied), view.outputs[0].llm_output, 'exactly that output, as the panel shows it');
    assert.match(copied, /\[REDACTED\]/);
    assertNoLeak(copied, 'the clipboard');
    await vscode.env.clipboard.writeText('before');
    await panel.receive({ type: 'copy', target: { scope: 'output', element: 5, output: name } });
    await panel.receive({ type: 'copy', target: { scope: 'output', element: 0, output: 'toString' } });
    assert.strictEqual(await vscode.env.clipboard.readText(), 'before', 'no element 5, no inherited property: nothing copied');
  });

  it('sends an image URL as a url input, and refuses one with a password or another scheme before sending', async () => {
    const panel = await openPreview('preview/detect.workflow.json');
    asSuccess(await panel.receive({ type: 'run', runId: 1, values: {}, imageUrls: { image: ' https://images.example.com/cars.jpg ' }, runSinks: false }));
    assert.deepStrictEqual(JSON.parse(lastRunRequest().body).inputs.image, { type: 'url', value: 'https://images.example.com/cars.jpg' });

    const requests = server.requests.length;
    const withPassword = asNotSent(await panel.receive({ type: 'run', runId: 2, values: {}, imageUrls: { image: 'https://me:pw@images.example.com/cars.jpg' }, runSinks: false }));
    assert.strictEqual(withPassword.reason, 'Image `image`: Image URLs must not contain a user name or password.');
    const file = asNotSent(await panel.receive({ type: 'run', runId: 3, values: {}, imageUrls: { image: 'file:///etc/passwd' }, runSinks: false }));
    assert.strictEqual(file.reason, 'Image `image`: Image URLs must start with https:// or http://.');
    assert.strictEqual(server.requests.length, requests, 'nothing was sent');
    assertNoLeak(postedText(panel), 'the messages posted to the webview', ['pw@']);
  });

  const failures: { scenario: Parameters<FakeInferenceServer['setScenario']>[0]; kind: RunFailureView['kind']; status?: number; message: RegExp; check?: (view: RunFailureView) => void }[] = [
    {
      scenario: 'unauthorized-model-key-leak',
      kind: 'http',
      status: 401,
      message: /refused the Roboflow API key in step `det` \(401 Unauthorized\)/,
      check: (view) => {
        assert.strictEqual(view.blockErrors[0]?.step, 'det');
        assert.strictEqual(view.blockErrors[0]?.inDefinition, true);
        assert.match(view.innerMessage ?? '', /API key \[REDACTED\] does not have access/);
      },
    },
    {
      scenario: 'step-error-traceback',
      kind: 'http',
      status: 500,
      message: /Step `det` .*failed while the workflow ran \(500 StepExecutionError\)/,
      check: (view) => {
        assert.strictEqual(view.errorType, 'StepExecutionError');
        assert.match(view.blockErrors[0]?.traceback ?? '', /Traceback \(most recent call last\)/);
        assert.match(view.blockErrors[0]?.traceback ?? '', /\[REDACTED\]/);
      },
    },
    { scenario: 'malformed-json', kind: 'malformed', message: /not JSON/ },
    { scenario: 'compile-error', kind: 'http', status: 400, message: /rejected the workflow in step `det` \(400 InvalidReferenceTargetError\)/ },
    { scenario: 'html-error', kind: 'http', status: 502, message: /502/ },
    { scenario: 'redirect', kind: 'http', status: 307, message: /Redirects are not followed/ },
  ];
  for (const { scenario, kind, status, message, check } of failures) {
    it(`shows a clear error for the server's ${scenario} answer, with no secret`, async () => {
      server.setScenario(scenario);
      const panel = await openPreview('preview/detect.workflow.json');
      await chooseImage(panel);
      const view = asFailure(await run(panel));
      assert.strictEqual(view.kind, kind);
      if (status !== undefined) assert.strictEqual(view.httpStatus, status);
      assert.match(view.message, message);
      check?.(view);
      assertNoLeak(postedText(panel), 'the messages posted to the webview');
    });
  }

  it('explains a refused connection', async () => {
    const closed = await startFakeInferenceServer();
    const url = closed.url;
    await closed.close();
    await setServerUrl(url);
    try {
      const panel = await openPreview('preview/detect.workflow.json');
      await chooseImage(panel);
      const view = asFailure(await run(panel));
      assert.strictEqual(view.kind, 'network');
      assert.match(view.message, /nothing is listening there/);
    } finally {
      await setServerUrl(server.url);
    }
  });

  it('cancels a slow run from the panel', async () => {
    // The answer would take a minute: a result well before that can only be the cancellation.
    server.setScenario({ name: 'success', delayMs: 60_000 });
    const panel = await openPreview('preview/detect.workflow.json');
    await chooseImage(panel);
    const before = server.requests.length;
    const started = Date.now();
    const pending = run(panel);
    await waitFor(() => server.requests.length > before, 10_000, 'the request to reach the server');
    assert.ok(panel.posted.some((m) => m.type === 'runStarted'), 'the webview was told the run started');
    await panel.receive({ type: 'cancel' });
    const view = asFailure(await pending);
    assert.strictEqual(view.kind, 'cancelled');
    assert.ok(Date.now() - started < 30_000, `cancelled after ${Date.now() - started} ms`);
  });

  it('gives up on a server that does not answer within requestTimeoutSeconds', async () => {
    server.setScenario({ name: 'success', delayMs: 60_000 });
    const config = vscode.workspace.getConfiguration('roboflowWorkflows');
    await config.update('requestTimeoutSeconds', 2, vscode.ConfigurationTarget.Global);
    try {
      const panel = await openPreview('preview/detect.workflow.json');
      await chooseImage(panel);
      const started = Date.now();
      const view = asFailure(await run(panel));
      const elapsed = Date.now() - started;
      assert.strictEqual(view.kind, 'timeout');
      assert.match(view.message, /did not answer within 2 s/);
      // A timer never fires early; the upper bound only has to tell 2 s from the 120 s default and the 60 s answer.
      assert.ok(elapsed >= 2_000 && elapsed < 40_000, `stopped after ${elapsed} ms`);
    } finally {
      await config.update('requestTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('stops reading a 50 MB answer and says why', async () => {
    server.setScenario('huge');
    const panel = await openPreview('preview/detect.workflow.json');
    await chooseImage(panel);
    const view = asFailure(await run(panel));
    assert.strictEqual(view.kind, 'too-large');
    assert.match(view.message, /larger than the 32 MB limit/);
    assert.ok(postedText(panel).length < 1_000_000, 'nothing big was posted to the webview');
  });

  it('reveals the step of a step error in the editor', async () => {
    server.setScenario('compile-error');
    const panel = await openPreview('preview/detect.workflow.json');
    await chooseImage(panel);
    asFailure(await run(panel));
    await panel.receive({ type: 'revealStep', step: 'det' });
    const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === fixtureUri('preview/detect.workflow.json').fsPath && vscode.window.activeTextEditor, 5_000, 'the workflow editor');
    const selected = editor.document.getText(editor.selection);
    assert.strictEqual(JSON.parse(selected).name, 'det', `the step object is selected: ${selected.slice(0, 80)}`);
  });

  it('refuses a missing image and a bad parameter without sending anything', async () => {
    const panel = await openPreview('preview/detect.workflow.json');
    const before = server.requests.length;
    assert.match(asNotSent(await run(panel)).reason, /Choose an image for `image`/);
    await chooseImage(panel);
    assert.match(asNotSent(await run(panel, { confidence: '7' })).reason, /`confidence` must be at most 1/);
    assert.strictEqual(server.requests.length, before, 'nothing reached the server');
  });

  it('as me: supplies the stored credential as an input, never in the definition', async () => {
    const panel = await openPreview('preview/describe.workflow.json');
    assert.deepStrictEqual(panel.lastSession!.credentials.map((c) => [c.name, c.status]), [['openai_api_key', 'stored']]);
    assert.ok(!panel.lastSession!.inputs.some((f) => f.name === 'openai_api_key'), 'no plain control for the credential');
    await chooseImage(panel);
    asSuccess(await run(panel));
    const body = JSON.parse(lastRunRequest().body);
    assert.strictEqual(body.inputs.openai_api_key, CANARY_OPENAI_KEY);
    assert.strictEqual(body.specification.steps[0].api_key, '$inputs.openai_api_key', 'the definition is sent as written');
    assert.strictEqual(body.inputs.prompt, undefined, 'an untouched parameter with a default is left to the server');
    assertNoLeak(postedText(panel), 'the messages posted to the webview');
  });

  it('as someone I share with, own-key run access and a private model: explains and sends nothing', async () => {
    const panel = await openPreview('preview/private.workflow.json');
    await panel.receive({ type: 'setMode', mode: 'sharee' });
    await waitFor(() => panel.lastSession?.mode === 'sharee' && panel.lastSession, 5_000, 'share mode');
    const blocked = panel.lastSession!.sharing.blocked;
    assert.ok(blocked, 'the panel explains before anything is run');
    assert.match(blocked.reason, /their own Roboflow key, which cannot use your private model `acme-widgets\/3`/);
    assert.strictEqual(blocked.action.command, 'toggleRunAccess');
    await chooseImage(panel);
    const before = server.requests.length;
    const view = asNotSent(await run(panel));
    assert.match(view.reason, /would fail for people you share with/);
    assert.match(view.detail ?? '', /Turn on run access/);
    assert.strictEqual(view.action?.command, 'toggleRunAccess');
    assert.strictEqual(server.requests.length, before, 'the fake server saw no request');
  });

  it('as someone I share with, user-provided credentials: asks in a password box and never uses the stored ones', async () => {
    const asked: string[] = [];
    api.setPrompts({
      pickImage: async () => fixtureUri('preview/two-objects.jpg'),
      sharedCredential: async ({ name }) => {
        asked.push(name);
        return SHAREE_TYPED_KEY;
      },
    });
    const panel = await openPreview('preview/describe.workflow.json');
    await panel.receive({ type: 'setMode', mode: 'sharee' });
    await waitFor(() => panel.lastSession?.mode === 'sharee' && panel.lastSession, 5_000, 'share mode');
    assert.deepStrictEqual(panel.lastSession!.credentials.map((c) => [c.name, c.status]), [['openai_api_key', 'prompt']]);
    await chooseImage(panel);
    asSuccess(await run(panel));
    assert.deepStrictEqual(asked, ['openai_api_key']);
    const request = lastRunRequest();
    const body = JSON.parse(request.body);
    assert.strictEqual(body.inputs.openai_api_key, SHAREE_TYPED_KEY);
    assertNoLeak(request.body, 'the share-mode request', [CANARY_OPENAI_KEY]);
    assertNoLeak(postedText(panel), 'the messages posted to the webview');

    // Cancelling the password box sends nothing.
    api.setPrompts({ pickImage: async () => fixtureUri('preview/two-objects.jpg'), sharedCredential: async () => undefined });
    const before = server.requests.length;
    assert.match(asNotSent(await run(panel)).reason, /Cancelled/);
    assert.strictEqual(server.requests.length, before);
  });

  it('as someone I share with, owner-hidden credentials: uses yours, shown as ••••', async () => {
    let asked = 0;
    api.setPrompts({
      pickImage: async () => fixtureUri('preview/two-objects.jpg'),
      sharedCredential: async () => {
        asked++;
        return 'never';
      },
    });
    writeFixture('preview/describe.workflow.sharing.json', '{ "credentials": "owner-hidden" }\n');
    const panel = await openPreview('preview/describe.workflow.json');
    await panel.receive({ type: 'setMode', mode: 'sharee' });
    await waitFor(() => panel.lastSession?.mode === 'sharee' && panel.lastSession?.credentials[0]?.status === 'hidden', 10_000, 'hidden credentials');
    await chooseImage(panel);
    asSuccess(await run(panel));
    assert.strictEqual(asked, 0, 'no password box');
    assert.strictEqual(JSON.parse(lastRunRequest().body).inputs.openai_api_key, CANARY_OPENAI_KEY);
    assertNoLeak(postedText(panel), 'the messages posted to the webview');
    await resetFixture('preview/describe.workflow.sharing.json');
  });

  it('never sends a stored OpenAI key to a webhook through an input of the same name: it is typed for this run', async () => {
    // issue 8 item 4: `openai_key` (kind secret) feeds a webhook header, and an OpenAI credential
    // `openai_key` is stored. The stored one must not reach the request; the user types a value.
    const workflow = 'preview/webhook-key.workflow.json';
    writeFixture(
      workflow,
      JSON.stringify(
        {
          version: '1.0',
          inputs: [
            { type: 'WorkflowImage', name: 'image' },
            { type: 'WorkflowParameter', name: 'openai_key', kind: ['secret'] },
          ],
          steps: [{ type: 'roboflow_core/webhook_sink@v1', name: 'notify', url: 'https://hooks.example/collect', method: 'POST', headers: { Authorization: '$inputs.openai_key' } }],
          outputs: [{ type: 'JsonField', name: 'status', selector: '$steps.notify.error_status' }],
        },
        null,
        2,
      ),
    );
    const stored = { provider: 'openai', name: 'openai_key' };
    await api.secretStore.setCredential(stored, CANARY_OPENAI_KEY);
    const typed: { name: string; reason: string }[] = [];
    try {
      api.setPrompts({
        pickImage: async () => fixtureUri('preview/two-objects.jpg'),
        typedCredential: async ({ name, reason }) => {
          typed.push({ name, reason });
          return SHAREE_TYPED_KEY;
        },
      });
      const panel = await openPreview(workflow);
      const reason = 'it feeds a Webhook Sink (step `notify`, `headers.Authorization`), not an OpenAI credential field';
      assert.deepStrictEqual(
        panel.lastSession!.credentials.map((c) => [c.name, c.provider, c.status, c.reason]),
        [['openai_key', 'Webhook', 'typed', reason]],
      );
      // What the webview was sent says so, and holds no value.
      const sessions = panel.posted.filter((m) => m.type === 'session');
      assert.ok(JSON.stringify(sessions[sessions.length - 1]).includes(JSON.stringify(reason)));

      await chooseImage(panel);
      const before = server.requests.length;
      asSuccess(await run(panel));
      assert.deepStrictEqual(typed, [{ name: 'openai_key', reason }]);
      const request = lastRunRequest();
      assert.strictEqual(server.requests.length, before + 1);
      assert.strictEqual(JSON.parse(request.body).inputs.openai_key, SHAREE_TYPED_KEY, 'the value typed for this run');
      assertNoLeak(request.body, 'the request the server received', [CANARY_OPENAI_KEY]);
      assertNoLeak(postedText(panel), 'the messages posted to the webview');

      // Cancelling the password box sends nothing, and never falls back to the stored key.
      api.setPrompts({ pickImage: async () => fixtureUri('preview/two-objects.jpg'), typedCredential: async () => undefined });
      const count = server.requests.length;
      assert.strictEqual(asNotSent(await run(panel)).reason, 'Cancelled: no value for `openai_key` was typed, so nothing was sent.');
      assert.strictEqual(server.requests.length, count);

      // The same input read only by an OpenAI step: the stored OpenAI credential is used, no box.
      const text = fs.readFileSync(fixtureUri(workflow).fsPath, 'utf8');
      const definition = JSON.parse(text);
      definition.steps = [{ type: 'roboflow_core/open_ai@v2', name: 'gpt', images: '$inputs.image', task_type: 'unconstrained', prompt: 'hi', api_key: '$inputs.openai_key' }];
      definition.outputs = [{ type: 'JsonField', name: 'answer', selector: '$steps.gpt.output' }];
      writeFixture(workflow, JSON.stringify(definition, null, 2));
      api.setPrompts({ pickImage: async () => fixtureUri('preview/two-objects.jpg'), typedCredential: async () => assert.fail('no password box for a stored OpenAI credential') });
      await waitFor(() => panel.lastSession?.credentials[0]?.status === 'stored' && panel.lastSession, 10_000, 'the stored OpenAI credential');
      assert.deepStrictEqual(panel.lastSession!.credentials.map((c) => [c.name, c.provider, c.status, c.reason]), [['openai_key', 'OpenAI', 'stored', undefined]]);
      asSuccess(await run(panel));
      assert.strictEqual(JSON.parse(lastRunRequest().body).inputs.openai_key, CANARY_OPENAI_KEY);
    } finally {
      await api.secretStore.deleteCredential(stored);
      await resetFixture(workflow);
    }
  });

  it('opens with a sidecar {"toString": "owner-key"}: an unknown key, so the defaults apply', async () => {
    writeFixture('preview/describe.workflow.sharing.json', '{ "toString": "owner-key", "constructor": "owner-hidden" }\n');
    try {
      const panel = await openPreview('preview/describe.workflow.json');
      await panel.receive({ type: 'setMode', mode: 'sharee' });
      const session = await waitFor(() => panel.lastSession?.mode === 'sharee' && panel.lastSession, 10_000, 'share mode');
      assert.deepStrictEqual([session.sharing.runAccess, session.sharing.credentials], ['Run access: their own key', 'Credentials: they supply their own']);
      assert.deepStrictEqual(session.credentials.map((c) => [c.name, c.status]), [['openai_api_key', 'prompt']]);
      assert.deepStrictEqual(panel.rejected, []);
    } finally {
      await resetFixture('preview/describe.workflow.sharing.json');
    }
  });

  it('offers and reads only images inside the workspace: links out of it are refused, picked or named by a message', async () => {
    const secretNotes = 'my bank password is hunter2, keep it out of any request';
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'rf-outside-'));
    fs.writeFileSync(path.join(outside, 'secret-notes.txt'), secretNotes);
    fs.mkdirSync(fixtureUri('preview/evil').fsPath, { recursive: true });
    fs.symlinkSync(path.join(outside, 'secret-notes.txt'), fixtureUri('preview/evil/cat.jpg').fsPath);
    fs.symlinkSync('/etc/passwd', fixtureUri('preview/passwd.png').fsPath);
    writeFixture('preview/notes.png', 'not an image');
    const outsideMessage = 'is outside the workspace folders: only images inside a workspace folder can be sent (a symbolic link must not lead out of it). Copy the image into the workspace.';
    try {
      const listed = (await workspaceImages()).map((uri) => vscode.workspace.asRelativePath(uri, false));
      assert.ok(listed.includes('preview/two-objects.jpg'), listed.join(', '));
      for (const bad of ['preview/evil/cat.jpg', 'preview/passwd.png', 'preview/notes.png']) assert.ok(!listed.includes(bad), `${bad} is listed: ${listed.join(', ')}`);

      const panel = await openPreview('preview/detect.workflow.json');
      const problems = () => panel.posted.filter((m): m is Extract<typeof m, { type: 'image' }> => m.type === 'image' && !!m.problem).map((m) => [m.image, m.problem]);
      api.setPrompts({ pickImage: async () => fixtureUri('preview/evil/cat.jpg') });
      await panel.receive({ type: 'pickImage', input: 'image' });
      api.setPrompts({ pickImage: async () => fixtureUri('preview/notes.png') });
      await panel.receive({ type: 'pickImage', input: 'image' });
      // Paths named by the webview (a file dropped on the field).
      await panel.receive({ type: 'dropImage', input: 'image', uri: 'file:///etc/passwd' });
      await panel.receive({ type: 'dropImage', input: 'image', uri: fixtureUri('preview/passwd.png').toString() });
      await panel.receive({ type: 'dropImage', input: 'image', uri: 'https://example.com/cat.jpg' });
      assert.deepStrictEqual(problems(), [
        [null, `cat.jpg ${outsideMessage}`],
        [null, 'notes.png is not an image: its content is not JPEG, PNG, GIF, WebP, BMP or TIFF.'],
        [null, `passwd ${outsideMessage}`],
        [null, `passwd.png ${outsideMessage}`],
        [null, 'Only image files from this workspace can be dropped here.'],
      ]);
      // A real image dropped from the workspace is used.
      await panel.receive({ type: 'dropImage', input: 'image', uri: fixtureUri('preview/two-objects.jpg').toString() });
      const chosen = await waitFor(() => panel.posted.find((m) => m.type === 'image' && m.image !== null && !m.problem), 5_000, 'the dropped image');
      assert.strictEqual(chosen.type === 'image' && chosen.image?.label, 'two-objects.jpg');
      asSuccess(await run(panel));
      const everything = JSON.stringify(panel.posted) + server.requests.map((r) => r.body).join('');
      for (const leaked of [secretNotes, Buffer.from(secretNotes).toString('base64').slice(0, 24), 'root:x:0:0']) assert.ok(!everything.includes(leaked), `leaked ${leaked}`);
    } finally {
      fs.rmSync(fixtureUri('preview/evil').fsPath, { recursive: true, force: true });
      fs.rmSync(fixtureUri('preview/passwd.png').fsPath, { force: true });
      fs.rmSync(fixtureUri('preview/notes.png').fsPath, { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('rejects unknown and malformed messages from the webview', async () => {
    const panel = await openPreview('preview/detect.workflow.json');
    const before = server.requests.length;
    await panel.receive({ type: 'runCommand', command: 'workbench.action.terminal.new' });
    await panel.receive({ type: 'run', runId: -1, values: {}, imageUrls: {}, runSinks: false });
    await panel.receive({ type: 'command', command: 'workbench.action.openSettings' });
    await panel.receive('run');
    assert.strictEqual(panel.rejected.length, 4, panel.rejected.join('; '));
    assert.match(panel.rejected[0], /unknown message "runCommand"/);
    assert.match(panel.rejected[1], /malformed message "run"/);
    assert.strictEqual(server.requests.length, before);
  });

  it('ignores a server URL set by the workspace, and says so once: a warning and the panel', async () => {
    const other = await startFakeInferenceServer();
    const warnings: string[] = [];
    const hooks = await extensionTestApi();
    hooks.setTestHooks({ warn: async (message) => (warnings.push(message), undefined) });
    try {
      writeFixture('.vscode/settings.json', `{\n  // from the repository\n  "roboflowWorkflows.serverUrl": "${other.url}",\n}\n`);
      await waitFor(() => warnings.length > 0, 10_000, 'the warning about the workspace value');
      assert.deepStrictEqual(warnings, [
        `This workspace's .vscode/settings.json sets roboflowWorkflows.serverUrl to "${other.url}". It is ignored for safety: a workspace must not choose ` +
          `where your Roboflow API key is sent. Previews and catalog refreshes use ${server.url}, from your user settings. ` +
          'To use that server, set roboflowWorkflows.serverUrl in your user settings.',
      ]);
      const panel = await openPreview('preview/detect.workflow.json');
      assert.strictEqual(panel.lastSession!.server.ignoredWorkspaceValue, other.url, 'the panel shows the ignored value');
      await chooseImage(panel);
      asSuccess(await run(panel));
      assert.strictEqual(other.requests.length, 0, 'the workspace’s server got nothing');
      assert.strictEqual(panel.lastSession!.server.url, server.url);

      // Once per workspace and value: writing the same value again says nothing more.
      writeFixture('.vscode/settings.json', JSON.stringify({ 'roboflowWorkflows.serverUrl': other.url, 'editor.tabSize': 3 }));
      await waitFor(() => vscode.workspace.getConfiguration('editor').inspect<number>('tabSize')?.workspaceValue === 3, 10_000, 'the rewritten settings read');
      // A new value is news: one more warning, and only one.
      writeFixture('.vscode/settings.json', JSON.stringify({ roboflowWorkflows: { serverUrl: 'https://elsewhere.example' } }));
      await waitFor(() => warnings.length >= 2, 10_000, 'the warning about the new value');
      assert.strictEqual(warnings.length, 2, warnings.join('\n'));
      assert.match(warnings[1], /^This workspace's \.vscode\/settings\.json sets roboflowWorkflows\.serverUrl to "https:\/\/elsewhere\.example"\./);
      await waitFor(() => panel.lastSession?.server.ignoredWorkspaceValue === 'https://elsewhere.example', 10_000, 'the panel showing the new value');
    } finally {
      hooks.setTestHooks({});
      await other.close();
      await resetFixture('.vscode/settings.json');
    }
    await waitFor(() => api.open(fixtureUri('preview/detect.workflow.json')).lastSession?.server.ignoredWorkspaceValue === undefined, 10_000, 'the notice gone from the panel');
  });

  it('shows the server\'s name and version, asked once per server', async () => {
    const panel = await openPreview('preview/detect.workflow.json');
    const software = await waitFor(() => panel.lastSession?.server.software?.status === 'identified' && panel.lastSession.server.software, 10_000, 'the server version');
    assert.strictEqual(software.text, `inference ${FAKE_SERVER_VERSION}`);
    await openPreview('preview/describe.workflow.json');
    assert.strictEqual(server.requests.filter((r) => r.url === '/info').length, 1, 'GET /info once for this URL in this session');
  });

  it('on a server older than 1.3.7 (which ignores disable_sinks), runs a workflow with sinks only when sinks may fire', async () => {
    const old = await startFakeInferenceServer({ behaviour: { version: '1.3.2' } });
    await setServerUrl(old.url);
    try {
      const panel = await openPreview('preview/sinks.workflow.json');
      const session = await waitFor(() => panel.lastSession?.sinks?.support === 'no' && panel.lastSession, 10_000, 'the sinks notice of an old server');
      const expected = 'This server (inference 1.3.2) ignores disable_sinks: the sink step `notify` would fire. Tick "Let sinks fire" to run anyway, or use a server ≥ 1.3.7.';
      assert.strictEqual(session.sinks!.message, expected);
      assert.strictEqual(session.server.software?.text, 'inference 1.3.2');
      await chooseImage(panel);

      const refused = asNotSent(await run(panel));
      assert.strictEqual(refused.reason, expected);
      assert.strictEqual(old.requests.filter((r) => r.url === '/workflows/run').length, 0, 'nothing was run');

      asSuccess(await panel.receive({ type: 'run', runId: 2, values: {}, imageUrls: {}, runSinks: true }));
      const [request] = old.requests.filter((r) => r.url === '/workflows/run');
      assert.strictEqual(JSON.parse(request.body).disable_sinks, false, 'ticked: sinks may fire');

      // A workflow without sinks runs as usual there.
      const plain = await openPreview('preview/detect.workflow.json');
      assert.strictEqual(plain.lastSession?.sinks, undefined);
      await chooseImage(plain);
      asSuccess(await run(plain));
    } finally {
      await setServerUrl(server.url);
      await old.close();
    }
  });

  it('on a server whose version is unknown, warns about the sinks but runs with disable_sinks', async () => {
    const silent = await startFakeInferenceServer({ behaviour: { version: null } });
    await setServerUrl(silent.url);
    try {
      const panel = await openPreview('preview/sinks.workflow.json');
      const session = await waitFor(() => panel.lastSession?.sinks?.support === 'unknown' && panel.lastSession.server.software?.status === 'unidentified' && panel.lastSession, 10_000, 'the unknown-version notice');
      assert.match(session.sinks!.message, /version is unknown \(GET \/info failed: .*404.*\)\. .*older than inference 1\.3\.7 ignore that: on one, the sink step `notify` would fire/);
      await chooseImage(panel);
      asSuccess(await run(panel));
      const [request] = silent.requests.filter((r) => r.url === '/workflows/run');
      assert.strictEqual(JSON.parse(request.body).disable_sinks, true);
    } finally {
      await setServerUrl(server.url);
      await silent.close();
    }
  });

  it('logs runs to the output channel without secrets', async () => {
    server.setScenario('unauthorized-model-key-leak');
    const panel = await openPreview('preview/detect.workflow.json');
    await chooseImage(panel);
    asFailure(await run(panel));
    const logFiles = () =>
      api
        .storagePaths()
        .filter((p) => fs.existsSync(p))
        .flatMap((dir) => (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f)))
        .filter((f) => fs.statSync(f).isFile());
    const text = await waitFor(
      () => {
        const all = logFiles()
          .map((f) => fs.readFileSync(f, 'utf8'))
          .join('\n');
        return /Preview of detect\.workflow\.json \(run \d+\) failed/.test(all) && all;
      },
      10_000,
      'the output channel log file',
    );
    assert.match(text, /POST http:\/\/127\.0\.0\.1:\d+\/workflows\/run/);
    assertNoLeak(text, 'the output channel');
  });
});
