import './preview.css';
import { button, h, replaceChildren, rerender } from './dom';
import { emptyRecord } from '../core/ownProperties';
import { checkImageUrl, initialDraft, parseDraft } from '../protocol/inputValues';
import { kindBesideName } from './labels';
import { failureView, notSentView, successView, type ResultsContext } from './results';
import {
  isSafeImageDataUrl,
  parseHostMessage,
  type CredentialField,
  type DraftValues,
  type HostMessage,
  type ImageChoice,
  type ImageField,
  type PanelCommand,
  type ParameterField,
  type PreviewMode,
  type RunView,
  type SessionView,
  type WebviewMessage,
} from '../protocol/preview';

/**
 * The preview panel's webview. It renders what the extension host sends and reports clicks; it
 * never sees a key or a credential value, never builds a request and never loads anything remote.
 * Form drafts, the mode and the workflow's URI are kept with getState/setState (which also lets
 * the host's WebviewPanelSerializer restore the panel after a reload).
 */

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  workflowUri?: string;
  mode: PreviewMode;
  drafts: DraftValues;
  imageUrls: Record<string, string>;
  runSinks: boolean;
}

const vscode = acquireVsCodeApi();

function loadState(): SavedState {
  const raw = vscode.getState() as Partial<SavedState> | undefined;
  // Keyed by the workflow's input names (`toString`, `__proto__`…): prototype-free copies of own keys.
  const record = (v: unknown) => {
    const copy = emptyRecord<never>();
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) for (const key of Object.getOwnPropertyNames(v)) copy[key] = (v as Record<string, never>)[key];
    return copy;
  };
  return {
    workflowUri: typeof raw?.workflowUri === 'string' ? raw.workflowUri : undefined,
    mode: raw?.mode === 'sharee' ? 'sharee' : 'owner',
    drafts: record(raw?.drafts),
    imageUrls: record(raw?.imageUrls),
    runSinks: raw?.runSinks === true,
  };
}

const state = loadState();
let session: SessionView | undefined;
const images = emptyRecord<ImageChoice>();
let running: { runId: number; startedAt: number } | undefined;
let result: RunView | undefined;
/** The input images as they were when the last run started (predictions are drawn on them). */
let runImages = emptyRecord<string>();
let inputsSignature = '';
let ticker: ReturnType<typeof setInterval> | undefined;
let localRunId = 0;
const fieldErrors = emptyRecord<string>();
/** Why the host refused the image chosen or dropped for an input. */
const imageProblems = emptyRecord<string>();

function save(): void {
  vscode.setState(state);
}

function send(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function command(name: PanelCommand): void {
  send({ type: 'command', command: name });
}

// ---- layout ------------------------------------------------------------------------------------

const app = document.getElementById('app')!;
const top = h('div', { class: 'top' });
const inputsArea = h('section', { class: 'inputs', 'aria-labelledby': 'inputs-title' });
const secretsArea = h('section', { class: 'secrets', 'aria-labelledby': 'secrets-title' });
const actionsArea = h('div', { class: 'actions' });
const statusLine = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
const resultsArea = h('section', { class: 'results', 'aria-label': 'Results', 'data-testid': 'results' });
replaceChildren(app, top, inputsArea, secretsArea, actionsArea, statusLine, resultsArea);
app.removeAttribute('aria-busy');
replaceChildren(resultsArea, h('p', { class: 'muted placeholder' }, 'Waiting for VS Code…'));

// ---- header, banners, mode ---------------------------------------------------------------------

function banner(kind: 'warning' | 'error' | 'info', ...children: (Node | string | false | undefined)[]): HTMLElement {
  return h('div', { class: `banner ${kind}`, role: kind === 'error' ? 'alert' : 'note' }, ...children);
}

function renderTop(view: SessionView): HTMLElement[] {
  const server = view.server;
  const parts: HTMLElement[] = [
    h(
      'header',
      { class: 'title' },
      h('h1', {}, 'Preview ', h('span', { class: 'file' }, view.workflow.fileName)),
      h(
        'p',
        { class: 'server muted' },
        'Server: ',
        h('span', { 'data-testid': 'server' }, server.url ? `${server.label} · ${server.url}` : server.label),
        server.software &&
          h(
            'span',
            { class: `software ${server.software.status}`, 'data-testid': 'server-software', title: server.software.detail },
            ` · ${server.software.text}`,
          ),
        ' ',
        button('Change…', () => command('openServerSetting'), { key: 'server-setting', kind: 'link', title: 'Open the roboflowWorkflows.serverUrl setting (user settings only)' }),
        button('Show Log', () => command('showLog'), { key: 'show-log', kind: 'link' }),
      ),
    ),
  ];
  if (!view.trusted) {
    parts.push(banner('warning', h('strong', {}, 'Restricted Mode. '), view.restricted ?? '', ' ', button('Manage Workspace Trust', () => command('manageTrust'), { key: 'trust', kind: 'primary' })));
  }
  if (server.problem) parts.push(banner('error', h('strong', {}, 'The server URL cannot be used. '), server.problem, ' ', button('Open the Setting', () => command('openServerSetting'), { key: 'server-fix' })));
  if (server.ignoredWorkspaceValue) {
    parts.push(
      banner(
        'info',
        'This workspace sets ',
        h('code', {}, 'roboflowWorkflows.serverUrl'),
        ` to “${server.ignoredWorkspaceValue}”. It is ignored: only your user settings choose where your API key is sent.`,
      ),
    );
  }
  if (view.sinks && view.sinks.support !== 'yes') {
    // 'no': the host refuses the run unless sinks may fire; 'unknown': it runs, with this warning.
    const sinksFire = view.sinks.support === 'no' && state.runSinks;
    parts.push(
      h(
        'div',
        { class: `banner ${view.sinks.support === 'no' ? 'warning' : 'info'}`, role: 'note', 'data-testid': 'sinks-notice' },
        view.sinks.message,
        sinksFire && h('strong', {}, ' “Let sinks fire” is ticked: they will fire.'),
      ),
    );
  }
  if (view.definitionProblem) parts.push(banner('error', view.definitionProblem));
  else if (view.errorCount > 0) parts.push(banner('info', `The editor reports ${view.errorCount} error${view.errorCount === 1 ? '' : 's'} in this workflow; the server will probably reject it.`));

  const radio = (mode: PreviewMode, label: string, hint: string) =>
    h(
      'label',
      { class: 'radio' },
      h('input', {
        type: 'radio',
        name: 'mode',
        value: mode,
        checked: view.mode === mode,
        'data-key': `mode:${mode}`,
        onchange: () => {
          state.mode = mode;
          save();
          send({ type: 'setMode', mode });
        },
      }),
      h('span', {}, label, h('span', { class: 'muted' }, ` ${hint}`)),
    );
  const mode = h(
    'fieldset',
    { class: 'mode' },
    h('legend', {}, 'Run as'),
    radio('owner', 'Me', '(your API key and stored credentials)'),
    radio('sharee', 'Someone I share with', '(following the sharing configuration)'),
  );
  parts.push(mode);
  if (view.mode === 'sharee') {
    const sharing = view.sharing;
    parts.push(
      h(
        'div',
        { class: 'sharing' },
        h('p', {}, h('strong', {}, sharing.runAccess), ' · ', h('strong', {}, sharing.credentials), ' ', button('Sharing Configuration…', () => command('openSharingConfiguration'), { key: 'open-sharing', kind: 'link' })),
        sharing.notes.length > 0 && h('ul', { class: 'notes' }, sharing.notes.map((n) => h('li', {}, n))),
        sharing.blocked &&
          h(
            'div',
            { class: 'banner warning blocked', role: 'alert', 'data-testid': 'share-blocked' },
            h('p', {}, h('strong', {}, sharing.blocked.reason)),
            h('p', {}, sharing.blocked.detail),
            button(sharing.blocked.action.label, () => command(sharing.blocked!.action.command), { key: 'blocked-action', kind: 'primary' }),
          ),
      ),
    );
  }
  return parts;
}

// ---- inputs ------------------------------------------------------------------------------------

/** Each input's element id: its name where an id can hold it, numbered when two names would give
 * the same id (`max people` and `max_people`), so every label, error and focus finds its own field. */
let fieldIds = new Map<string, string>();
const FIELD_ID_SUFFIXES = ['', '-error', '-hint', '-url', '-url-warning'];

function assignFieldIds(names: readonly string[]): void {
  const used = new Set<string>();
  fieldIds = new Map();
  for (const name of names) {
    const base = `input-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    let id = base;
    for (let n = 2; FIELD_ID_SUFFIXES.some((suffix) => used.has(id + suffix)); n++) id = `${base}-${n}`;
    for (const suffix of FIELD_ID_SUFFIXES) used.add(id + suffix);
    fieldIds.set(name, id);
  }
}

function fieldId(name: string): string {
  return fieldIds.get(name)!; // every field comes from the session, whose inputs were given ids
}

function imageField(field: ImageField, disabled: boolean): HTMLElement {
  const id = fieldId(field.name);
  const chosen = images[field.name];
  const url = state.imageUrls[field.name] ?? '';
  const thumb =
    chosen?.dataUrl && isSafeImageDataUrl(chosen.dataUrl)
      ? h('img', { class: 'thumb', src: chosen.dataUrl, alt: `Chosen image ${chosen.label}` })
      : h('div', { class: 'thumb empty', 'aria-hidden': 'true' }, url ? 'URL' : 'No image');
  const kind = kindBesideName(field.name, 'image');
  const problem = imageProblems[field.name];
  return h(
    'fieldset',
    {
      class: 'field image-field',
      // A file dropped from the Explorer (hold Shift): the host checks it like a picked one.
      ondragover: (event: Event) => {
        if (!disabled) event.preventDefault();
      },
      ondrop: (event: Event) => {
        event.preventDefault();
        const uri = (event as DragEvent).dataTransfer?.getData('text/uri-list').split(/\r?\n/).find((line) => line && !line.startsWith('#'));
        if (uri && !disabled) send({ type: 'dropImage', input: field.name, uri });
      },
    },
    h('legend', {}, field.name, kind && h('span', { class: 'kinds' }, ` ${kind}`)),
    h(
      'div',
      { class: 'image-row' },
      thumb,
      h(
        'div',
        { class: 'image-controls' },
        h(
          'div',
          { class: 'row' },
          button(chosen ? 'Choose Another Image…' : 'Choose Image…', () => send({ type: 'pickImage', input: field.name }), { key: `pick:${field.name}`, kind: chosen ? 'secondary' : 'primary', disabled }),
          chosen && h('span', { class: 'muted', 'data-testid': `image-label-${field.name}` }, chosen.label, chosen.bytes !== undefined ? ` · ${(chosen.bytes / 1024).toFixed(1)} KB` : ''),
          chosen &&
            button('Remove', () => send({ type: 'clearImage', input: field.name }), { key: `clear:${field.name}`, kind: 'link', ariaLabel: `Remove the image chosen for ${field.name}` }),
        ),
        h('label', { for: `${id}-url`, class: 'muted' }, 'or an image URL (the server downloads it)'),
        h('input', {
          id: `${id}-url`,
          type: 'url',
          placeholder: 'https://…',
          value: url,
          'data-key': `url:${field.name}`,
          'aria-describedby': `${id}-url-warning`,
          disabled,
          oninput: (event: Event) => {
            const value = (event.target as HTMLInputElement).value;
            if (value.trim()) state.imageUrls[field.name] = value;
            else delete state.imageUrls[field.name];
            save();
            document.getElementById(`${id}-url-warning`)!.textContent = imageUrlWarning(value);
            if (value.trim() && images[field.name]) send({ type: 'clearImage', input: field.name });
          },
        }),
        h('p', { id: `${id}-url-warning`, class: 'field-warning', 'data-testid': `image-url-warning-${field.name}` }, imageUrlWarning(url)),
        h('p', { class: 'field-error', role: 'alert', 'data-testid': `image-problem-${field.name}` }, problem ?? ''),
      ),
    ),
  );
}

/** Why the server may refuse the URL as typed (its scheme, a host without a domain name); the host
 * refuses outright only what can never be sent, and says so when Run is pressed. */
function imageUrlWarning(text: string): string {
  const checked = checkImageUrl(text);
  return checked.ok ? checked.warnings.join(' ') : '';
}

function validateField(field: ParameterField): string | undefined {
  const parsed = parseDraft(field, state.drafts[field.name]);
  if (parsed.ok) delete fieldErrors[field.name];
  else fieldErrors[field.name] = parsed.message;
  return parsed.ok ? undefined : parsed.message;
}

function showFieldError(field: ParameterField, control: HTMLElement): void {
  const message = validateField(field);
  const errorId = `${fieldId(field.name)}-error`;
  const box = document.getElementById(errorId);
  if (box) box.textContent = message ?? '';
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
}

function parameterField(field: ParameterField, disabled: boolean): HTMLElement {
  const id = fieldId(field.name);
  // Untouched controls show the current default_value and are left out of the run (the server
  // applies the default); only what the user typed is kept in the state.
  const draft = field.name in state.drafts ? state.drafts[field.name] : initialDraft(field);
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const onInput = (event: Event) => {
    const target = event.target as HTMLInputElement | HTMLTextAreaElement;
    state.drafts[field.name] = field.control === 'checkbox' ? (target as HTMLInputElement).checked : target.value;
    save();
    showFieldError(field, target);
  };
  const common = { id, 'data-key': `param:${field.name}`, disabled, 'aria-describedby': `${hintId} ${errorId}`, oninput: onInput, onchange: onInput };
  let control: HTMLElement;
  switch (field.control) {
    case 'checkbox':
      control = h('input', { ...common, type: 'checkbox', checked: draft === true });
      break;
    case 'number':
    case 'integer':
      control = h('input', { ...common, type: 'number', step: field.control === 'integer' ? '1' : 'any', min: field.min, max: field.max, value: String(draft ?? ''), inputmode: 'decimal' });
      break;
    case 'json':
      control = h('textarea', { ...common, rows: 3, spellcheck: 'false', placeholder: 'JSON, e.g. ["a", "b"] or {"key": 1}' }, String(draft ?? ''));
      break;
    default:
      control = h('input', { ...common, type: 'text', value: String(draft ?? ''), spellcheck: 'false' });
  }
  const hint = [field.kinds.filter((k) => k !== '*').join(', ') || 'any kind', field.hasDefault ? `default ${JSON.stringify(field.defaultValue)}` : field.control === 'checkbox' ? 'no default: unticked sends false' : 'no default: left out when empty'].join(' · ');
  const message = fieldErrors[field.name];
  if (message) control.setAttribute('aria-invalid', 'true');
  return h(
    'div',
    { class: `field param ${field.control}` },
    field.control === 'checkbox'
      ? h('label', { class: 'checkbox', for: id }, control, ` ${field.name}`)
      : [h('label', { for: id }, field.name), control],
    h('p', { id: hintId, class: 'hint muted' }, hint),
    h('p', { id: errorId, class: 'field-error', role: 'alert' }, message ?? ''),
  );
}

/** The form is drawn again only when this changes, or when a message clears `inputsSignature` (an
 * image, a run starting or ending): a session that changes nothing in it leaves the user's work there alone. */
function signatureOf(view: SessionView): string {
  return JSON.stringify([view.inputs, view.trusted, !!view.definitionProblem]);
}

function renderInputs(view: SessionView): (HTMLElement | false)[] {
  const disabled = !view.trusted;
  return [
    h('h2', { id: 'inputs-title' }, 'Inputs'),
    view.inputs.length === 0 && h('p', { class: 'muted' }, 'This workflow declares no inputs to fill in.'),
    ...view.inputs.map((field) => (field.kind === 'image' ? imageField(field, disabled) : parameterField(field, disabled))),
  ];
}

// ---- keys and credentials ------------------------------------------------------------------------

function credentialStatus(c: CredentialField): (HTMLElement | string | false)[] {
  switch (c.status) {
    case 'stored':
      return [h('span', { class: 'chip ok' }, 'stored ✓')];
    case 'hidden':
      return [h('span', { class: 'chip ok', title: 'Your stored credential, hidden from them' }, '••••'), h('span', { class: 'muted' }, ' yours, hidden')];
    case 'prompt':
      return [h('span', { class: 'chip' }, 'asked when you run'), h('span', { class: 'muted' }, ' in a password box; yours are not used')];
    case 'unavailable':
      return [h('span', { class: 'chip warn' }, 'SecretStorage unavailable')];
    case 'typed':
      return [
        h('span', { class: 'chip', 'data-testid': `typed-${c.name}` }, 'typed for this run'),
        h('p', { class: 'muted hint', 'data-testid': `typed-reason-${c.name}` }, `Asked in a password box when you run; no stored credential is used: ${c.reason ?? ''}.`),
      ];
    case 'missing':
      return [
        h('span', { class: 'chip warn' }, `not stored for ${c.provider}`),
        ' — ',
        button('Set…', () => send({ type: 'setCredential', name: c.name }), { key: `set:${c.name}`, kind: 'link', ariaLabel: `Store ${c.name} for ${c.provider} in SecretStorage` }),
        c.hasDefault && h('span', { class: 'muted' }, ' (the input’s default value is used meanwhile)'),
      ];
  }
}

function renderSecrets(view: SessionView): (HTMLElement | false)[] {
  const key = view.apiKey;
  const keyStatus: (HTMLElement | string | false)[] =
    key.status === 'stored'
      ? [h('span', { class: 'chip ok' }, 'stored ✓')]
      : key.status === 'owner-hidden'
        ? [h('span', { class: 'chip ok' }, '••••')]
        : key.status === 'stand-in'
          ? [h('span', { class: 'chip' }, 'theirs (yours stands in)')]
          : key.status === 'unavailable'
            ? [h('span', { class: 'chip warn' }, 'SecretStorage unavailable')]
            : [h('span', { class: 'chip warn' }, 'not stored'), ' — ', button('Set…', () => command('setApiKey'), { key: 'set-api-key', kind: 'link', ariaLabel: 'Set your Roboflow API key' })];
  return [
    h('h2', { id: 'secrets-title' }, 'Keys and credentials'),
    h(
      'ul',
      { class: 'secret-list' },
      h('li', {}, h('span', { class: 'secret-name' }, 'Roboflow API key'), ...keyStatus, h('p', { class: 'muted hint', 'data-testid': 'api-key-detail' }, key.detail)),
      view.credentials.map((c) =>
        h(
          'li',
          { 'data-testid': `credential-${c.name}` },
          h('span', { class: 'secret-name' }, h('code', {}, c.name)),
          h('span', { class: 'muted' }, ` ${c.provider}${c.steps.length ? ` · ${c.steps.join(', ')}` : ''} `),
          ...credentialStatus(c),
          c.note && h('p', { class: 'muted hint', 'data-testid': `credential-note-${c.name}` }, c.note),
        ),
      ),
    ),
    view.credentials.length === 0 && h('p', { class: 'muted hint' }, 'No step of this workflow reads a credential from an input.'),
  ];
}

// ---- run and cancel ------------------------------------------------------------------------------

function canRun(view: SessionView): boolean {
  return view.trusted && !view.server.problem && !view.definitionProblem && !(view.mode === 'sharee' && view.sharing.blocked);
}

function startRun(): void {
  if (!session || running) return;
  for (const field of session.inputs) {
    if (field.kind !== 'parameter') continue;
    const message = validateField(field);
    if (message) {
      renderAll();
      document.getElementById(fieldId(field.name))?.focus();
      statusLine.textContent = message;
      return;
    }
  }
  const values: DraftValues = emptyRecord();
  const imageUrls = emptyRecord<string>();
  for (const field of session.inputs) {
    if (field.kind === 'parameter' && field.name in state.drafts) values[field.name] = state.drafts[field.name];
    // An unchecked box without a default means false, not "absent" (which the server reads as None).
    else if (field.kind === 'parameter' && field.control === 'checkbox' && !field.hasDefault) values[field.name] = false;
    if (field.kind === 'image' && state.imageUrls[field.name] && !images[field.name]) imageUrls[field.name] = state.imageUrls[field.name];
  }
  runImages = emptyRecord();
  for (const [name, choice] of Object.entries(images)) if (choice.dataUrl && isSafeImageDataUrl(choice.dataUrl)) runImages[name] = choice.dataUrl;
  send({ type: 'run', runId: ++localRunId, values, imageUrls, runSinks: state.runSinks });
}

function renderActions(view: SessionView): HTMLElement[] {
  const enabled = canRun(view) && !running;
  return [
    button(h('span', {}, '▶ Run'), startRun, { key: 'run', kind: 'primary', disabled: !enabled, title: enabled ? 'Run the workflow on the server' : 'Running is not possible now (see above)' }),
    button('Cancel', () => send({ type: 'cancel' }), { key: 'cancel', disabled: !running }),
    h(
      'label',
      { class: 'checkbox sinks', title: 'Sinks send e-mails and SMS, call webhooks and upload data. Off: the run asks the server to disable them.' },
      h('input', {
        type: 'checkbox',
        checked: state.runSinks,
        'data-key': 'sinks',
        onchange: (event: Event) => {
          state.runSinks = (event.target as HTMLInputElement).checked;
          save();
          if (session?.sinks) rerender(top, () => renderTop(session!));
        },
      }),
      ' Let sinks fire (e-mail, webhooks, uploads)',
    ),
  ];
}

function updateStatus(): void {
  if (running) {
    const elapsed = (Date.now() - running.startedAt) / 1000;
    statusLine.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), ` Running… `, h('span', { 'aria-hidden': 'true' }, `${elapsed.toFixed(1)} s`));
  } else if (result?.status === 'success') statusLine.textContent = `Finished in ${(result.durationMs / 1000).toFixed(2)} s.`;
  else if (result?.status === 'failure') statusLine.textContent = result.kind === 'cancelled' ? 'Cancelled.' : 'The run failed: see below.';
  else if (result?.status === 'not-sent') statusLine.textContent = 'Nothing was sent: see below.';
  else statusLine.textContent = '';
}

// ---- results -------------------------------------------------------------------------------------

function resultsContext(): ResultsContext & { command(c: PanelCommand): void } {
  return { send, inputImages: runImages, command };
}

function renderResults(): (HTMLElement | false)[] {
  if (!result) {
    return [h('p', { class: 'muted placeholder' }, running ? 'Waiting for the server…' : 'Choose the inputs, then Run: the outputs appear here.')];
  }
  switch (result.status) {
    case 'success':
      return [successView(result, resultsContext())];
    case 'failure':
      return [failureView(result, resultsContext())];
    case 'not-sent':
      return [notSentView(result, resultsContext())];
  }
}

// ---- rendering -----------------------------------------------------------------------------------

function renderAll(): void {
  if (!session) return;
  const view = session;
  rerender(top, () => renderTop(view));
  const signature = signatureOf(view);
  if (signature !== inputsSignature) {
    inputsSignature = signature;
    rerender(inputsArea, () => renderInputs(view));
  }
  rerender(secretsArea, () => renderSecrets(view));
  rerender(actionsArea, () => renderActions(view));
  updateStatus();
}

function onMessage(message: HostMessage): void {
  switch (message.type) {
    case 'session':
      session = message.session;
      assignFieldIds(session.inputs.map((field) => field.name));
      if (state.workflowUri !== session.workflow.uri || state.mode !== session.mode) {
        // The host's mode wins after a restore; the URI lets the serializer reopen this panel.
        state.workflowUri = session.workflow.uri;
        state.mode = session.mode;
        save();
      }
      if (!result && !running) rerender(resultsArea, renderResults);
      renderAll();
      return;
    case 'image':
      if (message.problem) imageProblems[message.input] = message.problem;
      else delete imageProblems[message.input];
      if (message.image && (!message.image.dataUrl || isSafeImageDataUrl(message.image.dataUrl))) {
        images[message.input] = message.image;
        delete state.imageUrls[message.input];
        save();
      } else delete images[message.input];
      inputsSignature = '';
      renderAll();
      return;
    case 'runStarted':
      running = { runId: message.runId, startedAt: Date.now() };
      result = undefined;
      if (Object.keys(runImages).length === 0) for (const [name, choice] of Object.entries(images)) if (choice.dataUrl) runImages[name] = choice.dataUrl;
      clearInterval(ticker);
      ticker = setInterval(updateStatus, 100);
      rerender(resultsArea, renderResults);
      inputsSignature = '';
      renderAll();
      return;
    case 'runFinished':
      running = undefined;
      clearInterval(ticker);
      result = message.result;
      if (Object.keys(runImages).length === 0) for (const [name, choice] of Object.entries(images)) if (choice.dataUrl) runImages[name] = choice.dataUrl;
      rerender(resultsArea, renderResults);
      inputsSignature = '';
      renderAll();
      resultsArea.querySelector<HTMLElement>('.result h2')?.scrollIntoView({ block: 'nearest' });
      return;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = parseHostMessage(event.data);
  if (!parsed.ok) {
    console.warn(`[roboflow preview] ignored a message: ${parsed.error}`);
    return;
  }
  onMessage(parsed.message);
});

send({ type: 'ready' });
