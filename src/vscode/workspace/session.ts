import * as vscode from 'vscode';
import type { ApiCallOptions, ApiFailure, ApiResult } from '../../core/api';
import { loadCore } from '../core';
import { allStoredSecrets } from '../preview/runPreview';
import type { SecretStore } from '../secrets/secretStore';
import { configuredApiUrl } from './apiSetting';

/**
 * The stored API key and the workspace it belongs to (one key, one workspace), and the way every
 * workspace request is made: in a cancellable progress notification, with a redactor that knows the
 * key and every stored credential. Changing the key forgets the workspace.
 */
export class WorkspaceSession implements vscode.Disposable {
  private workspaceLookup: { key: string; apiUrl: string | undefined; result: Promise<ApiResult<{ workspace: string }>> } | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the key or the API URL changed: the workspace may be another one. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: SecretStore) {
    this.subscriptions = [
      this.changed,
      store.onDidChange((change) => {
        if (change.kind !== 'apiKey') return;
        this.workspaceLookup = undefined;
        this.changed.fire();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('roboflowWorkflows.apiUrl')) return;
        this.workspaceLookup = undefined;
        this.changed.fire();
      }),
    ];
  }

  async hasApiKey(): Promise<boolean> {
    try {
      return !!(await this.store.getApiKey());
    } catch {
      return false;
    }
  }

  private async callOptions(signal?: AbortSignal): Promise<ApiCallOptions | ApiFailure> {
    const core = loadCore();
    let apiKey: string | undefined;
    try {
      apiKey = await this.store.getApiKey();
    } catch (error) {
      return { ok: false, kind: 'invalid-request', message: error instanceof Error ? error.message : String(error) };
    }
    if (!apiKey) return { ok: false, kind: 'invalid-request', message: 'No Roboflow API key is set. Run "Roboflow Workflows: Set Roboflow API Key".' };
    const redactor = new core.Redactor(await allStoredSecrets(this.store));
    return { apiUrl: configuredApiUrl(), apiKey, redactor, signal };
  }

  /** The workspace of the stored key, asked once per key. */
  async workspace(signal?: AbortSignal): Promise<ApiResult<{ workspace: string }>> {
    const options = await this.callOptions(signal);
    if ('ok' in options) return options;
    const apiUrl = configuredApiUrl();
    const cached = this.workspaceLookup;
    if (cached && cached.key === options.apiKey && cached.apiUrl === apiUrl) return cached.result;
    const result = loadCore().fetchWorkspaceOfKey(options);
    this.workspaceLookup = { key: options.apiKey, apiUrl, result };
    void result.then((r) => {
      // A failure is not remembered: the next request asks again.
      if (!r.ok && this.workspaceLookup?.result === result) this.workspaceLookup = undefined;
    });
    return result;
  }

  /** The workspace last found, without asking. */
  async knownWorkspace(): Promise<string | undefined> {
    const result = await this.workspaceLookup?.result;
    return result?.ok ? result.value.workspace : undefined;
  }

  /** Runs requests with the key's workspace in a cancellable notification titled `title`. */
  run<T>(title: string, work: (options: ApiCallOptions, workspace: string) => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
        const abort = new AbortController();
        const subscription = token.onCancellationRequested(() => abort.abort());
        try {
          const options = await this.callOptions(abort.signal);
          if ('ok' in options) return options;
          const found = await this.workspace(abort.signal);
          if (!found.ok) return found;
          return await work(options, found.value.workspace);
        } finally {
          subscription.dispose();
        }
      }),
    );
  }

  /** Like `run`, without a notification (the status bar's background check). */
  async quietly<T>(work: (options: ApiCallOptions, workspace: string) => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
    const options = await this.callOptions();
    if ('ok' in options) return options;
    const found = await this.workspace();
    if (!found.ok) return found;
    return work(options, found.value.workspace);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
