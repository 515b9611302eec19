// Blocks newer than the bundled catalog (a warning whose quick fix refreshes the catalog) and the
// once-a-day background refresh, against the fake inference server. Every test uses its own fake
// server, so its URL has never been asked before (the once-a-day clock is per URL, in globalState).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { BackgroundRefreshOutcome } from '../../src/vscode/catalog/backgroundRefresh';
import type { ExtensionTestApi } from '../../src/vscode/sharing/testApi';
import { CANARY_ROBOFLOW_API_KEY } from '../support/canaries';
import { startFakeInferenceServer, type FakeDescribeAnswer, type FakeInferenceServer } from '../support/fakeInferenceServer';
import { extensionTestApi, closeAllEditors, diagnosticsFor, openFixture, resetAllFixtures, waitFor, writeFixture } from './helpers';

const SOURCE = 'roboflow-workflows';
/** A release of OpenAI's block no bundled catalog has; the fake server describes it when asked to. */
const NEWER = 'roboflow_core/open_ai@v99';
/** `promt` is a typo the catalog can only see once it knows the block. */
const NEWER_WORKFLOW = `{
  "version": "1.0",
  "inputs": [{ "type": "WorkflowImage", "name": "image" }],
  "steps": [{ "type": "${NEWER}", "name": "gpt", "images": "$inputs.image", "promt": "What is in the image?" }],
  "outputs": [{ "type": "JsonField", "name": "answer", "selector": "$steps.gpt.output" }]
}
`;

const describeRequests = (server: FakeInferenceServer) => server.requests.filter((r) => r.url === '/workflows/blocks/describe');
const summary = (ds: vscode.Diagnostic[]) => ds.map((d) => `${d.code} ${vscode.DiagnosticSeverity[d.severity]}: ${d.message}`).join('\n');

suite('Blocks newer than the catalog, and the background catalog refresh', () => {
  let api: ExtensionTestApi;
  const servers: FakeInferenceServer[] = [];
  let opened = 0;
  const settings = () => vscode.workspace.getConfiguration('roboflowWorkflows');

  /** A fake server whose URL no test used, configured as the user's server. */
  async function useNewServer(describe: FakeDescribeAnswer = { newerReleases: [NEWER] }): Promise<FakeInferenceServer> {
    const server = await startFakeInferenceServer({ describe });
    servers.push(server);
    await settings().update('serverUrl', server.url, vscode.ConfigurationTarget.Global);
    return server;
  }

  const setAutoRefresh = (on: boolean) => settings().update('catalog.autoRefresh', on, vscode.ConfigurationTarget.Global);

  /** Opens a workflow file never opened before in this run, so VS Code reports it as newly opened. */
  async function openNewWorkflow(): Promise<vscode.TextDocument> {
    const name = `refresh-${++opened}.workflow.json`;
    writeFixture(name, NEWER_WORKFLOW);
    return (await openFixture(name)).doc;
  }

  /** The outcomes so far: a later one is any outcome not among them (the list keeps only the last ones). */
  const outcomesSoFar = () => new Set(api.backgroundCatalogRefreshes());

  /** The first background refresh outcome for `server` that is not among `earlier`. */
  function nextOutcome(server: FakeInferenceServer, earlier: Set<BackgroundRefreshOutcome>): Promise<BackgroundRefreshOutcome> {
    return waitFor(() => api.backgroundCatalogRefreshes().find((o) => !earlier.has(o) && o.serverUrl === server.url), 20_000, `a background refresh outcome for ${server.url}`);
  }

  async function newerWarningOnly(doc: vscode.TextDocument): Promise<vscode.Diagnostic> {
    const all = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    // Until the refresh, the step is analysed as the newest known open_ai, whose api_key defaults to a
    // Roboflow-managed key: that information is expected, and nothing else.
    const diagnostics = all.filter((d) => d.code !== 'managed-key');
    assert.deepStrictEqual(diagnostics.map((d) => d.code), ['block-newer-than-catalog'], summary(all));
    return diagnostics[0];
  }

  /** Once the catalog knows the block, the step is checked: the typo shows, nothing else does. */
  async function checkedAfterRefresh(doc: vscode.TextDocument): Promise<void> {
    const diagnostics = await waitFor(
      () => {
        const current = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE);
        return current.some((d) => d.code === 'unknown-property') && current;
      },
      10_000,
      'the refreshed catalog to check the step',
    );
    assert.deepStrictEqual(diagnostics.map((d) => d.code), ['unknown-property'], summary(diagnostics));
    assert.match(diagnostics[0].message, /Did you mean `prompt`/);
  }

  /** The profile's own values (autoRefresh is off in every test profile), put back at the end. */
  let saved: { serverUrl?: string; autoRefresh?: boolean };

  suiteSetup(async () => {
    api = await extensionTestApi();
    saved = { serverUrl: settings().inspect<string>('serverUrl')?.globalValue, autoRefresh: settings().inspect<boolean>('catalog.autoRefresh')?.globalValue };
  });
  teardown(async () => {
    await setAutoRefresh(false);
    await vscode.commands.executeCommand('roboflowWorkflows.resetCatalog');
    await api.secretStore.deleteApiKey();
    await closeAllEditors();
    await resetAllFixtures();
  });
  suiteTeardown(async () => {
    await settings().update('serverUrl', saved.serverUrl, vscode.ConfigurationTarget.Global);
    await settings().update('catalog.autoRefresh', saved.autoRefresh, vscode.ConfigurationTarget.Global);
    assert.strictEqual(settings().inspect<boolean>('catalog.autoRefresh')?.globalValue, false, 'later suites must not refresh from the hosted API');
    await Promise.all(servers.map((s) => s.close()));
  });

  test('a newer block version is a warning (its fields and outputs unchecked) whose quick fix refreshes the catalog', async () => {
    await setAutoRefresh(false);
    const server = await useNewServer();
    const doc = await openNewWorkflow();

    const warning = await newerWarningOnly(doc);
    assert.strictEqual(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(doc.getText(warning.range), `"${NEWER}"`);
    assert.match(warning.message, /^`roboflow_core\/open_ai@v99` is newer than the block catalog \(.+, newest known: `roboflow_core\/open_ai@v\d+`\)\. Refresh the catalog from your server/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, warning.range);
    const refresh = actions.find((a) => a.title === 'Refresh block catalog from server');
    assert.ok(refresh?.command, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.strictEqual(refresh.command.command, 'roboflowWorkflows.refreshCatalog');
    assert.strictEqual(refresh.isPreferred, true);
    assert.strictEqual(refresh.edit, undefined, 'the fix runs a command; it does not edit the workflow');

    const result = await vscode.commands.executeCommand<{ refreshed: boolean }>(refresh.command.command, ...(refresh.command.arguments ?? []));
    assert.strictEqual(result.refreshed, true);
    assert.strictEqual(describeRequests(server).length, 1);
    await checkedAfterRefresh(doc);
  });

  test('opening a workflow refreshes in the background once a day, without the API key; the warning goes when the block arrives', async () => {
    await api.secretStore.setApiKey(CANARY_ROBOFLOW_API_KEY); // stored, and still never sent in the background
    const server = await useNewServer();
    await setAutoRefresh(true);
    const since = outcomesSoFar();
    const first = await openNewWorkflow();

    const outcome = await nextOutcome(server, since);
    assert.deepStrictEqual(outcome, { serverUrl: server.url, result: 'refreshed', blocks: 2, added: 2 });
    const [request] = describeRequests(server);
    assert.strictEqual(describeRequests(server).length, 1);
    assert.strictEqual(request.apiKey, undefined, 'the background refresh sent a key');
    assert.strictEqual(request.headers.authorization, undefined);
    assert.ok(!request.body.includes(CANARY_ROBOFLOW_API_KEY));
    assert.deepStrictEqual(JSON.parse(request.body), { dynamic_blocks_definitions: [] });
    await checkedAfterRefresh(first);

    await closeAllEditors();
    const sinceSecond = outcomesSoFar();
    await openNewWorkflow();
    assert.deepStrictEqual(await nextOutcome(server, sinceSecond), { serverUrl: server.url, result: 'skipped', reason: 'not-due' });
    assert.strictEqual(describeRequests(server).length, 1, 'a second workflow opened within the day asked the server again');
  });

  test('the refresh command resets the once-a-day clock', async () => {
    const server = await useNewServer();
    await setAutoRefresh(true);
    const result = await vscode.commands.executeCommand<{ refreshed: boolean }>('roboflowWorkflows.refreshCatalog');
    assert.strictEqual(result.refreshed, true);
    assert.strictEqual(describeRequests(server).length, 1);

    const since = outcomesSoFar();
    const doc = await openNewWorkflow();
    assert.deepStrictEqual(await nextOutcome(server, since), { serverUrl: server.url, result: 'skipped', reason: 'not-due' });
    assert.strictEqual(describeRequests(server).length, 1);
    await checkedAfterRefresh(doc);
  });

  test('catalog.autoRefresh = false: opening a workflow asks no server', async () => {
    await setAutoRefresh(false);
    const server = await useNewServer();
    const since = outcomesSoFar();
    const doc = await openNewWorkflow();
    assert.deepStrictEqual(await nextOutcome(server, since), { serverUrl: server.url, result: 'skipped', reason: 'disabled' });
    assert.deepStrictEqual(server.requests, []);
    await newerWarningOnly(doc);
  });

  test('a failing or malformed answer is only logged: the catalog and the diagnostics stay as they were', async () => {
    await setAutoRefresh(true);
    for (const scenario of ['internal-error', 'malformed-json'] as const) {
      const server = await useNewServer({ newerReleases: [NEWER], scenario });
      const since = outcomesSoFar();
      const doc = await openNewWorkflow();
      const outcome = await nextOutcome(server, since);
      assert.strictEqual(outcome.result, 'failed', `${scenario}: ${JSON.stringify(outcome)}`);
      assert.strictEqual(describeRequests(server).length, 1);
      const warning = await newerWarningOnly(doc);
      assert.strictEqual(warning.severity, vscode.DiagnosticSeverity.Warning);
      await closeAllEditors();
    }
  });
});
