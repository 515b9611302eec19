import * as vscode from 'vscode';
// A tiny pure module, bundled into the extension itself: no need to load the core for it.
import { storedCredentialId } from '../../core/analysis/credentialIds';

/**
 * The one place that knows how this extension names what it keeps in VS Code's SecretStorage:
 *
 *  - `roboflowWorkflows.apiKey`: the Roboflow API key;
 *  - `roboflowWorkflows.credential.<providerId>.<inputName>`: a credential, for one provider
 *    (`openai`) under the name of the workflow input that carries it (`openai_api_key`). A preview
 *    run fills `$inputs.<inputName>` with it only where every use of that input is a credential
 *    field of that provider (core/preview/credentialRoute.ts), never by the name alone;
 *  - `roboflowWorkflows.credential.<inputName>`: what versions before the provider was recorded
 *    stored. Listed (to be cleared or stored again for a provider) and redacted, never filled in;
 *  - `roboflowWorkflows.credentialIndex`: a JSON list of the stored `{ provider, name }` pairs
 *    (SecretStorage cannot enumerate its keys). Names only, never values.
 *
 * Nothing is ever kept anywhere else (settings, globalState, workspaceState, files, logs). When
 * SecretStorage fails (no keyring on Linux, some web hosts) every method throws
 * SecretStorageUnavailableError, with a message fit to show as is; nothing is stored elsewhere.
 */
export const SECRET_KEYS = Object.freeze({
  apiKey: 'roboflowWorkflows.apiKey',
  credentialPrefix: 'roboflowWorkflows.credential.',
  index: 'roboflowWorkflows.credentialIndex',
});

/** A credential as stored: for a provider (its id), under an input name. */
export interface CredentialRef {
  provider: string;
  name: string;
}

/** What the index lists: `provider` is absent for what earlier versions stored (no provider). */
export interface StoredCredential {
  provider?: string;
  name: string;
}

/**
 * What changed: the API key, one credential, or the list of stored credentials (the index, written
 * after the value: a reader woken by the value's change may still see the old list, so the list's
 * own change is reported too; it may also come from another window).
 */
export type SecretChange = { kind: 'apiKey' } | ({ kind: 'credential' } & StoredCredential) | { kind: 'credentialList' };

export class SecretStorageUnavailableError extends Error {
  constructor(action: string, cause: unknown) {
    const detail = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
    super(
      `Could not ${action}: VS Code's secret storage is not available${detail}. ` +
        'On Linux a keyring (GNOME Keyring, KWallet) must be running and unlocked; some web hosts have none. ' +
        'Nothing was stored anywhere else.',
    );
    this.name = 'SecretStorageUnavailableError';
  }
}

/** Credential names as workflow inputs spell them; no separators that could clash with the key scheme. */
const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

export function isValidCredentialName(name: string): boolean {
  return NAME.test(name);
}

/** Provider ids (`openai`, `google-gemini`): no dot, so keys split back unambiguously. */
const PROVIDER = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function isValidProviderId(provider: string): boolean {
  return PROVIDER.test(provider);
}

function credentialKey({ provider, name }: StoredCredential): string {
  if (!isValidCredentialName(name)) throw new Error(`\`${name}\` is not a valid credential name: use letters, digits, \`_\` and \`-\`.`);
  if (provider === undefined) return `${SECRET_KEYS.credentialPrefix}${name}`;
  if (!isValidProviderId(provider)) throw new Error(`\`${provider}\` is not a valid provider id.`);
  return `${SECRET_KEYS.credentialPrefix}${provider}.${name}`;
}

/** `roboflowWorkflows.credential.openai.openai_key` → { provider: 'openai', name: 'openai_key' }. */
function fromKey(key: string): StoredCredential {
  const rest = key.slice(SECRET_KEYS.credentialPrefix.length);
  const dot = rest.indexOf('.');
  return dot < 0 ? { name: rest } : { provider: rest.slice(0, dot), name: rest.slice(dot + 1) };
}

/** One string per stored credential, for sets and the index's order. */
export function credentialId({ provider, name }: StoredCredential): string {
  return storedCredentialId(provider, name);
}

function describe({ provider, name }: StoredCredential): string {
  return provider === undefined ? `credential \`${name}\`` : `credential \`${name}\` (${provider})`;
}

// Index updates are read-modify-write: serialise them per SecretStorage, across SecretStore instances.
const indexQueues = new WeakMap<vscode.SecretStorage, Promise<unknown>>();

export class SecretStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SecretChange>();
  /** Fires when the API key or a credential is set or deleted (by this or any other SecretStore). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_KEYS.apiKey) this.changed.fire({ kind: 'apiKey' });
      else if (e.key.startsWith(SECRET_KEYS.credentialPrefix)) this.changed.fire({ kind: 'credential', ...fromKey(e.key) });
      else if (e.key === SECRET_KEYS.index) this.changed.fire({ kind: 'credentialList' });
    });
  }

  getApiKey(): Promise<string | undefined> {
    return this.call('read the Roboflow API key', () => this.secrets.get(SECRET_KEYS.apiKey));
  }

  async setApiKey(value: string): Promise<void> {
    if (!value) throw new Error('The Roboflow API key is empty.');
    await this.call('store the Roboflow API key', () => this.secrets.store(SECRET_KEYS.apiKey, value));
  }

  async deleteApiKey(): Promise<void> {
    await this.call('delete the Roboflow API key', () => this.secrets.delete(SECRET_KEYS.apiKey));
  }

  getCredential(ref: StoredCredential): Promise<string | undefined> {
    const key = credentialKey(ref);
    return this.call(`read ${describe(ref)}`, () => this.secrets.get(key));
  }

  async hasCredential(ref: StoredCredential): Promise<boolean> {
    return (await this.getCredential(ref)) !== undefined;
  }

  /** Stores the value for its provider, then records it in the index. */
  async setCredential(ref: CredentialRef, value: string): Promise<void> {
    const key = credentialKey(ref);
    if (!value) throw new Error(`The value for \`${ref.name}\` is empty.`);
    await this.call(`store ${describe(ref)}`, () => this.secrets.store(key, value));
    await this.updateIndex(`store ${describe(ref)}`, (stored) => stored.set(credentialId(ref), { provider: ref.provider, name: ref.name }));
  }

  async deleteCredential(ref: StoredCredential): Promise<void> {
    const key = credentialKey(ref);
    await this.call(`delete ${describe(ref)}`, () => this.secrets.delete(key));
    await this.updateIndex(`delete ${describe(ref)}`, (stored) => stored.delete(credentialId(ref)));
  }

  /** Every value held (the API key and each credential), for analyses that must find them written
   * in a workflow. Never to be shown, logged or written anywhere. */
  async storedValues(): Promise<string[]> {
    const values: string[] = [];
    const apiKey = await this.getApiKey();
    if (apiKey) values.push(apiKey);
    for (const ref of await this.listCredentials()) {
      const value = await this.getCredential(ref);
      if (value) values.push(value);
    }
    return values;
  }

  /** The stored credentials (provider and name, never values), by name then provider. */
  async listCredentials(): Promise<StoredCredential[]> {
    return [...(await this.readIndex('list the stored credentials')).values()].sort((a, b) => a.name.localeCompare(b.name) || (a.provider ?? '').localeCompare(b.provider ?? ''));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async call<T>(action: string, operation: () => Thenable<T>): Promise<T> {
    try {
      return await operation();
    } catch (err) {
      throw new SecretStorageUnavailableError(action, err);
    }
  }

  /** Entries are `{ provider, name }`, or a plain name (stored before providers were recorded). */
  private async readIndex(action: string): Promise<Map<string, StoredCredential>> {
    const stored = new Map<string, StoredCredential>();
    const raw = await this.call(action, () => this.secrets.get(SECRET_KEYS.index));
    if (!raw) return stored;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return stored;
    }
    for (const entry of Array.isArray(parsed) ? parsed : []) {
      if (typeof entry === 'string' && isValidCredentialName(entry)) stored.set(credentialId({ name: entry }), { name: entry });
      else if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) {
        const { provider, name } = entry as Record<string, unknown>;
        if (typeof provider === 'string' && typeof name === 'string' && isValidProviderId(provider) && isValidCredentialName(name)) stored.set(credentialId({ provider, name }), { provider, name });
      }
    }
    return stored;
  }

  private updateIndex(action: string, change: (stored: Map<string, StoredCredential>) => unknown): Promise<void> {
    const previous = indexQueues.get(this.secrets) ?? Promise.resolve();
    const serialise = (stored: Map<string, StoredCredential>) =>
      JSON.stringify([...stored.keys()].sort().map((id) => {
        const entry = stored.get(id)!;
        return entry.provider === undefined ? entry.name : { provider: entry.provider, name: entry.name };
      }));
    const next = previous.catch(() => undefined).then(async () => {
      const stored = await this.readIndex(action);
      const before = serialise(stored);
      change(stored);
      const after = serialise(stored);
      if (after !== before) await this.call(action, () => this.secrets.store(SECRET_KEYS.index, after));
    });
    indexQueues.set(this.secrets, next);
    return next;
  }
}

/** One SecretStore for the extension, disposed with it. */
export function registerSecretStore(context: vscode.ExtensionContext): SecretStore {
  const store = new SecretStore(context.secrets);
  context.subscriptions.push(store);
  return store;
}
