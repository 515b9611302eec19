import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/vscode/sharing/testApi';
import { CANARY_CREDENTIAL, CANARY_OPENAI_KEY, workflowWithLiteralKey } from '../support/canaries';
import { extensionTestApi, closeAllEditors, fixtureSourceDir, fixtureUri, openFixture, resetAllFixtures, setDocumentText, waitFor, writeFixture } from './helpers';

interface LensView {
  line: number;
  title: string;
  command: string;
  args: unknown[];
  tooltip?: string;
}

async function lensesOf(uri: vscode.Uri): Promise<LensView[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  // The Preview, Validate on Server and Graph lenses (their own features, tested in preview.test.ts,
  // serverValidation.test.ts and graph.test.ts) are left out of these views.
  const elsewhere = new Set(['roboflowWorkflows.preview', 'roboflowWorkflows.validateOnServer', 'roboflowWorkflows.showGraph']);
  return lenses
    .filter((l) => l.command && !elsewhere.has(l.command.command))
    .map((l) => ({ line: l.range.start.line, title: l.command!.title, command: l.command!.command, args: l.command!.arguments ?? [], tooltip: l.command!.tooltip }));
}

/** Waits until the lenses of `uri` satisfy `predicate` (they refresh asynchronously). */
async function lensesUntil(uri: vscode.Uri, predicate: (lenses: LensView[]) => boolean, what: string): Promise<LensView[]> {
  let last: LensView[] = [];
  try {
    return await waitFor(
      async () => {
        last = await lensesOf(uri);
        return predicate(last) ? last : undefined;
      },
      10_000,
      what,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; lenses: ${JSON.stringify(last.map((l) => `${l.line}: ${l.title}`))}`);
  }
}

/** A copy of a committed workflow under a name of its own, so its sidecar is new to VS Code. */
function copyWorkflow(from: string, name: string): string {
  const to = `sharing/${name}.workflow.json`;
  writeFixture(to, fs.readFileSync(path.join(fixtureSourceDir, 'sharing', `${from}.workflow.json`), 'utf8'));
  return to;
}

const titles = (lenses: LensView[], line?: number) => lenses.filter((l) => line === undefined || l.line === line).map((l) => l.title);

suite('Code lenses: private models, credentials, sharing summary', () => {
  let api: ExtensionTestApi;

  suiteSetup(async () => {
    api = await extensionTestApi();
  });
  teardown(async () => {
    api.setTestHooks({});
    for (const stored of await api.secretStore.listCredentials()) await api.secretStore.deleteCredential(stored);
    await closeAllEditors();
    await resetAllFixtures();
  });

  test('a private-model step and the summary line, each leading to its command', async () => {
    const { doc } = await openFixture(copyWorkflow('private-model', 'lens-private'));
    const lenses = await lensesUntil(doc.uri, (ls) => ls.length >= 5, 'the lenses');
    const uri = doc.uri.toString();
    assert.deepStrictEqual(
      lenses.filter((l) => l.line === 0).map((l) => [l.title, l.command, l.args]),
      [
        ['$(organization) Sharing', 'roboflowWorkflows.openSharingConfiguration', [uri]],
        ['run access own-key', 'roboflowWorkflows.toggleRunAccess', [uri]],
        ['credentials user-provided (not offered: no step needs credentials)', 'roboflowWorkflows.toggleHiddenCredentials', [uri]],
        ['$(export) Export shareable', 'roboflowWorkflows.exportShareableDefinition', [uri]],
      ],
    );
    const stepLine = doc.positionAt(doc.getText().indexOf('{', doc.getText().indexOf('"steps"'))).line;
    const model = lenses.find((l) => l.title.startsWith('$(lock)'))!;
    assert.deepStrictEqual([model.line, model.title, model.command], [stepLine, '$(lock) Private model acme-widgets/3 · people you share with must use their own key', 'roboflowWorkflows.toggleRunAccess']);

    // Clicking it (confirmed) turns run access on: the lenses say so.
    api.setTestHooks({ confirm: async () => true });
    await vscode.commands.executeCommand(model.command, ...model.args);
    const after = await lensesUntil(doc.uri, (ls) => titles(ls).includes('run access owner-key'), 'run access owner-key in the summary');
    assert.ok(titles(after).includes('$(lock) Private model acme-widgets/3 · people you share with run it under your key'), JSON.stringify(titles(after)));
  });

  test('lenses follow the sidecar as it is edited, unsaved', async () => {
    const workflow = copyWorkflow('both', 'lens-both');
    writeFixture(workflow.replace('.json', '.sharing.json'), '{}\n');
    const { doc } = await openFixture(workflow);
    await lensesUntil(doc.uri, (ls) => titles(ls, 0).includes('credentials user-provided'), 'credentials user-provided');
    const sidecar = await vscode.workspace.openTextDocument(fixtureUri(workflow.replace('.json', '.sharing.json')));
    await setDocumentText(sidecar, '{ "credentials": "owner-hidden" }\n');
    const lenses = await lensesUntil(doc.uri, (ls) => titles(ls, 0).includes('credentials owner-hidden'), 'credentials owner-hidden');
    // Nothing is stored in this test: hidden under yours, the step cannot run for them yet.
    assert.ok(titles(lenses).includes('$(warning) people you share with cannot run this step until you store openai_api_key'), JSON.stringify(titles(lenses)));
  });

  test('a sidecar {"toString": "owner-key"} is an unknown key: the lenses stay, with the defaults', async () => {
    const workflow = copyWorkflow('both', 'lens-proto');
    const sidecarPath = workflow.replace('.json', '.sharing.json');
    writeFixture(sidecarPath, '{ "toString": "owner-key", "runAccess": "owner-key", "runAccess": "own-key" }\n');
    const { doc } = await openFixture(workflow);
    const lenses = await lensesUntil(doc.uri, (ls) => titles(ls, 0).includes('credentials user-provided'), 'the sharing summary');
    assert.deepStrictEqual(titles(lenses, 0), ['$(organization) Sharing', 'run access own-key', 'credentials user-provided', '$(export) Export shareable']);
    assert.ok(lenses.some((l) => l.title.startsWith('$(lock) Private model')), JSON.stringify(titles(lenses)));
    assert.ok(lenses.some((l) => l.title.startsWith('$(key) OpenAI')), JSON.stringify(titles(lenses)));

    // The sidecar itself: the unknown key and the duplicate, each on its own key.
    const sidecar = await vscode.workspace.openTextDocument(fixtureUri(sidecarPath));
    const diagnostics = await waitFor(() => {
      const list = vscode.languages.getDiagnostics(sidecar.uri).filter((d) => d.source === 'roboflow-workflows');
      return list.length >= 2 ? list : undefined;
    }, 10_000, 'the sidecar diagnostics');
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.code, d.severity, sidecar.getText(d.range)]).sort(),
      [
        ['sharing-duplicate-key', vscode.DiagnosticSeverity.Warning, '"runAccess"'],
        ['sharing-unknown-key', vscode.DiagnosticSeverity.Warning, '"toString"'],
      ],
    );
    assert.strictEqual(diagnostics.find((d) => d.code === 'sharing-duplicate-key')!.range.start.character, 27, 'the first runAccess, which does not apply');
  });

  test('a credentialed step: provider, where the value comes from, stored ✓, what sharees get', async () => {
    const { doc } = await openFixture('sharing/openai.workflow.json');
    const text = doc.getText();
    const stepLine = doc.positionAt(text.indexOf('{', text.indexOf('"steps"'))).line;
    const before = await lensesUntil(doc.uri, (ls) => ls.some((l) => l.title.startsWith('$(key)')), 'the credential lens');
    const key = before.find((l) => l.title.startsWith('$(key)'))!;
    assert.deepStrictEqual([key.line, key.title, key.command, key.args], [stepLine, '$(key) OpenAI api_key ← $inputs.openai_api_key · not stored', 'roboflowWorkflows.setCredential', ['openai_api_key', 'openai']]);
    const sharees = before.find((l) => l.title.startsWith('people you share with'))!;
    assert.deepStrictEqual([sharees.line, sharees.title, sharees.command], [stepLine, 'people you share with supply their own', 'roboflowWorkflows.toggleHiddenCredentials']);
    const runAccess = before.find((l) => l.line === 0 && l.title.startsWith('run access'))!;
    assert.deepStrictEqual(
      [runAccess.title, runAccess.tooltip],
      ['run access own-key (not offered: no private model)', 'Run access is offered only for workflows that use a private model: every model it uses is public, so people you share with can run it under their own key.'],
    );

    // Storing it (as the lens's command would) refreshes the lens: stored ✓.
    api.setTestHooks({ inputBox: async () => CANARY_CREDENTIAL });
    await vscode.commands.executeCommand(key.command, ...key.args);
    const after = await lensesUntil(doc.uri, (ls) => ls.some((l) => l.title === '$(key) OpenAI api_key ← $inputs.openai_api_key · stored ✓'), 'stored ✓');
    for (const lens of after) assert.ok(!lens.title.includes(CANARY_CREDENTIAL));
    await api.secretStore.deleteCredential({ provider: 'openai', name: 'openai_api_key' });
    await lensesUntil(doc.uri, (ls) => ls.some((l) => l.title.endsWith('· not stored')), 'not stored again after deletion');
  });

  test('credentials hidden under yours but not stored: a warning lens that stores it, gone once stored', async () => {
    const workflow = copyWorkflow('openai', 'lens-hidden');
    writeFixture(workflow.replace('.json', '.sharing.json'), '{ "credentials": "owner-hidden" }\n');
    const { doc } = await openFixture(workflow);
    const text = doc.getText();
    const stepLine = doc.positionAt(text.indexOf('{', text.indexOf('"steps"'))).line;
    const warningTitle = '$(warning) people you share with cannot run this step until you store openai_api_key';
    const before = await lensesUntil(doc.uri, (ls) => titles(ls).includes(warningTitle), 'the warning');
    const warning = before.find((l) => l.title === warningTitle)!;
    assert.deepStrictEqual(
      [warning.line, warning.command, warning.args, warning.tooltip],
      [
        stepLine,
        'roboflowWorkflows.setCredential',
        ['openai_api_key', 'openai'],
        'Credentials owner-hidden: people you share with run it with your `openai_api_key`, hidden from them, and SecretStorage does not hold it. Click to store it.',
      ],
    );

    api.setTestHooks({ inputBox: async () => CANARY_CREDENTIAL });
    await vscode.commands.executeCommand(warning.command, ...warning.args);
    const after = await lensesUntil(doc.uri, (ls) => titles(ls).includes('people you share with run it with yours, hidden'), 'the plain sentence once stored');
    assert.ok(!titles(after).includes(warningTitle), JSON.stringify(titles(after)));
    assert.ok(titles(after, stepLine).includes('$(key) OpenAI api_key ← $inputs.openai_api_key · stored ✓'), JSON.stringify(titles(after)));
  });

  test('a credential written in the file: the lens offers Move to SecretStorage, and never shows the value', async () => {
    writeFixture('sharing/literal-lens.workflow.json', workflowWithLiteralKey());
    const { doc } = await openFixture('sharing/literal-lens.workflow.json');
    const lenses = await lensesUntil(doc.uri, (ls) => ls.some((l) => l.title.startsWith('$(key)')), 'the credential lens');
    const key = lenses.find((l) => l.title.startsWith('$(key)'))!;
    // Where the value is, and the action, as two lenses (VS Code draws a separator between them).
    assert.deepStrictEqual([key.title, key.command], ['$(key) OpenAI api_key ← written in the file', '']);
    const move = lenses[lenses.indexOf(key) + 1];
    assert.deepStrictEqual([move.line, move.title, move.command], [key.line, '$(warning) Move to SecretStorage', 'roboflowWorkflows.moveSecretToStorage']);
    const [uri, offset] = move.args as [string, number];
    assert.strictEqual(uri, doc.uri.toString());
    assert.strictEqual(doc.getText().slice(offset, offset + CANARY_OPENAI_KEY.length + 2), JSON.stringify(CANARY_OPENAI_KEY));
    for (const lens of lenses) assert.ok(!JSON.stringify(lens).includes(CANARY_OPENAI_KEY));
  });

  test('no lenses on JSON that is not a workflow', async () => {
    const { doc } = await openFixture('not-a-workflow.json');
    assert.deepStrictEqual(await lensesOf(doc.uri), []);
  });
});
