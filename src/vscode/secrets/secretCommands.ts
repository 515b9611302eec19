import * as vscode from 'vscode';
import type { Catalog } from '../../core/api';
import { loadCore } from '../core';
import { prompts, tell } from '../sharing/prompts';
import type { WorkflowService } from '../workflowService';
import { credentialId, isValidCredentialName, isValidProviderId, SecretStorageUnavailableError, type CredentialRef, type SecretStore, type StoredCredential } from './secretStore';

/** Palette commands over SecretStorage: set the Roboflow API key, set / clear a credential, list
 * the stored names. Values are only ever typed into password boxes and handed to SecretStore. A
 * credential is stored for one provider (asked when the command does not say): previews fill it
 * only into that provider's credential fields. */

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
  /** The provider (id) the credential is stored for. */
  provider?: string;
  reason?: string;
}

export interface StoredSecretsList {
  apiKey: boolean;
  credentials: StoredCredential[];
  reason?: string;
}

const API_KEY_ITEM = 'Roboflow API key';

interface NameItem extends vscode.QuickPickItem {
  name?: string;
  provider?: string;
  other?: boolean;
}

function providerLabel(provider: string | undefined): string {
  if (provider === undefined) return 'no provider (stored by an earlier version: store it again for its provider)';
  return loadCore().providerById(provider)?.name ?? provider;
}

function describeError(err: unknown): string {
  if (err instanceof SecretStorageUnavailableError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

/** Credential names the catalog's blocks would use (`openai_api_key`…) with their provider,
 * computed once per catalog. Only providers whose blocks send it to a fixed address: a stored
 * credential is never filled into a webhook, an SMTP server or a base URL the workflow chooses. */
const catalogNames = new WeakMap<Catalog, CredentialRef[]>();
function knownProviderNames(catalog: Catalog): CredentialRef[] {
  const cached = catalogNames.get(catalog);
  if (cached) return cached;
  const core = loadCore();
  const byId = new Map<string, CredentialRef>();
  for (const block of catalog.data.blocks) {
    if (!block.credentialFields.length) continue;
    const provider = core.providerFor(block.type);
    if (!provider.fixedAddress) continue;
    for (const field of block.credentialFields) {
      const ref = { provider: provider.id, name: core.credentialInputBaseName(provider, field.name) };
      if (isValidCredentialName(ref.name) && !byId.has(credentialId(ref))) byId.set(credentialId(ref), ref);
    }
  }
  const names = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  catalogNames.set(catalog, names);
  return names;
}

/** Which provider a credential is for, when the command was not told. */
async function pickProvider(name: string): Promise<string | undefined> {
  const items: NameItem[] = loadCore()
    .knownProviders()
    .filter((p) => p.fixedAddress)
    .map((p) => ({ label: p.name, provider: p.id }));
  const picked = await prompts.quickPick(items, {
    title: `Credential \`${name}\`: for which provider?`,
    placeHolder: "Previews fill it only into this provider's credential fields",
  });
  return picked?.provider;
}

async function pickCredential(service: WorkflowService, store: SecretStore): Promise<CredentialRef | undefined> {
  const stored = new Set((await store.listCredentials()).map(credentialId));
  const mark = (ref: CredentialRef) => (stored.has(credentialId(ref)) ? 'stored ✓' : 'not stored');
  const items: NameItem[] = [];
  const seen = new Set<string>();
  const document = vscode.window.activeTextEditor?.document;
  const core = loadCore();
  if (document && service.isWorkflow(document)) {
    const summary = core.securitySummary(service.analyze(document).result.security);
    const fillable = summary.secretsNeeded.filter((secret) => core.providerById(secret.providerId)?.fixedAddress);
    if (fillable.length) items.push({ label: 'This workflow', kind: vscode.QuickPickItemKind.Separator });
    for (const secret of fillable) {
      const ref = { provider: secret.providerId, name: secret.name };
      seen.add(credentialId(ref));
      items.push({ label: secret.name, ...ref, description: `${secret.providerName} · ${mark(ref)}`, detail: `Read by ${secret.steps.map((s) => `\`${s}\``).join(', ')}` });
    }
  }
  const known = knownProviderNames(service.catalog()).filter((k) => !seen.has(credentialId(k)));
  if (known.length) items.push({ label: 'Known providers', kind: vscode.QuickPickItemKind.Separator });
  for (const k of known) items.push({ label: k.name, ...k, description: `${providerLabel(k.provider)} · ${mark(k)}` });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(edit) Other name…', other: true });

  const picked = await prompts.quickPick(items, { title: 'Store a credential in SecretStorage', placeHolder: 'The workflow input that carries it', matchOnDescription: true });
  if (!picked) return undefined;
  if (!picked.other) return picked.name && picked.provider ? { provider: picked.provider, name: picked.name } : undefined;
  const name = await prompts.inputBox({
    title: 'Store a credential in SecretStorage',
    prompt: 'The name of the workflow input that carries it (letters, digits, _ and -)',
    ignoreFocusOut: true,
    validateInput: (v) => (isValidCredentialName(v) ? undefined : 'Use letters, digits, _ and -, starting with a letter or _.'),
  });
  if (!name) return undefined;
  const provider = await pickProvider(name);
  return provider ? { provider, name } : undefined;
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

/** `name` and `provider` (an id) may come from a lens or the panel; what is missing is asked. */
async function setCredential(service: WorkflowService, store: SecretStore, nameArg?: unknown, providerArg?: unknown): Promise<SecretCommandResult> {
  try {
    let ref: CredentialRef | undefined;
    if (typeof nameArg === 'string' && nameArg) {
      const name = nameArg;
      if (!isValidCredentialName(name)) {
        const reason = `\`${name}\` is not a valid credential name: use letters, digits, _ and -.`;
        tell(reason);
        return { changed: false, name, reason };
      }
      const provider = typeof providerArg === 'string' && isValidProviderId(providerArg) ? providerArg : await pickProvider(name);
      ref = provider ? { provider, name } : undefined;
    } else ref = await pickCredential(service, store);
    if (!ref) return { changed: false, reason: 'Cancelled: nothing was stored.' };
    const { name, provider } = ref;
    const stored = await store.hasCredential(ref);
    const providerName = providerLabel(provider);
    const value = await prompts.inputBox({
      title: `${providerName} credential \`${name}\``,
      prompt: `${stored ? 'Replaces the value stored' : 'Stored'} in VS Code SecretStorage; preview runs supply it as \`$inputs.${name}\` where only ${providerName} credential fields read that input.`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v ? undefined : 'The value is empty.'),
    });
    if (!value) return { changed: false, name, provider, reason: 'Cancelled: nothing was stored.' };
    await store.setCredential(ref, value);
    vscode.window.setStatusBarMessage(`${providerName} credential \`${name}\` stored in SecretStorage`, 5000);
    return { changed: true, name, provider };
  } catch (err) {
    const reason = describeError(err);
    tell(reason, 'error');
    return { changed: false, reason };
  }
}

/** `name` (and `provider`, an id; none: what an earlier version stored) may be given. */
async function clearCredential(store: SecretStore, nameArg?: unknown, providerArg?: unknown): Promise<SecretCommandResult> {
  try {
    let target: StoredCredential | 'apiKey' | undefined;
    if (nameArg === 'apiKey') target = 'apiKey';
    else if (typeof nameArg === 'string' && nameArg) target = { name: nameArg, ...(typeof providerArg === 'string' && { provider: providerArg }) };
    else {
      const credentials = await store.listCredentials();
      const apiKey = (await store.getApiKey()) !== undefined;
      const items: (NameItem & { target: StoredCredential | 'apiKey' })[] = [
        ...(apiKey ? [{ label: API_KEY_ITEM, target: 'apiKey' as const }] : []),
        ...credentials.map((c) => ({ label: c.name, description: providerLabel(c.provider), target: c })),
      ];
      if (!items.length) {
        const reason = 'Nothing is stored in SecretStorage.';
        tell(reason);
        return { changed: false, reason };
      }
      target = (await prompts.quickPick(items, { title: 'Clear a stored credential', placeHolder: 'Deleted from VS Code SecretStorage' }))?.target;
      if (!target) return { changed: false, reason: 'Cancelled: nothing was deleted.' };
    }
    if (target === 'apiKey') {
      await store.deleteApiKey();
      vscode.window.setStatusBarMessage(`${API_KEY_ITEM} deleted from SecretStorage`, 5000);
      return { changed: true, name: 'apiKey' };
    }
    await store.deleteCredential(target);
    vscode.window.setStatusBarMessage(`Credential \`${target.name}\` deleted from SecretStorage`, 5000);
    return { changed: true, name: target.name, ...(target.provider !== undefined && { provider: target.provider }) };
  } catch (err) {
    const reason = describeError(err);
    tell(reason, 'error');
    return { changed: false, reason };
  }
}

/** Shows the stored names (never values) in a quick pick, without waiting for it. */
async function listCredentials(store: SecretStore): Promise<StoredSecretsList> {
  try {
    const credentials = await store.listCredentials();
    const apiKey = (await store.getApiKey()) !== undefined;
    if (!apiKey && !credentials.length) {
      tell('Nothing is stored in SecretStorage yet.');
      return { apiKey, credentials };
    }
    const items: vscode.QuickPickItem[] = [
      { label: API_KEY_ITEM, description: apiKey ? 'stored ✓' : 'not stored' },
      ...(credentials.length ? [{ label: 'Credentials', kind: vscode.QuickPickItemKind.Separator }] : []),
      ...credentials.map((c) => ({ label: c.name, description: `${providerLabel(c.provider)} · stored ✓` })),
    ];
    void prompts.quickPick(items, { title: 'Stored in VS Code SecretStorage (values are never shown)' });
    return { apiKey, credentials };
  } catch (err) {
    const reason = describeError(err);
    tell(reason, 'error');
    return { apiKey: false, credentials: [], reason };
  }
}

export function registerSecretCommands(context: vscode.ExtensionContext, service: WorkflowService, store: SecretStore): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SECRET_COMMANDS.setApiKey, () => setApiKey(store)),
    vscode.commands.registerCommand(SECRET_COMMANDS.setCredential, (name?: unknown, provider?: unknown) => setCredential(service, store, name, provider)),
    vscode.commands.registerCommand(SECRET_COMMANDS.clearCredential, (name?: unknown, provider?: unknown) => clearCredential(store, name, provider)),
    vscode.commands.registerCommand(SECRET_COMMANDS.listCredentials, () => listCredentials(store)),
  );
}
