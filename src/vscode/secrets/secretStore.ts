import * as vscode from 'vscode';

/**
 * The one place that knows how this extension names what it keeps in VS Code's SecretStorage:
 *
 *  - `roboflowWorkflows.apiKey`: the Roboflow API key;
 *  - `roboflowWorkflows.credential.<inputName>`: a credential, under the name of the workflow
 *    input that carries it (`openai_api_key`), so a preview run can supply `$inputs.<inputName>`;
 *  - `roboflowWorkflows.credentialIndex`: a JSON list of the credential NAMES stored (SecretStorage
 *    cannot enumerate its keys). Names only, never values.
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

/** What changed: the API key, or one credential (by name). The index itself is not reported. */
export type SecretChange = { kind: 'apiKey' } | { kind: 'credential'; name: string };

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

function credentialKey(name: string): string {
  if (!isValidCredentialName(name)) throw new Error(`\`${name}\` is not a valid credential name: use letters, digits, \`_\` and \`-\`.`);
  return `${SECRET_KEYS.credentialPrefix}${name}`;
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
      else if (e.key.startsWith(SECRET_KEYS.credentialPrefix)) this.changed.fire({ kind: 'credential', name: e.key.slice(SECRET_KEYS.credentialPrefix.length) });
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

  getCredential(name: string): Promise<string | undefined> {
    const key = credentialKey(name);
    return this.call(`read credential \`${name}\``, () => this.secrets.get(key));
  }

  async hasCredential(name: string): Promise<boolean> {
    return (await this.getCredential(name)) !== undefined;
  }

  /** Stores the value, then records the name in the index. */
  async setCredential(name: string, value: string): Promise<void> {
    const key = credentialKey(name);
    if (!value) throw new Error(`The value for \`${name}\` is empty.`);
    await this.call(`store credential \`${name}\``, () => this.secrets.store(key, value));
    await this.updateIndex(`store credential \`${name}\``, (names) => names.add(name));
  }

  async deleteCredential(name: string): Promise<void> {
    const key = credentialKey(name);
    await this.call(`delete credential \`${name}\``, () => this.secrets.delete(key));
    await this.updateIndex(`delete credential \`${name}\``, (names) => names.delete(name));
  }

  /** Every value held (the API key and each credential), for analyses that must find them written
   * in a workflow. Never to be shown, logged or written anywhere. */
  async storedValues(): Promise<string[]> {
    const values: string[] = [];
    const apiKey = await this.getApiKey();
    if (apiKey) values.push(apiKey);
    for (const name of await this.listCredentialNames()) {
      const value = await this.getCredential(name);
      if (value) values.push(value);
    }
    return values;
  }

  /** Names of the stored credentials, sorted (never their values). */
  async listCredentialNames(): Promise<string[]> {
    return [...(await this.readIndex('list the stored credentials'))].sort();
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

  private async readIndex(action: string): Promise<Set<string>> {
    const raw = await this.call(action, () => this.secrets.get(SECRET_KEYS.index));
    if (!raw) return new Set();
    try {
      const parsed: unknown = JSON.parse(raw);
      return new Set(Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string' && isValidCredentialName(n)) : []);
    } catch {
      return new Set();
    }
  }

  private updateIndex(action: string, change: (names: Set<string>) => unknown): Promise<void> {
    const previous = indexQueues.get(this.secrets) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      const names = await this.readIndex(action);
      const before = JSON.stringify([...names].sort());
      change(names);
      const after = JSON.stringify([...names].sort());
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
