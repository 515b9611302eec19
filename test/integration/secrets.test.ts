import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/vscode/sharing/testApi';
import { ALL_CANARIES, CANARY_CREDENTIAL, FILES_SEEDED_WITH_A_KEY, CANARY_OPENAI_KEY, CANARY_ROBOFLOW_API_KEY, workflowWithLiteralKey } from '../support/canaries';
import { findLeak } from '../support/secretLeaks';
import { extensionTestApi, closeAllEditors, diagnosticsFor, openFixture, resetAllFixtures, waitFor, workspaceDir, writeFixture } from './helpers';

const SOURCE = 'roboflow-workflows';
const MOVE = 'roboflowWorkflows.moveSecretToStorage';
const LITERAL = 'sharing/literal-key.workflow.json';

type StoreInternals = { secrets: vscode.SecretStorage };

/** A SecretStorage that fails like a missing Linux keyring. */
const brokenSecretStorage: vscode.SecretStorage = {
  get: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  store: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  delete: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  onDidChange: new vscode.EventEmitter<vscode.SecretStorageChangeEvent>().event,
} as vscode.SecretStorage;

/** The `literal-secret` error on `value` as the document reads now (not one left from its previous text). */
function literalSecretError(doc: vscode.TextDocument, value: string): Promise<vscode.Diagnostic> {
  return waitFor(
    () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === SOURCE && d.code === 'literal-secret' && doc.getText(d.range).includes(value)),
    10_000,
    'the literal-secret error on the value',
  );
}

async function closeUntitled(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled' && !d.isClosed)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

const activateApi = extensionTestApi;

suite('SecretStorage: store, commands, Move to SecretStorage', () => {
  let api: ExtensionTestApi;

  suiteSetup(async () => {
    api = await activateApi();
  });
  teardown(async () => {
    api.setTestHooks({});
    const store = api.secretStore;
    for (const stored of await store.listCredentials()) await store.deleteCredential(stored);
    await store.deleteApiKey();
    await closeUntitled();
    await closeAllEditors();
    await resetAllFixtures();
  });

  test('SecretStore keeps values under provider and name, and an index of names only', async () => {
    const store = api.secretStore;
    const internals = (store as unknown as StoreInternals).secrets;
    const changes: string[] = [];
    const sub = store.onDidChange((e) => changes.push(e.kind === 'credential' ? `${e.provider}/${e.name}` : e.kind));
    try {
      await store.setCredential({ provider: 'openai', name: 'openai_api_key' }, CANARY_OPENAI_KEY);
      await store.setCredential({ provider: 'slack', name: 'slack_token' }, CANARY_CREDENTIAL);
      await store.setApiKey(CANARY_ROBOFLOW_API_KEY);
      assert.strictEqual(await store.getCredential({ provider: 'openai', name: 'openai_api_key' }), CANARY_OPENAI_KEY);
      assert.strictEqual(await store.getCredential({ provider: 'anthropic', name: 'openai_api_key' }), undefined, 'never found by its name alone');
      assert.strictEqual(await internals.get('roboflowWorkflows.credential.openai.openai_api_key'), CANARY_OPENAI_KEY);
      assert.strictEqual(await internals.get('roboflowWorkflows.apiKey'), CANARY_ROBOFLOW_API_KEY);
      assert.deepStrictEqual(await store.listCredentials(), [{ provider: 'openai', name: 'openai_api_key' }, { provider: 'slack', name: 'slack_token' }]);
      const index = await internals.get('roboflowWorkflows.credentialIndex');
      assert.deepStrictEqual(JSON.parse(index!), [{ provider: 'openai', name: 'openai_api_key' }, { provider: 'slack', name: 'slack_token' }]);
      for (const canary of ALL_CANARIES) assert.ok(!index!.includes(canary), 'the index holds names only');

      await store.deleteCredential({ provider: 'slack', name: 'slack_token' });
      assert.strictEqual(await store.getCredential({ provider: 'slack', name: 'slack_token' }), undefined);
      assert.deepStrictEqual(await store.listCredentials(), [{ provider: 'openai', name: 'openai_api_key' }]);
      await assert.rejects(store.setCredential({ provider: 'openai', name: 'bad name' }, 'x'), /not a valid credential name/);
      await assert.rejects(store.setCredential({ provider: 'open.ai', name: 'key' }, 'x'), /not a valid provider id/);
      await waitFor(() => ['openai/openai_api_key', 'slack/slack_token', 'credentialList', 'apiKey'].every((n) => changes.includes(n)), 5_000, 'change events');

      // What an earlier version stored (no provider): listed and redacted, never filled in; clearable.
      await internals.store('roboflowWorkflows.credential.legacy_key', CANARY_CREDENTIAL);
      await internals.store('roboflowWorkflows.credentialIndex', JSON.stringify([{ provider: 'openai', name: 'openai_api_key' }, 'legacy_key']));
      assert.deepStrictEqual(await store.listCredentials(), [{ name: 'legacy_key' }, { provider: 'openai', name: 'openai_api_key' }]);
      assert.strictEqual(await store.getCredential({ name: 'legacy_key' }), CANARY_CREDENTIAL);
      await store.deleteCredential({ name: 'legacy_key' });
      assert.strictEqual(await internals.get('roboflowWorkflows.credential.legacy_key'), undefined);
      assert.deepStrictEqual(await store.listCredentials(), [{ provider: 'openai', name: 'openai_api_key' }]);
    } finally {
      sub.dispose();
    }
  });

  test('Set Roboflow API Key: a password box, stored in SecretStorage', async () => {
    const asked: vscode.InputBoxOptions[] = [];
    api.setTestHooks({
      inputBox: async (options) => {
        asked.push(options);
        return CANARY_ROBOFLOW_API_KEY;
      },
    });
    const result = await vscode.commands.executeCommand<{ changed: boolean }>('roboflowWorkflows.setApiKey');
    assert.ok(result.changed);
    assert.strictEqual(asked.length, 1);
    assert.strictEqual(asked[0].password, true);
    assert.strictEqual(await api.secretStore.getApiKey(), CANARY_ROBOFLOW_API_KEY);

    api.setTestHooks({ inputBox: async () => undefined });
    const cancelled = await vscode.commands.executeCommand<{ changed: boolean }>('roboflowWorkflows.setApiKey');
    assert.strictEqual(cancelled.changed, false);
    assert.strictEqual(await api.secretStore.getApiKey(), CANARY_ROBOFLOW_API_KEY, 'cancelling keeps the stored key');
  });

  test("Store a Credential: picks among the workflow's credential inputs and the catalog's providers", async () => {
    await openFixture('sharing/openai.workflow.json');
    let offered: vscode.QuickPickItem[] = [];
    const asked: vscode.InputBoxOptions[] = [];
    api.setTestHooks({
      quickPick: async (items) => {
        offered = [...items];
        return items.find((i) => i.label === 'openai_api_key');
      },
      inputBox: async (options) => {
        asked.push(options);
        return CANARY_CREDENTIAL;
      },
    });
    const result = await vscode.commands.executeCommand<{ changed: boolean; name: string }>('roboflowWorkflows.setCredential');
    assert.deepStrictEqual(result, { changed: true, name: 'openai_api_key', provider: 'openai' });
    const labels = offered.map((i) => i.label);
    assert.strictEqual(labels[0], 'This workflow');
    assert.strictEqual(labels[1], 'openai_api_key');
    assert.match(offered[1].description!, /OpenAI · not stored/);
    assert.ok(labels.includes('Known providers'));
    assert.ok(labels.includes('anthropic_api_key'), `known providers: ${labels.join(', ')}`);
    assert.strictEqual(labels.filter((l) => l === 'openai_api_key').length, 1, 'listed once');
    assert.ok(offered.every((i) => !/^(webhook|SMTP|OpenAI-compatible)/.test(i.description ?? '')), 'no provider whose address the workflow chooses');
    assert.strictEqual(asked[0].password, true);
    assert.strictEqual(asked[0].title, 'OpenAI credential `openai_api_key`');
    assert.strictEqual(await api.secretStore.getCredential({ provider: 'openai', name: 'openai_api_key' }), CANARY_CREDENTIAL);

    // With a name and a provider (as the code lens passes them): only the password box.
    api.setTestHooks({
      quickPick: async () => assert.fail('no quick pick when the name and provider are given'),
      inputBox: async () => CANARY_OPENAI_KEY,
    });
    const named = await vscode.commands.executeCommand<{ changed: boolean; name: string }>('roboflowWorkflows.setCredential', 'slack_token', 'slack');
    assert.deepStrictEqual(named, { changed: true, name: 'slack_token', provider: 'slack' });
    assert.strictEqual(await api.secretStore.getCredential({ provider: 'slack', name: 'slack_token' }), CANARY_OPENAI_KEY);

    // A name without a provider: which provider is asked (only those with a fixed address).
    let providers: string[] = [];
    api.setTestHooks({
      quickPick: async (items) => {
        providers = items.map((i) => i.label);
        return items.find((i) => i.label === 'Anthropic');
      },
      inputBox: async () => CANARY_CREDENTIAL,
    });
    const asked2 = await vscode.commands.executeCommand<{ changed: boolean; name: string }>('roboflowWorkflows.setCredential', 'my_key');
    assert.deepStrictEqual(asked2, { changed: true, name: 'my_key', provider: 'anthropic' });
    assert.ok(providers.includes('OpenAI') && !providers.includes('Webhook') && !providers.includes('SMTP (email)'), providers.join(', '));
  });

  test('List and clear: names only, never values', async () => {
    await api.secretStore.setCredential({ provider: 'openai', name: 'openai_api_key' }, CANARY_OPENAI_KEY);
    await api.secretStore.setApiKey(CANARY_ROBOFLOW_API_KEY);
    let shown: vscode.QuickPickItem[] = [];
    api.setTestHooks({
      quickPick: async (items) => {
        shown = [...items];
        return undefined;
      },
    });
    const listed = await vscode.commands.executeCommand('roboflowWorkflows.listCredentials');
    assert.deepStrictEqual(listed, { apiKey: true, credentials: [{ provider: 'openai', name: 'openai_api_key' }] });
    await waitFor(() => shown.length, 2_000, 'the quick pick');
    assert.deepStrictEqual(shown.map((i) => [i.label, i.description]), [['Roboflow API key', 'stored ✓'], ['Credentials', undefined], ['openai_api_key', 'OpenAI · stored ✓']]);
    for (const canary of ALL_CANARIES) assert.ok(!JSON.stringify(shown).includes(canary), 'no value shown');

    api.setTestHooks({ quickPick: async (items) => items.find((i) => i.label === 'openai_api_key') });
    const cleared = await vscode.commands.executeCommand<{ changed: boolean; name: string }>('roboflowWorkflows.clearCredential');
    assert.deepStrictEqual(cleared, { changed: true, name: 'openai_api_key', provider: 'openai' });
    assert.strictEqual(await api.secretStore.getCredential({ provider: 'openai', name: 'openai_api_key' }), undefined);
    assert.deepStrictEqual(await api.secretStore.listCredentials(), []);
    api.setTestHooks({ quickPick: async (items) => items.find((i) => i.label === 'Roboflow API key') });
    assert.deepStrictEqual(await vscode.commands.executeCommand('roboflowWorkflows.clearCredential'), { changed: true, name: 'apiKey' });
    assert.strictEqual(await api.secretStore.getApiKey(), undefined);
  });

  test('Move to SecretStorage: stores the value, leaves no secret in the file, one undo restores it', async () => {
    const original = workflowWithLiteralKey();
    writeFixture(LITERAL, original);
    const { doc } = await openFixture(LITERAL);
    const diagnostics = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    const literal = diagnostics.find((d) => d.code === 'literal-secret');
    assert.ok(literal, `diagnostics: ${diagnostics.map((d) => d.code).join(', ')}`);
    assert.ok(!literal.message.includes(CANARY_OPENAI_KEY), 'the message never carries the value');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, literal.range);
    const offered = actions.filter((a) => a.title === 'Move to SecretStorage');
    assert.strictEqual(offered.length, 1, 'one Move to SecretStorage action: no plain edit that would drop the value');
    const move = offered.find((a) => a.command?.command === MOVE);
    assert.ok(move?.command, `actions: ${actions.map((a) => `${a.title} (${a.command?.command ?? 'edit'})`).join(', ')}`);
    assert.strictEqual(move.edit, undefined, 'the document is edited only after the value is stored');

    const result = await vscode.commands.executeCommand<{ moved: boolean; inputName: string }>(move.command.command, ...(move.command.arguments ?? []));
    assert.deepStrictEqual(result, { moved: true, inputName: 'openai_api_key' });
    assert.strictEqual(await api.secretStore.getCredential({ provider: 'openai', name: 'openai_api_key' }), CANARY_OPENAI_KEY, 'stored for the provider of the step it was written in');
    const text = doc.getText();
    assert.ok(!text.includes(CANARY_OPENAI_KEY), 'no secret left in the file');
    const definition = JSON.parse(text);
    assert.strictEqual(definition.steps[0].api_key, '$inputs.openai_api_key');
    assert.deepStrictEqual(definition.inputs[1], { type: 'WorkflowParameter', name: 'openai_api_key', kind: ['secret'] });
    const after = await diagnosticsFor(doc.uri, SOURCE);
    assert.ok(!after.some((d) => d.code === 'literal-secret'));

    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === original, 5_000, 'one undo to restore the whole document');
  });

  test('Move to SecretStorage among one-line inputs adds a one-line input, and changes nothing else', async () => {
    const lines = (inputs: string[], apiKey: string) => [
      '{',
      '  "version": "1.0",',
      '  "inputs": [',
      ...inputs,
      '  ],',
      '  "steps": [',
      '    {',
      '      "type": "roboflow_core/open_ai@v2",',
      '      "name": "gpt",',
      '      "images": "$inputs.image",',
      '      "task_type": "unconstrained",',
      '      "prompt": "Describe the scene",',
      `      "api_key": ${JSON.stringify(apiKey)}`,
      '    }',
      '  ],',
      '  "outputs": [',
      '    { "type": "JsonField", "name": "description", "selector": "$steps.gpt.output" }',
      '  ]',
      '}',
      '',
    ].join('\n');
    const image = '    { "type": "WorkflowImage", "name": "image" }';
    writeFixture(LITERAL, lines([image], CANARY_OPENAI_KEY));
    const { doc } = await openFixture(LITERAL);
    const literal = await literalSecretError(doc, CANARY_OPENAI_KEY);
    const result = await vscode.commands.executeCommand<{ moved: boolean; inputName: string }>(MOVE, doc.uri.toString(), doc.offsetAt(literal.range.start));
    assert.deepStrictEqual(result, { moved: true, inputName: 'openai_api_key' });
    assert.strictEqual(doc.getText(), lines([`${image},`, '    { "type": "WorkflowParameter", "name": "openai_api_key", "kind": ["secret"] }'], '$inputs.openai_api_key'));
  });

  test('Move to SecretStorage when SecretStorage fails: a clear error, nothing stored, the file unchanged', async () => {
    const original = workflowWithLiteralKey();
    writeFixture(LITERAL, original);
    const { doc } = await openFixture(LITERAL);
    const literal = await literalSecretError(doc, CANARY_OPENAI_KEY);
    const internals = api.secretStore as unknown as StoreInternals;
    const working = internals.secrets;
    internals.secrets = brokenSecretStorage;
    try {
      const result = await vscode.commands.executeCommand<{ moved: boolean; reason: string }>(MOVE, doc.uri.toString(), doc.offsetAt(literal.range.start));
      assert.strictEqual(result.moved, false);
      assert.match(result.reason, /secret storage is not available/);
      assert.match(result.reason, /keyring/);
      assert.match(result.reason, /Nothing was stored anywhere else/);
      assert.ok(!result.reason.includes(CANARY_OPENAI_KEY));
      assert.strictEqual(doc.getText(), original, 'the edit is not applied');
      assert.ok(!doc.isDirty);

      api.setTestHooks({ inputBox: async () => CANARY_ROBOFLOW_API_KEY });
      const apiKey = await vscode.commands.executeCommand<{ changed: boolean; reason: string }>('roboflowWorkflows.setApiKey');
      assert.strictEqual(apiKey.changed, false);
      assert.match(apiKey.reason, /secret storage is not available/);
    } finally {
      internals.secrets = working;
    }
    assert.strictEqual(await api.secretStore.getCredential({ provider: 'openai', name: 'openai_api_key' }), undefined);
    assert.strictEqual(await api.secretStore.getApiKey(), undefined);
  });

  test('a key stored in SecretStorage is an error wherever the workflow holds it; the export refuses it, then replaces it', async () => {
    const HOOK = 'sharing/stored-key-hook.workflow.json';
    const HOOK_2 = 'sharing/stored-key-payload.workflow.json';
    const KEY = CANARY_ROBOFLOW_API_KEY; // no provider shape: only SecretStorage knows it is a secret
    const definition = (url: string) =>
      `${JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }], steps: [{ type: 'roboflow_core/webhook_sink@v1', name: 'hook', url, json_payload: { key: KEY } }], outputs: [] }, null, 2)}\n`;
    writeFixture(HOOK, definition(`https://h.example/in?token=${KEY}`));
    const { doc } = await openFixture(HOOK);
    const secretDiagnostics = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE && d.code === 'literal-secret');
    const before = await diagnosticsFor(doc.uri, SOURCE, { atLeast: 1 });
    assert.deepStrictEqual(
      before.filter((d) => d.code === 'literal-secret').map((d) => d.message.split(':')[0]),
      ['A credential in query parameter `token` (33 characters) is written in step `hook`, `url`'],
      'before it is stored, the payload value has nothing to recognise it by',
    );

    await api.secretStore.setApiKey(KEY);
    const found = await waitFor(() => secretDiagnostics().length === 2 && secretDiagnostics().every((d) => d.message.includes('stored in your SecretStorage')) && secretDiagnostics(), 10_000, 'the stored key found twice');
    assert.deepStrictEqual(
      found.map((d) => [d.severity, d.message.split(':')[0], doc.getText(d.range)]),
      [
        [vscode.DiagnosticSeverity.Error, 'A credential stored in your SecretStorage is written in step `hook`, `url`', KEY],
        [vscode.DiagnosticSeverity.Error, 'A credential stored in your SecretStorage is written in step `hook`, `json_payload.key`', JSON.stringify(KEY)],
      ],
    );
    for (const d of vscode.languages.getDiagnostics(doc.uri)) assert.ok(!d.message.includes(KEY.slice(3)), d.message);
    const actions = async (d: vscode.Diagnostic) =>
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range)).filter((a) => a.title === 'Move to SecretStorage');
    assert.strictEqual((await actions(found[0])).length, 0, 'no fix inside a URL');
    assert.strictEqual((await actions(found[1])).length, 1, 'the whole payload value can become an input');

    const refused = await vscode.commands.executeCommand<{ exported: boolean; reason: string }>('roboflowWorkflows.exportShareableDefinition');
    assert.deepStrictEqual(refused, {
      exported: false,
      reason: 'Not exported: credentials are written where no input can take their place (step `hook`, `url`). Take them out of the workflow (see its `literal-secret` errors), then export again.',
    });
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'untitled'), 'no export document was opened');

    // Without the URL token (a file of its own: an edited document would be saved to local history).
    writeFixture(HOOK_2, definition('https://h.example/in'));
    const second = (await openFixture(HOOK_2)).doc;
    const left = (await diagnosticsFor(second.uri, SOURCE, { atLeast: 1 })).filter((d) => d.code === 'literal-secret');
    assert.deepStrictEqual(left.map((d) => second.getText(d.range)), [JSON.stringify(KEY)]);
    const result = await vscode.commands.executeCommand<{ exported: boolean; uri: string }>('roboflowWorkflows.exportShareableDefinition');
    assert.ok(result.exported);
    const exported = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.uri)!;
    assert.strictEqual(exported.uri.scheme, 'untitled');
    assert.strictEqual(findLeak(exported.getText(), KEY), undefined);
    const steps = JSON.parse(exported.getText()).steps;
    assert.deepStrictEqual(steps[0].json_payload, { key: '$inputs.webhook_key' });
  });
});

// ---------------------------------------------------------------------------------------------
// After every suite of the run: no canary may be found in the run's workspace, the user-data
// folder (settings, state, backups, logs) or the code-server logs.

function ancestorNamed(file: string, name: string): string | undefined {
  for (let dir = file; dir !== path.dirname(dir); dir = path.dirname(dir)) if (path.basename(dir) === name) return dir;
  return undefined;
}

function filesUnder(dir: string, into: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return into;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(full, into);
    else if (entry.isFile()) into.push(full);
  }
  return into;
}

/**
 * The local-history folders (one per file: `entries.json` names it) of the files the tests seed with
 * a key: the versions kept from before Move to SecretStorage are the user's own content (the README
 * tells users to delete them). Every other history entry is scanned.
 */
function historyOfFilesSeededWithAKey(historyRoot: string): string[] {
  const seeded = FILES_SEEDED_WITH_A_KEY.map((rel) => `/${path.basename(workspaceDir())}/${rel}`);
  const folders: string[] = [];
  for (const entries of filesUnder(historyRoot).filter((f) => path.basename(f) === 'entries.json')) {
    const resource = (JSON.parse(fs.readFileSync(entries, 'utf8')) as { resource?: unknown }).resource;
    if (typeof resource === 'string' && seeded.some((s) => decodeURIComponent(resource).endsWith(s))) folders.push(path.dirname(entries) + path.sep);
  }
  return folders;
}

after(async function () {
  this.timeout(120_000);
  const api = await activateApi();
  api.setTestHooks({});
  await closeUntitled();
  await closeAllEditors();
  await resetAllFixtures();
  const store = api.secretStore;
  for (const stored of await store.listCredentials()) await store.deleteCredential(stored);
  await store.deleteApiKey();

  const userData = api.storagePaths().map((p) => ancestorNamed(p, 'user-data')).find((p): p is string => !!p);
  assert.ok(userData, `no user-data folder above ${api.storagePaths().join(', ')}`);
  const profile = path.dirname(userData); // user-data, logs of code-server, home, tmp
  assert.ok(profile.split(path.sep).includes('.test-run'), `refusing to scan outside .test-run: ${profile}`);
  // Wait for what the scan must see: the output channel's log on disk up to its last line, and VS Code
  // done with the backups of the untitled documents it just closed.
  const marker = `leak-scan-marker-${Date.now()}`;
  api.logLine(marker);
  await waitFor(() => filesUnder(profile).some((f) => f.endsWith('.log') && fs.readFileSync(f, 'utf8').includes(marker)), 60_000, 'the output channel log to reach the disk');
  await waitFor(() => filesUnder(userData).filter((f) => f.split(path.sep).includes('Backups') && f.split(path.sep).includes('untitled')).length === 0, 60_000, 'the untitled backups to be removed');
  const roots = [workspaceDir(), profile];
  const needles = ALL_CANARIES.flatMap((c) => [Buffer.from(c, 'utf8'), Buffer.from(c, 'utf16le')]);
  const hits: string[] = [];
  let scanned = 0;
  const seededHistory = historyOfFilesSeededWithAKey(path.join(userData, 'User', 'History'));
  for (const root of roots) {
    for (const file of filesUnder(root)) {
      if (seededHistory.some((dir) => file.startsWith(dir))) continue;
      let content: Buffer;
      try {
        content = fs.readFileSync(file);
      } catch (error) {
        // A file that vanished between listing and reading held nothing to find; any other failure
        // (permissions, a file too large to read) is a file the scan could not vouch for.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw new Error(`cannot scan ${file}: ${(error as Error).message}`);
      }
      scanned++;
      if (needles.some((n) => content.includes(n))) hits.push(path.relative(path.dirname(profile), file));
    }
  }
  assert.ok(scanned > 0, 'nothing was scanned');
  assert.deepStrictEqual(hits, [], `canary secrets found in: ${hits.join(', ')}`);
});
