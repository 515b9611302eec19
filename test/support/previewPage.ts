// The preview page (src/webview/main.ts) in jsdom, as the tests drive it: the workflow and the form the
// host builds for it, the session the host sends, and the user's actions with what they post back. Every
// message sent passes the webview's own validator (parseHostMessage) and every message it posts is
// checked with the host's (parseWebviewMessage).
import assert from 'node:assert/strict';
import { analyzeWorkflowSecurity } from '../../src/core/analysis/analyze';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { previewForm } from '../../src/core/preview/form';
import { parseHostMessage, parseWebviewMessage, type HostMessage, type RunView, type SessionView, type WebviewMessage } from '../../src/protocol/preview';
import { loadWebview, type Webview } from './webviewHarness';

export const WORKFLOW = {
  version: '1.0',
  inputs: [
    { type: 'WorkflowImage', name: 'image' },
    { type: 'WorkflowParameter', name: 'confidence', kind: ['float_zero_to_one'], default_value: 0.4 },
    { type: 'WorkflowParameter', name: 'max_people', kind: ['integer'] },
    { type: 'WorkflowParameter', name: 'classes', kind: ['list_of_values'], default_value: ['person'] },
    { type: 'WorkflowParameter', name: 'annotate', kind: ['boolean'] },
    { type: 'WorkflowParameter', name: 'openai_key', kind: ['secret'] },
  ],
  steps: [
    { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'people', images: '$inputs.image', model_id: 'rfdetr-base', confidence: '$inputs.confidence', class_filter: '$inputs.classes' },
    { type: 'roboflow_core/open_ai@v4', name: 'describe', images: '$inputs.image', task_type: 'unconstrained', prompt: 'How many people?', api_key: '$inputs.openai_key' },
  ],
  outputs: [
    { type: 'JsonField', name: 'predictions', selector: '$steps.people.predictions' },
    { type: 'JsonField', name: 'text', selector: '$steps.describe.output' },
  ],
};

/** The form the host builds for WORKFLOW (src/core/preview/form.ts), as it sends it; `resetPage` builds it. */
// Built before each test, not at load: what runs at load is credited to no test (mutation testing).
export let FORM: ReturnType<typeof previewForm>;
export const URI = 'file:///work/people.workflow.json';
export const RESTRICTED =
  'Previews are disabled in Restricted Mode. A preview run sends your Roboflow API key and stored credentials to an inference server, and this workspace is not trusted yet. Trust the workspace to run previews; validation keeps working either way.';

/** The inputs of the form the host builds for a workflow that declares `inputs` (and no steps). */
export function formInputs(inputs: object[]): SessionView['inputs'] {
  return previewForm(analyzeWorkflowSecurity(JSON.stringify({ version: '1.0', inputs, steps: [], outputs: [] }), bundledCatalog())).inputs;
}

export function session(overrides: Partial<SessionView> = {}): SessionView {
  return {
    workflow: { uri: URI, fileName: 'people.workflow.json' },
    trusted: true,
    server: { url: 'http://localhost:9001', label: 'This machine (localhost:9001)', software: { status: 'identified', text: 'inference 0.51.0' } },
    mode: 'owner',
    errorCount: 0,
    inputs: FORM.inputs,
    apiKey: { status: 'stored', detail: 'Your Roboflow API key (from SecretStorage) goes to the server in the request body and the Authorization header, never in a URL; it is never shown here.' },
    credentials: FORM.credentials.map(({ name, provider, steps, hasDefault }) => ({ name, provider, steps, hasDefault, status: 'missing' as const })),
    sharing: { runAccess: 'Run access: off', credentials: 'Credentials: they type their own', notes: [] },
    running: false,
    ...overrides,
  };
}

// ---- helpers --------------------------------------------------------------------------------------

let webview: Webview | undefined;

/** Before each test: the form built afresh. */
export function resetPage(): void {
  FORM = previewForm(analyzeWorkflowSecurity(JSON.stringify(WORKFLOW, null, 2), bundledCatalog()));
}

/** After each test: the page the last `open` loaded is closed. */
export function closePage(): void {
  webview?.close();
  webview = undefined;
}

/** Loads the page (with the state VS Code kept, when given); the previous page is closed. */
export async function open(state?: unknown): Promise<Webview> {
  closePage();
  webview = await loadWebview('preview', { state });
  return webview;
}

/** The host posts a message the webview must accept (no warning). */
export function host(w: Webview, message: HostMessage): void {
  const checked = parseHostMessage(message);
  assert.ok(checked.ok, `the test's own message is invalid: ${checked.ok ? '' : checked.error}`);
  const warnings = w.warnings.length;
  w.send(message);
  assert.deepEqual(w.warnings.slice(warnings), [], 'the webview ignored a valid message');
}

export function one<T extends Element = HTMLElement>(w: Webview, selector: string): T {
  const found = w.document.querySelector<T>(selector);
  assert.ok(found, `nothing matches ${selector}`);
  return found;
}

export const byKey = <T extends Element = HTMLElement>(w: Webview, key: string) => one<T>(w, `[data-key="${key}"]`);
export const input = (w: Webview, id: string) => one<HTMLInputElement>(w, `#${id}`);
export const textOf = (element: Element | null | undefined) => element?.textContent ?? '';
export const status = (w: Webview) => textOf(one(w, 'p.status'));

/** The button whose text is `label` (exactly one), inside `within` when given. */
export function buttonNamed(w: Webview, label: string, within: ParentNode = w.document): HTMLButtonElement {
  const found = Array.from(within.querySelectorAll<HTMLButtonElement>('button')).filter((b) => b.textContent === label);
  assert.equal(found.length, 1, `${found.length} buttons read "${label}"`);
  return found[0];
}

/** What the webview posted after `count` messages, each checked with the host's validator. */
export function postedSince(w: Webview, count: number): WebviewMessage[] {
  const messages = w.posted.slice(count);
  for (const message of messages) {
    const parsed = parseWebviewMessage(message);
    assert.ok(parsed.ok, `the host would reject ${JSON.stringify(message)}: ${parsed.ok ? '' : parsed.error}`);
  }
  return messages as WebviewMessage[];
}

/** Clicking `target` posts exactly `expected`. */
export function clickPosts(w: Webview, target: Element, expected: WebviewMessage[]): void {
  const before = w.posted.length;
  w.click(target);
  assert.deepEqual(postedSince(w, before), expected);
}

export const lastSaved = (w: Webview) => w.saved[w.saved.length - 1];

/** Resolves once `condition()` holds, checked every 20 ms; fails, saying what it waited for, after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`waited ${timeoutMs / 1000} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function success(runId: number): RunView {
  return { status: 'success', runId, durationMs: 1234, responseBytes: 2048, outputs: [{ count: 2, label: 'two people' }, { count: 0, label: 'nobody' }], summary: 'As you' };
}
