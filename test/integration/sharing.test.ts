import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/vscode/sharing/testApi';
import { CANARY_OPENAI_KEY, workflowWithLiteralKey } from '../support/canaries';
import * as path from 'path';
import { extensionTestApi, closeAllEditors, diagnosticsFor, fixtureSourceDir, fixtureUri, openFixture, resetAllFixtures, setDocumentText, waitFor, writeFixture } from './helpers';

const SOURCE = 'roboflow-workflows';
const CMD = {
  runAccess: 'roboflowWorkflows.toggleRunAccess',
  credentials: 'roboflowWorkflows.toggleHiddenCredentials',
  export: 'roboflowWorkflows.exportShareableDefinition',
  open: 'roboflowWorkflows.openSharingConfiguration',
};

interface ToggleResult {
  changed: boolean;
  option: string;
  reason?: string;
  value?: string;
  sidecar?: string;
}

interface Confirmation {
  message: string;
  detail: string;
  button: string;
}

function sidecarPath(workflow: string): string {
  return fixtureUri(workflow.replace(/\.json$/, '.sharing.json')).fsPath;
}

/** A copy of a committed workflow under a name of its own: each test gets sidecars no earlier test
 * touched (VS Code notices files written or deleted behind its back only a moment later). */
function copyWorkflow(from: string, name: string): string {
  const to = `sharing/${name}.workflow.json`;
  writeFixture(to, fs.readFileSync(path.join(fixtureSourceDir, 'sharing', `${from}.workflow.json`), 'utf8'));
  return to;
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Untitled documents (exports) would make closeAllEditors ask to save them: revert them first. */
async function closeUntitled(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled' && !d.isClosed)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

async function sidecarDocument(workflow: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(vscode.Uri.file(sidecarPath(workflow)));
}

suite('Sharing configuration: toggles, sidecar, export', () => {
  let api: ExtensionTestApi;
  let confirmations: Confirmation[];

  /** Answers every confirmation with `answer`, recording what was asked. */
  function answerConfirmations(answer: boolean | 'fail'): void {
    api.setTestHooks({
      confirm: async (message, detail, button) => {
        confirmations.push({ message, detail, button });
        if (answer === 'fail') throw new Error(`unexpected confirmation: ${message}`);
        return answer;
      },
    });
  }

  suiteSetup(async () => {
    api = await extensionTestApi();
    assert.ok(api?.setTestHooks, 'the extension returns its test API in ExtensionMode.Test');
  });
  setup(() => {
    confirmations = [];
  });
  teardown(async () => {
    api.setTestHooks({});
    await closeUntitled();
    await closeAllEditors();
    await resetAllFixtures();
  });

  test('run access on a workflow without a private model: refused with the reason, nothing created', async () => {
    answerConfirmations('fail');
    await openFixture('sharing/public.workflow.json');
    const result = await vscode.commands.executeCommand<ToggleResult>(CMD.runAccess);
    assert.strictEqual(result.changed, false);
    assert.match(result.reason!, /Run access is offered only for workflows that use a private model/);
    assert.ok(!fs.existsSync(sidecarPath('sharing/public.workflow.json')), 'no sidecar may be created');
    assert.deepStrictEqual(confirmations, []);
  });

  test('hidden credentials on a workflow without a credentialed step: refused with the reason, nothing created', async () => {
    answerConfirmations('fail');
    await openFixture('sharing/private-model.workflow.json');
    const result = await vscode.commands.executeCommand<ToggleResult>(CMD.credentials);
    assert.strictEqual(result.changed, false);
    assert.match(result.reason!, /Credentials are offered only for workflows with a step that needs them/);
    assert.ok(!fs.existsSync(sidecarPath('sharing/private-model.workflow.json')));
  });

  test('the toggles refuse without a workflow (a plain JSON file, no editor)', async () => {
    answerConfirmations('fail');
    await openFixture('not-a-workflow.json');
    const onJson = await vscode.commands.executeCommand<ToggleResult>(CMD.runAccess);
    assert.strictEqual(onJson.changed, false);
    assert.match(onJson.reason!, /is not a Roboflow workflow/);
    await closeAllEditors();
    const none = await vscode.commands.executeCommand<ToggleResult>(CMD.credentials);
    assert.strictEqual(none.changed, false);
    assert.match(none.reason!, /Open a Roboflow workflow first/);
    assert.ok(!fs.existsSync(fixtureUri('not-a-workflow.sharing.json').fsPath));
  });

  test('turning run access on asks first; cancelling changes nothing', async () => {
    answerConfirmations(false);
    await openFixture('sharing/private-model.workflow.json');
    const result = await vscode.commands.executeCommand<ToggleResult>(CMD.runAccess);
    assert.strictEqual(result.changed, false);
    assert.match(result.reason!, /Cancelled/);
    assert.strictEqual(confirmations.length, 1);
    const [asked] = confirmations;
    assert.strictEqual(asked.button, 'Turn On');
    assert.match(asked.message, /run it under your Roboflow key/);
    assert.match(asked.detail, /count against your Roboflow usage/);
    assert.match(asked.detail, /`acme-widgets\/3`/);
    assert.match(asked.detail, /API key and your model data stay private/);
    assert.match(asked.detail, /redacted/);
    assert.ok(!fs.existsSync(sidecarPath('sharing/private-model.workflow.json')), 'cancelled: no sidecar');
  });

  test('sidecar missing: confirmed run access creates it; undo removes it; turning off asks nothing', async () => {
    answerConfirmations(true);
    const workflow = copyWorkflow('private-model', 'missing-sidecar');
    await openFixture(workflow);
    const sidecar = sidecarPath(workflow);
    const on = await vscode.commands.executeCommand<ToggleResult>(CMD.runAccess);
    assert.deepStrictEqual([on.changed, on.value], [true, 'owner-key']);
    assert.strictEqual(confirmations.length, 1);
    assert.deepStrictEqual(readJson(sidecar), { runAccess: 'owner-key' }, 'created and saved');

    // One undo in the sidecar's editor takes the whole change back: the file is gone again.
    const doc = await sidecarDocument(workflow);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => !fs.existsSync(sidecar), 5_000, 'the created sidecar to be removed by undo');

    // On again, then off: turning off needs no confirmation.
    await openFixture(workflow);
    assert.strictEqual((await vscode.commands.executeCommand<ToggleResult>(CMD.runAccess)).value, 'owner-key');
    answerConfirmations('fail');
    const off = await vscode.commands.executeCommand<ToggleResult>(CMD.runAccess);
    assert.deepStrictEqual([off.changed, off.value], [true, 'own-key']);
    assert.deepStrictEqual(readJson(sidecar), { runAccess: 'own-key' });
  });

  test('sidecar on disk, closed: the toggle edits the file (comments and formatting kept); undo restores it', async () => {
    const original = '{\n\t// who pays for runs by people I share with\n\t"runAccess": "own-key",\n\t"credentials": "user-provided"\n}\n';
    const workflow = copyWorkflow('both', 'closed-sidecar');
    writeFixture(workflow.replace('.json', '.sharing.json'), original);
    answerConfirmations(true);
    await openFixture(workflow);
    const result = await vscode.commands.executeCommand<ToggleResult>(CMD.credentials);
    assert.deepStrictEqual([result.changed, result.value], [true, 'owner-hidden']);
    assert.strictEqual(confirmations[0].button, 'Allow');
    assert.match(confirmations[0].detail, /`gpt` \(OpenAI\)/);
    assert.match(confirmations[0].detail, /redacted/);
    const expected = original.replace('"user-provided"', '"owner-hidden"');
    assert.strictEqual(fs.readFileSync(sidecarPath(workflow), 'utf8'), expected, 'one value changed, the rest kept');

    const doc = await sidecarDocument(workflow);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === original, 5_000, 'undo to restore the sidecar text');
  });

  test('sidecar open with unsaved changes: the toggle edits the open text, not the disk; undo restores it', async () => {
    const onDisk = '{\n  "credentials": "user-provided"\n}\n';
    const workflow = copyWorkflow('both', 'unsaved-sidecar');
    writeFixture(workflow.replace('.json', '.sharing.json'), onDisk);
    const doc = await sidecarDocument(workflow);
    await vscode.window.showTextDocument(doc);
    const unsaved = '{\n  // unsaved note\n  "credentials": "user-provided",\n  "runAccess": "own-key"\n}\n';
    await setDocumentText(doc, unsaved);
    assert.ok(doc.isDirty);

    answerConfirmations(true);
    const result = await vscode.commands.executeCommand<ToggleResult>(CMD.runAccess, fixtureUri(workflow).toString());
    assert.deepStrictEqual([result.changed, result.value], [true, 'owner-key']);
    assert.strictEqual(doc.getText(), unsaved.replace('"own-key"', '"owner-key"'));
    assert.ok(doc.isDirty, 'the unsaved changes stay unsaved');
    assert.strictEqual(fs.readFileSync(doc.uri.fsPath, 'utf8'), onDisk, 'the file on disk is untouched');

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === unsaved, 5_000, 'undo to restore the unsaved text');
  });

  test('the toggles work from the sidecar editor too, on its workflow', async () => {
    const workflow = copyWorkflow('both', 'from-sidecar');
    writeFixture(workflow.replace('.json', '.sharing.json'), '{}\n');
    const doc = await sidecarDocument(workflow);
    await vscode.window.showTextDocument(doc);
    answerConfirmations(true);
    const result = await vscode.commands.executeCommand<ToggleResult>(CMD.runAccess);
    assert.deepStrictEqual([result.changed, result.value], [true, 'owner-key']);
    assert.deepStrictEqual(JSON.parse(doc.getText()), { runAccess: 'owner-key' });
  });

  test('sidecar diagnostics: invalid values, unknown keys, settings with no effect; they follow the workflow', async () => {
    const workflowPath = copyWorkflow('private-model', 'diagnosed');
    writeFixture(workflowPath.replace('.json', '.sharing.json'), '{\n  "runAccess": "owner-kee",\n  "credentials": "owner-hidden",\n  "colour": "blue"\n}\n');
    const sidecar = await sidecarDocument(workflowPath);
    await vscode.window.showTextDocument(sidecar);
    const diagnostics = await diagnosticsFor(sidecar.uri, SOURCE, { atLeast: 3 });
    const byCode = new Map(diagnostics.map((d) => [String(d.code), d]));
    assert.deepStrictEqual([...byCode.keys()].sort(), ['sharing-invalid-value', 'sharing-no-effect', 'sharing-unknown-key']);
    assert.strictEqual(sidecar.getText(byCode.get('sharing-invalid-value')!.range), '"owner-kee"');
    assert.strictEqual(sidecar.getText(byCode.get('sharing-no-effect')!.range), '"owner-hidden"');
    assert.match(byCode.get('sharing-no-effect')!.message, /no step here does/);

    // The sidecar's quick fix: set a valid value.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', sidecar.uri, byCode.get('sharing-invalid-value')!.range);
    const fix = actions.find((a) => a.title === 'Set `runAccess` to "owner-key"');
    assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor(async () => !(await diagnosticsFor(sidecar.uri, SOURCE)).some((d) => d.code === 'sharing-invalid-value'), 10_000, 'the invalid value to be fixed');

    // The workflow gains a credentialed step (unsaved): owner-hidden now has an effect.
    const { doc: workflow } = await openFixture(workflowPath);
    const both = fs.readFileSync(fixtureUri('sharing/both.workflow.json').fsPath, 'utf8');
    await setDocumentText(workflow, both);
    await waitFor(
      async () => {
        const now = await diagnosticsFor(sidecar.uri, SOURCE, { settleMs: 300 });
        return !now.some((d) => d.code === 'sharing-no-effect') && now.some((d) => d.code === 'sharing-unknown-key');
      },
      10_000,
      'the no-effect warning to go when the workflow changes',
    );
    // The sidecar changes: owner-key on a workflow whose model became public has no effect.
    await setDocumentText(workflow, both.replace('acme-widgets/3', 'yolov8n-640'));
    const after = await waitFor(
      async () => (await diagnosticsFor(sidecar.uri, SOURCE, { settleMs: 300 })).find((d) => d.code === 'sharing-no-effect'),
      10_000,
      'owner-key without a private model to be flagged',
    );
    assert.strictEqual(sidecar.getText(after.range), '"owner-key"');
  });

  test('context keys follow the active editor and drive the palette when-clauses', async () => {
    const keys = api.contextKeyNames;
    const expect = async (what: string, wanted: ReturnType<ExtensionTestApi['contextKeys']>) =>
      waitFor(() => JSON.stringify(api.contextKeys()) === JSON.stringify(wanted) || undefined, 5_000, `${what}: ${JSON.stringify(wanted)}, got ${JSON.stringify(api.contextKeys())}`);

    await openFixture('sharing/public.workflow.json');
    await expect('public workflow', { isWorkflow: true, isSharingFile: false, hasPrivateModel: false, hasCredentialedStep: false });
    await openFixture('sharing/private-model.workflow.json');
    await expect('private model', { isWorkflow: true, isSharingFile: false, hasPrivateModel: true, hasCredentialedStep: false });
    await openFixture('sharing/both.workflow.json');
    await expect('both', { isWorkflow: true, isSharingFile: false, hasPrivateModel: true, hasCredentialedStep: true });
    const openai = copyWorkflow('openai', 'keys-openai');
    writeFixture(openai.replace('.json', '.sharing.json'), '{}\n');
    await vscode.window.showTextDocument(await sidecarDocument(openai));
    await expect('sidecar of the OpenAI workflow', { isWorkflow: false, isSharingFile: true, hasPrivateModel: false, hasCredentialedStep: true });
    await openFixture('not-a-workflow.json');
    await expect('other JSON', { isWorkflow: false, isSharingFile: false, hasPrivateModel: false, hasCredentialedStep: false });

    // Typing changes them: the private model becomes public.
    const { doc } = await openFixture('sharing/private-model.workflow.json');
    await expect('private model again', { isWorkflow: true, isSharingFile: false, hasPrivateModel: true, hasCredentialedStep: false });
    await setDocumentText(doc, doc.getText().replace('acme-widgets/3', 'yolov8n-640'));
    await expect('after the edit', { isWorkflow: true, isSharingFile: false, hasPrivateModel: false, hasCredentialedStep: false });

    // The pure function behind them.
    assert.deepStrictEqual(api.computeContextKeys({ isWorkflow: false, isSharingFile: false }), { isWorkflow: false, isSharingFile: false, hasPrivateModel: false, hasCredentialedStep: false });

    // The palette shows each toggle only under its key.
    const manifest = vscode.extensions.getExtension('roboflow-workflows-community.roboflow-workflows')!.packageJSON as {
      contributes: { commands: { command: string; category?: string }[]; menus: { commandPalette: { command: string; when: string }[] } };
    };
    const when = new Map(manifest.contributes.menus.commandPalette.map((m) => [m.command, m.when]));
    assert.strictEqual(when.get(CMD.runAccess), keys.hasPrivateModel);
    assert.strictEqual(when.get(CMD.credentials), keys.hasCredentialedStep);
    assert.match(when.get(CMD.export)!, new RegExp(keys.isWorkflow.replace('.', '\\.')));
    for (const id of [...Object.values(CMD), 'roboflowWorkflows.setApiKey', 'roboflowWorkflows.setCredential', 'roboflowWorkflows.clearCredential', 'roboflowWorkflows.listCredentials']) {
      assert.strictEqual(manifest.contributes.commands.find((c) => c.command === id)?.category, 'Roboflow Workflows', id);
    }
  });

  test('export: an untitled JSON document with no secret value, following the sidecar', async () => {
    writeFixture('sharing/literal-export.workflow.json', workflowWithLiteralKey(CANARY_OPENAI_KEY, 'acme-widgets/3'));
    await openFixture('sharing/literal-export.workflow.json');
    const result = await vscode.commands.executeCommand<{ exported: boolean; uri: string; settings: object; notes: string[] }>(CMD.export);
    assert.ok(result.exported);
    const exported = vscode.workspace.textDocuments.find((d) => d.uri.toString() === result.uri)!;
    assert.strictEqual(exported.uri.scheme, 'untitled');
    assert.strictEqual(exported.languageId, 'json');
    assert.strictEqual(vscode.window.activeTextEditor?.document, exported);
    const text = exported.getText();
    assert.ok(!text.includes(CANARY_OPENAI_KEY), 'no secret in the export');
    const definition = JSON.parse(text);
    assert.strictEqual(definition.steps[1].api_key, '$inputs.openai_api_key');
    assert.deepStrictEqual(definition.inputs.find((i: { name: string }) => i.name === 'openai_api_key').kind, ['secret']);
    assert.deepStrictEqual(result.settings, { runAccess: 'own-key', credentials: 'user-provided' });

    // With owner-hidden credentials, a written key still never leaves.
    writeFixture('sharing/literal-export.workflow.sharing.json', '{ "runAccess": "owner-key", "credentials": "owner-hidden" }\n');
    await openFixture('sharing/literal-export.workflow.json');
    const hidden = await vscode.commands.executeCommand<{ exported: boolean; uri: string; settings: object }>(CMD.export);
    assert.deepStrictEqual(hidden.settings, { runAccess: 'owner-key', credentials: 'owner-hidden' });
    const hiddenText = vscode.workspace.textDocuments.find((d) => d.uri.toString() === hidden.uri)!.getText();
    assert.ok(!hiddenText.includes(CANARY_OPENAI_KEY));

    // Not a workflow: refused.
    await openFixture('not-a-workflow.json');
    const refused = await vscode.commands.executeCommand<{ exported: boolean; reason: string }>(CMD.export);
    assert.strictEqual(refused.exported, false);
    assert.match(refused.reason, /not a Roboflow workflow/);
  });

  test('open sharing configuration: explains the defaults when there is none, opens it otherwise', async () => {
    const workflow = copyWorkflow('both', 'open-config');
    await openFixture(workflow);
    const missing = await vscode.commands.executeCommand<{ opened: boolean; reason?: string }>(CMD.open);
    assert.strictEqual(missing.opened, false);
    assert.match(missing.reason!, /defaults apply/);
    writeFixture(workflow.replace('.json', '.sharing.json'), '{}\n');
    const opened = await vscode.commands.executeCommand<{ opened: boolean }>(CMD.open);
    assert.ok(opened.opened);
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.fsPath, sidecarPath(workflow));
  });
});
