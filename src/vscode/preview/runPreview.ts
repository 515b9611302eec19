import * as vscode from 'vscode';
import type { CredentialNeed, ImageValue, Redactor, ServerIdentity } from '../../core/api';
import type { DraftValues, PanelCommand, PreviewMode, RunView } from '../../protocol/preview';
import { emptyRecord } from '../../core/ownProperties';
import { loadCore } from '../core';
import type { SecretStore, StoredCredential } from '../secrets/secretStore';
import { previewLog } from './log';
import { previewPrompts } from './prompts';
import { describeOutcome, toRunView } from './runView';
import type { ServerSetting } from './serverSetting';
import { RESTRICTED_MODE_TEXT, storedProviderNames } from './sessionView';
import type { WorkflowSnapshot } from './snapshot';

/**
 * One preview run, entirely in the extension host: check that it may be sent, gather the key and
 * credentials (SecretStorage, or password boxes in share mode), feed every secret to a new
 * Redactor, `POST /workflows/run` with a cancellable progress notification, and turn the answer
 * into what the webview shows. The key goes in the body's `api_key` and `Authorization: Bearer`
 * (never a URL); credentials only in `inputs`, never into the definition.
 */

/** Larger answers are cut off with a clear error: everything shown travels to the webview. */
export const PREVIEW_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface RunRequest {
  runId: number;
  mode: PreviewMode;
  drafts: DraftValues;
  images: Readonly<Record<string, ImageValue | undefined>>;
  runSinks: boolean;
}

export interface RunContext {
  snapshot: WorkflowSnapshot;
  store: SecretStore;
  server: ServerSetting;
  /** The server's name and version (its /info, asked once per URL): old servers ignore disable_sinks. */
  serverIdentity(serverUrl: string): Promise<ServerIdentity>;
  trusted: boolean;
  /** Aborted when the panel's Cancel is pressed or the panel closes. */
  signal: AbortSignal;
  /** The panel's session redactor: it learns every secret this run uses, too. */
  sessionGuard?: Redactor;
}

export interface RunOutcome {
  view: RunView;
  /** Knows every secret of this run: for copies, logs and notifications about it. */
  redactor: Redactor;
}

function notSent(runId: number, reason: string, detail?: string, action?: { command: PanelCommand; label: string }): RunView {
  return { status: 'not-sent', runId, reason, ...(detail && { detail }), ...(action && { action }) };
}

async function readSecret(read: () => Promise<string | undefined>): Promise<string | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}

/** Every value SecretStorage holds, to mask them all whether or not this run uses them. */
export async function allStoredSecrets(store: SecretStore): Promise<string[]> {
  const values: (string | undefined)[] = [await readSecret(() => store.getApiKey())];
  let stored: StoredCredential[] = [];
  try {
    stored = await store.listCredentials();
  } catch {
    stored = [];
  }
  for (const ref of stored) values.push(await readSecret(() => store.getCredential(ref)));
  return values.filter((v): v is string => !!v);
}

type Credentials = { ok: true; values: Record<string, string> } | { ok: false; view: RunView };

/** A value typed for this run: the input goes somewhere no stored credential may be sent. */
async function typedCredential(need: CredentialNeed, stored: readonly StoredCredential[] | undefined, runId: number): Promise<{ ok: true; value?: string } | { ok: false; view: RunView }> {
  if (!need.route.typed) return { ok: true };
  const reason = loadCore().typedReason(need.route.typed, storedProviderNames(stored, need.name));
  const value = await previewPrompts.typedCredential({ name: need.name, provider: need.provider, steps: need.steps, reason });
  if (value === undefined) return { ok: false, view: notSent(runId, `Cancelled: no value for \`${need.name}\` was typed, so nothing was sent.`) };
  return { ok: true, ...(value !== '' && { value }) };
}

/**
 * As you: each credential from SecretStorage, for the provider whose credential fields are the
 * only readers of its input (credentialRoute); any other input is typed for this run. A stored
 * credential is never looked up by its name alone.
 */
async function ownerCredentials(needs: readonly CredentialNeed[], store: SecretStore, runId: number): Promise<Credentials> {
  const values = emptyRecord<string>();
  let stored: StoredCredential[] | undefined;
  try {
    stored = await store.listCredentials();
  } catch {
    stored = undefined;
  }
  for (const need of needs) {
    const provider = need.route.provider;
    if (!provider) {
      const typed = await typedCredential(need, stored, runId);
      if (!typed.ok) return typed;
      if (typed.value !== undefined) values[need.name] = typed.value;
      continue;
    }
    let value: string | undefined;
    try {
      value = await store.getCredential({ provider: provider.id, name: need.name });
    } catch (err) {
      return { ok: false, view: notSent(runId, err instanceof Error ? err.message : String(err)) };
    }
    if (value !== undefined) values[need.name] = value;
    else if (!need.hasDefault) {
      return {
        ok: false,
        view: notSent(
          runId,
          `No ${provider.name} credential \`${need.name}\` is stored, and ${need.steps.length ? `step ${need.steps.map((s) => `\`${s}\``).join(', ')} needs it` : 'the workflow reads it'}.`,
          'Use "Set…" beside it to store it in VS Code SecretStorage, then run again. Nothing was sent.',
        ),
      };
    }
  }
  return { ok: true, values };
}

async function shareeCredentials(needs: readonly CredentialNeed[], runId: number): Promise<Credentials> {
  const values = emptyRecord<string>();
  for (const need of needs) {
    const value = await previewPrompts.sharedCredential({ name: need.name, provider: need.provider, steps: need.steps });
    if (value === undefined) return { ok: false, view: notSent(runId, `Cancelled: no value for \`${need.name}\` was given, so nothing was sent.`) };
    if (value !== '') values[need.name] = value;
  }
  return { ok: true, values };
}

function modeSummary(mode: PreviewMode, snapshot: WorkflowSnapshot): string {
  if (mode === 'owner') return 'As you: your API key and stored credentials';
  const plan = snapshot.plan!;
  return `As someone you share with · ${plan.runAccessText} · ${plan.credentialsText}`;
}

export async function runPreview(request: RunRequest, context: RunContext): Promise<RunOutcome> {
  const core = loadCore();
  const { snapshot, store, server } = context;
  const { runId, mode } = request;
  const redactor = new core.Redactor();
  const addSecret = (value: string) => {
    redactor.add(value);
    context.sessionGuard?.add(value);
  };
  for (const value of await allStoredSecrets(store)) addSecret(value);
  const done = (view: RunView): RunOutcome => {
    previewLog.info(`Preview of ${snapshot.fileName} (run ${runId}) ${describeOutcome(view)}`, redactor);
    return { view: redactor.redactDeep(view), redactor };
  };

  if (!context.trusted) return done(notSent(runId, RESTRICTED_MODE_TEXT, undefined, { command: 'manageTrust', label: 'Manage Workspace Trust' }));
  if (!server.url) return done(notSent(runId, server.view.problem ?? 'The server URL cannot be used.', undefined, { command: 'openServerSetting', label: 'Open the Setting' }));
  if (snapshot.problem || !snapshot.text || !snapshot.security) return done(notSent(runId, snapshot.problem ?? 'The workflow could not be read.'));
  const plan = snapshot.plan!;
  if (mode === 'sharee' && plan.blocked) {
    return done(notSent(runId, plan.blocked.reason, plan.blocked.detail, { command: 'toggleRunAccess', label: 'Turn On Run Access…' }));
  }
  // Before any password box: a server that ignores disable_sinks would fire the sinks.
  const identity = await context.serverIdentity(server.url);
  const sinks = core.sinksAllowRun(identity, snapshot.sinkSteps, request.runSinks);
  if (!sinks.ok) return done(notSent(runId, sinks.reason, 'Nothing was sent.'));

  // The definition: as written, or (share mode, credentials they supply) the one they receive.
  let definitionText = snapshot.text;
  let credentialNeeds = snapshot.form.credentials;
  let credentialSource: 'store' | 'prompt' = 'store';
  if (mode === 'sharee' && plan.credentials === 'sharee') {
    if (!snapshot.shareable || 'error' in snapshot.shareable) {
      return done(notSent(runId, `The definition people you share with receive could not be made: ${snapshot.shareable && 'error' in snapshot.shareable ? snapshot.shareable.error : 'unknown error'}`));
    }
    definitionText = snapshot.shareable.text;
    credentialNeeds = snapshot.shareable.credentials;
    credentialSource = 'prompt';
  }
  const specification = core.parseSpecification(definitionText);
  if (!specification.ok) return done(notSent(runId, specification.message));

  // Check the form before asking for anything.
  const precheck = core.buildRunInputs({ fields: snapshot.form.inputs, drafts: request.drafts, images: request.images, credentials: {} });
  if (!precheck.ok) return done(notSent(runId, precheck.message));

  const credentials = credentialSource === 'prompt' ? await shareeCredentials(credentialNeeds, runId) : await ownerCredentials(credentialNeeds, store, runId);
  if (!credentials.ok) return done(credentials.view);
  for (const value of Object.values(credentials.values)) addSecret(value);
  // Credentials written in the definition travel with it: mask them too.
  for (const value of core.literalSecretValues(snapshot.security)) addSecret(value);

  const inputs = core.buildRunInputs({ fields: snapshot.form.inputs, drafts: request.drafts, images: request.images, credentials: credentials.values });
  if (!inputs.ok) return done(notSent(runId, inputs.message));

  let apiKey: string | undefined;
  try {
    apiKey = await store.getApiKey();
  } catch (err) {
    previewLog.warn(`SecretStorage could not be read; the run is sent without an API key. ${err instanceof Error ? err.message : String(err)}`, redactor);
  }
  if (apiKey) addSecret(apiKey);

  const summary = modeSummary(mode, snapshot);
  previewLog.info(
    `Preview of ${snapshot.fileName} (run ${runId}): POST ${server.url}/workflows/run (${core.describeServerSoftware(identity)}) · ${summary} · API key ${apiKey ? 'in the body and the Authorization header' : 'none'} · inputs ${Object.keys(inputs.value).join(', ') || 'none'}`,
    redactor,
  );

  const abort = new AbortController();
  const onPanelAbort = () => abort.abort();
  context.signal.addEventListener('abort', onPanelAbort, { once: true });
  if (context.signal.aborted) abort.abort();
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Running ${snapshot.fileName}`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        const started = Date.now();
        const ticker = setInterval(() => progress.report({ message: `${Math.round((Date.now() - started) / 1000)} s` }), 1000);
        try {
          return await core.runWorkflow({
            serverUrl: server.url!,
            redactor,
            signal: abort.signal,
            timeoutMs: server.timeoutMs,
            maxResponseBytes: PREVIEW_MAX_RESPONSE_BYTES,
            apiKey,
            specification: specification.value,
            inputs: inputs.value,
            disableSinks: !request.runSinks,
          });
        } finally {
          clearInterval(ticker);
        }
      },
    );
    return done(toRunView(result, runId, snapshot.stepNames, summary));
  } finally {
    context.signal.removeEventListener('abort', onPanelAbort);
  }
}
