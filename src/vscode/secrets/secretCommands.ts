import * as vscode from 'vscode';
import type { Catalog } from '../../core/api';
import { loadCore } from '../core';
import { prompts, tell } from '../sharing/prompts';
import type { WorkflowService } from '../workflowService';
import { isValidCredentialName, SecretStorageUnavailableError, type SecretStore } from './secretStore';

/** Palette commands over SecretStorage: set the Roboflow API key, set / clear a credential, list
 * the stored names. Values are only ever typed into password boxes and handed to SecretStore. */

export const SECRET_COMMANDS = Object.freeze({
  setApiKey: 'roboflowWorkflows.setApiKey',
  setCredential: 'roboflowWorkflows.setCredential',
  clearCredential: 'roboflowWorkflows.clearCredential',
  listCredentials: 'roboflowWorkflows.listCredentials',
});

export interface SecretCommandResult {
  changed: boolean;
  /** The credential name (never a value), or `apiKey`. */
  name?: string;
  reason?: string;
}

export interface StoredSecretsList {
  apiKey: boolean;
  names: string[];
  reason?: string;
}

const API_KEY_ITEM = 'Roboflow API key';

interface NameItem extends vscode.QuickPickItem {
  name?: string;
  other?: boolean;
}

function describeError(err: unknown): string {
  if (err instanceof SecretStorageUnavailableError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Credential names the catalog's blocks would use (`openai_api_key`…), computed once per catalog. */
const catalogNames = new WeakMap<Catalog, { name: string; provider: string }[]>();
function knownProviderNames(catalog: Catalog): { name: string; provider: string }[] {
  const cached = catalogNames.get(catalog);
  if (cached) return cached;
  const core = loadCore();
  const byName = new Map<string, string>();
  for (const block of catalog.data.blocks) {
    if (!block.credentialFields.length) continue;
    const provider = core.providerFor(block.type);
    for (const field of block.credentialFields) {
      const name = core.credentialInputBaseName(provider, field.name);
      if (!byName.has(name) && isValidCredentialName(name)) byName.set(name, provider.name);
    }
  }
  const names = [...byName].map(([name, provider]) => ({ name, provider })).sort((a, b) => a.name.localeCompare(b.name));
  catalogNames.set(catalog, names);
  return names;
}

async function pickCredentialName(service: WorkflowService, store: SecretStore): Promise<string | undefined> {
  const stored = new Set(await store.listCredentialNames());
  const mark = (name: string) => (stored.has(name) ? 'stored ✓' : 'not stored');
  const items: NameItem[] = [];
  const seen = new Set<string>();
  const document = vscode.window.activeTextEditor?.document;
  if (document && service.isWorkflow(document)) {
    const core = loadCore();
    const summary = core.securitySummary(service.analyze(document).result.security);
    if (summary.secretsNeeded.length) items.push({ label: 'This workflow', kind: vscode.QuickPickItemKind.Separator });
    for (const secret of summary.secretsNeeded) {
      seen.add(secret.name);
      items.push({ label: secret.name, name: secret.name, description: `${secret.providerName} · ${mark(secret.name)}`, detail: `Read by ${secret.steps.map((s) => `\`${s}\``).join(', ')}` });
    }
  }
  const known = knownProviderNames(service.catalog()).filter((k) => !seen.has(k.name));
  if (known.length) items.push({ label: 'Known providers', kind: vscode.QuickPickItemKind.Separator });
  for (const k of known) items.push({ label: k.name, name: k.name, description: `${k.provider} · ${mark(k.name)}` });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(edit) Other name…', other: true });

  const picked = await prompts.quickPick(items, { title: 'Store a credential in SecretStorage', placeHolder: 'The workflow input that carries it', matchOnDescription: true });
  if (!picked) return undefined;
  if (!picked.other) return picked.name;
  return prompts.inputBox({
    title: 'Store a credential in SecretStorage',
    prompt: 'The name of the workflow input that carries it (letters, digits, _ and -)',
    ignoreFocusOut: true,
    validateInput: (v) => (isValidCredentialName(v) ? undefined : 'Use letters, digits, _ and -, starting with a letter or _.'),
  });
}

async function setApiKey(store: SecretStore): Promise<SecretCommandResult> {
  const value = await prompts.inputBox({
    title: 'Roboflow API key',
    prompt: 'Stored in VS Code SecretStorage, used for preview runs. Find it at app.roboflow.com → Settings → API Keys.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'The key is empty.'),
  });
  if (!value?.trim()) return { changed: false, name: 'apiKey', reason: 'Cancelled: nothing was stored.' };
  try {
    await store.setApiKey(value.trim());
  } catch (err) {
    const reason = describeError(err);
    tell(reason, 'error');
    return { changed: false, name: 'apiKey', reason };
  }
  vscode.window.setStatusBarMessage('Roboflow API key stored in SecretStorage', 5000);
  return { changed: true, name: 'apiKey' };
}

async function setCredential(service: WorkflowService, store: SecretStore, nameArg?: unknown): Promise<SecretCommandResult> {
  try {
    const name = typeof nameArg === 'string' && nameArg ? nameArg : await pickCredentialName(service, store);
    if (!name) return { changed: false, reason: 'Cancelled: nothing was stored.' };
    if (!isValidCredentialName(name)) {
      const reason = `\`${name}\` is not a valid credential name: use letters, digits, _ and -.`;
      tell(reason);
      return { changed: false, name, reason };
    }
    const stored = await store.hasCredential(name);
    const value = await prompts.inputBox({
      title: `Credential \`${name}\``,
      prompt: `${stored ? 'Replaces the value stored' : 'Stored'} in VS Code SecretStorage; preview runs supply it as \`$inputs.${name}\`.`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v ? undefined : 'The value is empty.'),
    });
    if (!value) return { changed: false, name, reason: 'Cancelled: nothing was stored.' };
    await store.setCredential(name, value);
    vscode.window.setStatusBarMessage(`Credential \`${name}\` stored in SecretStorage`, 5000);
    return { changed: true, name };
  } catch (err) {
    const reason = describeError(err);
    tell(reason, 'error');
    return { changed: false, reason };
  }
}

async function clearCredential(store: SecretStore, nameArg?: unknown): Promise<SecretCommandResult> {
  try {
    let name = typeof nameArg === 'string' && nameArg ? nameArg : undefined;
    if (!name) {
      const names = await store.listCredentialNames();
      const apiKey = (await store.getApiKey()) !== undefined;
      const items: NameItem[] = [...(apiKey ? [{ label: API_KEY_ITEM, name: 'apiKey' }] : []), ...names.map((n) => ({ label: n, name: n }))];
      if (!items.length) {
        const reason = 'Nothing is stored in SecretStorage.';
        tell(reason);
        return { changed: false, reason };
      }
      name = (await prompts.quickPick(items, { title: 'Clear a stored credential', placeHolder: 'Deleted from VS Code SecretStorage' }))?.name;
      if (!name) return { changed: false, reason: 'Cancelled: nothing was deleted.' };
    }
    if (name === 'apiKey') await store.deleteApiKey();
    else await store.deleteCredential(name);
    vscode.window.setStatusBarMessage(`${name === 'apiKey' ? API_KEY_ITEM : `Credential \`${name}\``} deleted from SecretStorage`, 5000);
    return { changed: true, name };
  } catch (err) {
    const reason = describeError(err);
    tell(reason, 'error');
    return { changed: false, reason };
  }
}

/** Shows the stored names (never values) in a quick pick, without waiting for it. */
async function listCredentials(store: SecretStore): Promise<StoredSecretsList> {
  try {
    const names = await store.listCredentialNames();
    const apiKey = (await store.getApiKey()) !== undefined;
    if (!apiKey && !names.length) {
      tell('Nothing is stored in SecretStorage yet.');
      return { apiKey, names };
    }
    const items: vscode.QuickPickItem[] = [
      { label: API_KEY_ITEM, description: apiKey ? 'stored ✓' : 'not stored' },
      ...(names.length ? [{ label: 'Credentials', kind: vscode.QuickPickItemKind.Separator }] : []),
      ...names.map((label) => ({ label, description: 'stored ✓' })),
    ];
    void prompts.quickPick(items, { title: 'Stored in VS Code SecretStorage (values are never shown)' });
    return { apiKey, names };
  } catch (err) {
    const reason = describeError(err);
    tell(reason, 'error');
    return { apiKey: false, names: [], reason };
  }
}

export function registerSecretCommands(context: vscode.ExtensionContext, service: WorkflowService, store: SecretStore): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SECRET_COMMANDS.setApiKey, () => setApiKey(store)),
    vscode.commands.registerCommand(SECRET_COMMANDS.setCredential, (name?: unknown) => setCredential(service, store, name)),
    vscode.commands.registerCommand(SECRET_COMMANDS.clearCredential, (name?: unknown) => clearCredential(store, name)),
    vscode.commands.registerCommand(SECRET_COMMANDS.listCredentials, () => listCredentials(store)),
  );
}
