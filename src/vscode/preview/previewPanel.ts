import * as vscode from 'vscode';
import type { ImageValue, Redactor, ServerIdentity } from '../../core/api';
import type { ServerIdentityCache } from '../../core/server/serverIdentity';
import { emptyRecord, ownValue } from '../../core/ownProperties';
import { checkImageUrl } from '../../protocol/inputValues';
import {
  isSafeImageDataUrl,
  parseHostMessage,
  parseWebviewMessage,
  type CopyTarget,
  type HostMessage,
  type ImageChoice,
  type PanelCommand,
  type PreviewMode,
  type RunView,
  type SessionView,
  type WebviewMessage,
} from '../../protocol/preview';
import { loadCore } from '../core';
import { SECRET_COMMANDS } from '../secrets/secretCommands';
import { isValidCredentialName, type SecretStore } from '../secrets/secretStore';
import { SHARING_COMMANDS } from '../sharing/sharingCommands';
import type { WorkflowService } from '../workflowService';
import { previewHtml, webviewOptions } from './html';
import { readImage } from './images';
import { previewLog } from './log';
import { previewPrompts } from './prompts';
import { revealStep } from './revealStep';
import { allStoredSecrets, runPreview, type RunOutcome } from './runPreview';
import { describeOutcome } from './runView';
import { FULL_SERVER_URL_SETTING, readServerSetting } from './serverSetting';
import { buildSession, secretStatus } from './sessionView';
import { readSnapshot } from './snapshot';

/**
 * One preview panel, for one workflow. The host side owns everything that matters (images,
 * secrets, the request, the last result); the webview renders and reports clicks. Every message
 * leaves through `post`, which redacts it with the session's redactor (every stored secret and
 * every secret a run used) and checks its shape; every message arriving goes through
 * `parseWebviewMessage` and is ignored (and logged) when unknown or malformed.
 */

export interface PanelDeps {
  extensionUri: vscode.Uri;
  service: WorkflowService;
  store: SecretStore;
  /** What each server's /info says (name, version), asked once per URL. */
  identities: ServerIdentityCache;
  /** Test mode: keep a copy of every message posted and every message rejected. */
  capture: boolean;
  onDidDispose(panel: PreviewPanel): void;
  /** A run finished (its view redacted): the graph shows per-step status from it. */
  onDidFinishRun(uri: vscode.Uri, view: RunView): void;
}

interface PickedImage {
  value: ImageValue;
  choice: ImageChoice;
}

export class PreviewPanel implements vscode.Disposable {
  private mode: PreviewMode;
  private ready = false;
  private readonly images = new Map<string, PickedImage>();
  private runCounter = 0;
  private current: { runId: number; abort: AbortController } | undefined;
  private last: RunOutcome | undefined;
  private session: SessionView | undefined;
  private refreshGeneration = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Accumulates every secret seen (stored or used in a run); guards every outgoing message. */
  private readonly guard: Redactor;
  private readonly subscriptions: vscode.Disposable[] = [];
  private disposed = false;
  /** Test mode only. */
  readonly posted: HostMessage[] = [];
  readonly rejected: string[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    private readonly deps: PanelDeps,
    mode: PreviewMode = 'owner',
  ) {
    this.mode = mode;
    this.guard = new (loadCore().Redactor)();
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.webview.html = previewHtml(panel.webview, deps.extensionUri, panel.title);
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The last session view sent (test and diagnostics). */
  get lastSession(): SessionView | undefined {
    return this.session;
  }

  get lastRun(): RunView | undefined {
    return this.last?.view;
  }

  /** Handles one message from the webview (exported for the test hook). */
  async receive(raw: unknown): Promise<RunView | undefined> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      if (this.deps.capture) this.rejected.push(parsed.error);
      previewLog.warn(`Preview of ${this.uri.path.split('/').pop()}: ignored a message from the webview (${parsed.error}).`, this.guard);
      return undefined;
    }
    try {
      return await this.dispatch(parsed.message);
    } catch (err) {
      previewLog.error(`Preview: handling "${parsed.message.type}" failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, this.guard);
      return undefined;
    }
  }

  private async dispatch(message: WebviewMessage): Promise<RunView | undefined> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.refresh();
        for (const [input, image] of this.images) this.post({ type: 'image', input, image: image.choice });
        if (this.current) this.post({ type: 'runStarted', runId: this.current.runId });
        else if (this.last) this.post({ type: 'runFinished', result: this.last.view });
        return undefined;
      case 'run':
        return this.run(message);
      case 'cancel':
        this.current?.abort.abort();
        return undefined;
      case 'pickImage':
        await this.pickImage(message.input);
        return undefined;
      case 'dropImage':
        await this.dropImage(message.input, message.uri);
        return undefined;
      case 'clearImage':
        if (this.images.delete(message.input)) this.post({ type: 'image', input: message.input, image: null });
        return undefined;
      case 'setMode':
        this.mode = message.mode;
        await this.refresh();
        return undefined;
      case 'command':
        await this.command(message.command);
        return undefined;
      case 'setCredential': {
        // Stored for the provider this workflow's form names (never one the webview picks);
        // a credential typed for each run has nothing to store.
        const need = (await readSnapshot(this.deps.service, this.uri)).form.credentials.find((c) => c.name === message.name);
        if (need?.route.provider && isValidCredentialName(message.name)) await vscode.commands.executeCommand(SECRET_COMMANDS.setCredential, message.name, need.route.provider.id);
        return undefined;
      }
      case 'revealStep':
        await revealStep(this.deps.service, this.uri, message.step);
        return undefined;
      case 'copy':
        await this.copy(message.target);
        return undefined;
    }
  }

  /** Rebuilds the session view and sends it (the latest call wins). */
  async refresh(): Promise<void> {
    const generation = ++this.refreshGeneration;
    const snapshot = await readSnapshot(this.deps.service, this.uri);
    const secrets = await secretStatus(this.deps.store);
    for (const value of await allStoredSecrets(this.deps.store)) this.guard.add(value);
    if (generation !== this.refreshGeneration || this.disposed) return;
    const server = readServerSetting();
    this.session = buildSession({
      snapshot,
      mode: this.mode,
      trusted: vscode.workspace.isTrusted,
      server,
      identity: server.url ? this.knownIdentity(server.url) : undefined,
      secrets,
      running: this.current !== undefined,
    });
    this.post({ type: 'session', session: this.session });
  }

  /** The server's identity if known; otherwise asks (once) and refreshes when it answers. */
  private knownIdentity(serverUrl: string): ServerIdentity | undefined {
    const known = this.deps.identities.peek(serverUrl);
    if (!known) void this.deps.identities.lookup(serverUrl).then(() => this.disposed || this.scheduleRefresh(0));
    return known;
  }

  /** A refresh soon (typing in the workflow fires many changes). */
  scheduleRefresh(delayMs = 250): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh().catch((err) => previewLog.error(`Preview refresh failed: ${String(err)}`, this.guard)), delayMs);
  }

  reveal(): void {
    this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, false);
  }

  private post(message: HostMessage): void {
    if (this.disposed) return;
    const safe = this.guard.redactDeep(message);
    const checked = parseHostMessage(safe);
    if (!checked.ok) {
      previewLog.error(`Preview: not sending an invalid message to the webview (${checked.error}).`, this.guard);
      return;
    }
    if (this.deps.capture) this.posted.push(safe);
    if (this.ready) void this.panel.webview.postMessage(safe);
  }

  private async pickImage(input: string): Promise<void> {
    if (!this.isImageInput(input)) return;
    const uri = await previewPrompts.pickImage(input);
    if (uri) await this.useImage(input, uri);
  }

  /** A file dropped on the panel: its URI comes from the webview, so it is checked like any other. */
  private async dropImage(input: string, text: string): Promise<void> {
    if (!this.isImageInput(input)) return;
    let uri: vscode.Uri | undefined;
    try {
      uri = vscode.Uri.parse(text.trim().split(/\r?\n/)[0], true);
    } catch {
      uri = undefined;
    }
    const schemes = new Set(['file', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
    if (!uri || !schemes.has(uri.scheme)) {
      this.refuseImage(input, 'Only image files from this workspace can be dropped here.');
      return;
    }
    await this.useImage(input, uri);
  }

  private isImageInput(input: string): boolean {
    return !!this.session?.inputs.some((f) => f.kind === 'image' && f.name === input);
  }

  /** Reads the file if it may be sent (inside a workspace folder, within the cap, an image). */
  private async useImage(input: string, uri: vscode.Uri): Promise<void> {
    const read = await readImage(uri);
    if (!read.ok) {
      this.refuseImage(input, read.message);
      return;
    }
    const { image } = read;
    const dataUrl = `data:${image.mime};base64,${image.base64}`;
    // TIFF is sent, but the webview cannot show it: no thumbnail.
    const choice: ImageChoice = { label: image.label, ...(isSafeImageDataUrl(dataUrl) && { dataUrl }), bytes: image.bytes };
    this.images.set(input, { value: { type: 'base64', value: image.base64 }, choice });
    this.post({ type: 'image', input, image: choice });
  }

  /** Says why, in the panel beside the field and as a warning; the earlier choice stays. */
  private refuseImage(input: string, problem: string): void {
    this.post({ type: 'image', input, image: this.images.get(input)?.choice ?? null, problem });
    void vscode.window.showWarningMessage(this.guard.redact(problem));
  }

  private async run(message: Extract<WebviewMessage, { type: 'run' }>): Promise<RunView | undefined> {
    if (this.current) return undefined; // one run at a time; the webview disables Run meanwhile
    const runId = ++this.runCounter;
    const abort = new AbortController();
    this.current = { runId, abort };
    this.post({ type: 'runStarted', runId });

    // Keyed by input names from the workflow and the webview: no prototype, declared image inputs only.
    const images = emptyRecord<ImageValue | undefined>();
    for (const [input, picked] of this.images) images[input] = picked.value;
    const imageInputs = new Set(this.session?.inputs.filter((f) => f.kind === 'image').map((f) => f.name));
    let badUrl: string | undefined;
    for (const input of Object.getOwnPropertyNames(message.imageUrls)) {
      const text = message.imageUrls[input];
      if (text.trim() === '' || !imageInputs.has(input)) continue;
      const checked = checkImageUrl(text);
      if (checked.ok) images[input] = { type: 'url', value: checked.url };
      else badUrl ??= `Image \`${input}\`: ${checked.message}`;
    }

    let outcome: RunOutcome;
    try {
      if (badUrl) {
        outcome = { view: { status: 'not-sent', runId, reason: badUrl }, redactor: this.guard };
      } else {
        const snapshot = await readSnapshot(this.deps.service, this.uri);
        const server = readServerSetting();
        const identityBefore = server.url && this.deps.identities.peek(server.url);
        outcome = await runPreview(
          { runId, mode: this.mode, drafts: message.values, images, runSinks: message.runSinks },
          {
            snapshot,
            store: this.deps.store,
            server,
            serverIdentity: (url) => this.deps.identities.lookup(url),
            trusted: vscode.workspace.isTrusted,
            signal: abort.signal,
            sessionGuard: this.guard,
          },
        );
        // The run may have been the first to hear from the server: show its version.
        if (server.url && this.deps.identities.peek(server.url) !== identityBefore) this.scheduleRefresh(0);
      }
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      outcome = {
        view: { status: 'failure', runId, kind: 'internal', message: `The preview failed inside VS Code: ${text}`, durationMs: 0, blockErrors: [], summary: '' },
        redactor: this.guard,
      };
      previewLog.error(`Preview run ${runId} failed: ${err instanceof Error ? (err.stack ?? text) : text}`, this.guard);
    } finally {
      this.current = undefined;
    }
    this.last = outcome;
    this.post({ type: 'runFinished', result: outcome.view });
    this.deps.onDidFinishRun(this.uri, this.guard.redactDeep(outcome.view));
    if (!this.panel.visible && outcome.view.status !== 'success' && !(outcome.view.status === 'failure' && outcome.view.kind === 'cancelled')) {
      void vscode.window.showWarningMessage(this.guard.redact(`Preview of ${this.uri.path.split('/').pop()} ${describeOutcome(outcome.view)}`));
    }
    return this.last.view;
  }

  private async command(command: PanelCommand): Promise<void> {
    const workflow = this.uri.toString();
    switch (command) {
      case 'setApiKey':
        await vscode.commands.executeCommand(SECRET_COMMANDS.setApiKey);
        return;
      case 'toggleRunAccess':
        await vscode.commands.executeCommand(SHARING_COMMANDS.toggleRunAccess, workflow);
        return;
      case 'toggleHiddenCredentials':
        await vscode.commands.executeCommand(SHARING_COMMANDS.toggleHiddenCredentials, workflow);
        return;
      case 'openSharingConfiguration':
        await vscode.commands.executeCommand(SHARING_COMMANDS.openSharingConfiguration, workflow);
        return;
      case 'openServerSetting':
        await vscode.commands.executeCommand('workbench.action.openSettings', FULL_SERVER_URL_SETTING);
        return;
      case 'manageTrust':
        await vscode.commands.executeCommand('workbench.trust.manage');
        return;
      case 'showLog':
        previewLog.show();
        return;
    }
  }

  private async copy(target: CopyTarget): Promise<void> {
    const view = this.last?.view;
    if (!view) return;
    let value: unknown;
    if (target.scope === 'all') value = view.status === 'success' ? view.outputs : view;
    else if (view.status === 'success') {
      const element = view.outputs[target.element];
      value = element && ownValue(element, target.output);
    }
    if (value === undefined) return;
    const text = this.guard.redact(JSON.stringify(value, null, 2));
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage('$(copy) Copied as JSON (secrets redacted)', 4000);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.refreshTimer);
    this.current?.abort.abort();
    for (const s of this.subscriptions) s.dispose();
    this.panel.dispose();
    this.deps.onDidDispose(this);
  }
}
