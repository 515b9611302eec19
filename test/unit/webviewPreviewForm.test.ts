// The preview panel's form, keys and actions (src/webview/main.ts in jsdom): the exact markup of each
// control and key status (its classes style it, its ids and roles are what a screen reader reads), what
// Run sends from a saved state that no longer fits the workflow, and which messages leave the user's
// work on the page alone. test/support/previewPage.ts drives the page.
import assert from 'node:assert/strict';
import type { ApiKeyStatus, CredentialField, RunView } from '../../src/protocol/preview';
import type { Webview } from '../support/webviewHarness';
import { FORM, byKey, clickPosts, closePage, formInputs, host, input, one, open, resetPage, session, status, textOf } from '../support/previewPage';

const fieldMarkup = (w: Webview) => Array.from(w.document.querySelectorAll('section.inputs > .field')).map((field) => field.outerHTML);

/** Selects the text of `element` as the user would (a drag or a triple click); returns what is selected now. */
function selectText(w: Webview, element: Element): () => string {
  const selection = w.window.getSelection()!;
  selection.selectAllChildren(element);
  assert.notEqual(selection.toString(), '', 'something is selected');
  return () => selection.toString();
}

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const JPEG = 'data:image/jpeg;base64,/9j/4AAQSkZJRg==';

function detections(runId: number): RunView {
  return {
    status: 'success',
    runId,
    durationMs: 400,
    responseBytes: 512,
    outputs: [{ predictions: { image: { width: 64, height: 48 }, predictions: [{ x: 20, y: 20, width: 10, height: 10, class: 'person', class_id: 0, confidence: 0.9 }] } }],
    summary: 'As you',
  };
}

describe('preview webview: the form, the keys and the actions', function () {
  beforeEach(resetPage);
  afterEach(closePage);

  it('draws each parameter control with its label, its hint and its error box, described by both', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    const section = one(w, 'section.inputs');
    assert.equal(section.getAttribute('aria-labelledby'), 'inputs-title');
    assert.equal(one(w, 'section.inputs > h2').outerHTML, '<h2 id="inputs-title">Inputs</h2>');
    assert.equal(w.document.querySelector('section.inputs > p'), null, 'no "no inputs" line beside inputs');
    assert.deepEqual(fieldMarkup(w).slice(1), [
      '<div class="field param number"><label for="input-confidence">confidence</label><input id="input-confidence" data-key="param:confidence" aria-describedby="input-confidence-hint input-confidence-error" type="number" step="any" min="0" max="1" value="0.4" inputmode="decimal"><p id="input-confidence-hint" class="hint muted">float_zero_to_one · default 0.4</p><p id="input-confidence-error" class="field-error" role="alert"></p></div>',
      '<div class="field param integer"><label for="input-max_people">max_people</label><input id="input-max_people" data-key="param:max_people" aria-describedby="input-max_people-hint input-max_people-error" type="number" step="1" value="" inputmode="decimal"><p id="input-max_people-hint" class="hint muted">integer · no default: left out when empty</p><p id="input-max_people-error" class="field-error" role="alert"></p></div>',
      '<div class="field param json"><label for="input-classes">classes</label><textarea id="input-classes" data-key="param:classes" aria-describedby="input-classes-hint input-classes-error" rows="3" spellcheck="false" placeholder="JSON, e.g. [&quot;a&quot;, &quot;b&quot;] or {&quot;key&quot;: 1}">["person"]</textarea><p id="input-classes-hint" class="hint muted">list_of_values · default ["person"]</p><p id="input-classes-error" class="field-error" role="alert"></p></div>',
      '<div class="field param checkbox"><label class="checkbox" for="input-annotate"><input id="input-annotate" data-key="param:annotate" aria-describedby="input-annotate-hint input-annotate-error" type="checkbox"> annotate</label><p id="input-annotate-hint" class="hint muted">boolean · no default: unticked sends false</p><p id="input-annotate-error" class="field-error" role="alert"></p></div>',
    ]);
  });

  it('a text field shows its default, a box with a true default is ticked, and a JSON field without one is empty', async () => {
    const inputs = formInputs([
      { type: 'WorkflowParameter', name: 'label', kind: ['string'], default_value: 'a person' },
      { type: 'WorkflowParameter', name: 'tags', kind: ['list_of_values'] },
      { type: 'WorkflowParameter', name: 'flag', kind: ['boolean'], default_value: true },
    ]);
    const w = await open();
    host(w, { type: 'session', session: session({ inputs, credentials: [] }) });
    assert.deepEqual(fieldMarkup(w), [
      '<div class="field param text"><label for="input-label">label</label><input id="input-label" data-key="param:label" aria-describedby="input-label-hint input-label-error" type="text" value="a person" spellcheck="false"><p id="input-label-hint" class="hint muted">string · default "a person"</p><p id="input-label-error" class="field-error" role="alert"></p></div>',
      '<div class="field param json"><label for="input-tags">tags</label><textarea id="input-tags" data-key="param:tags" aria-describedby="input-tags-hint input-tags-error" rows="3" spellcheck="false" placeholder="JSON, e.g. [&quot;a&quot;, &quot;b&quot;] or {&quot;key&quot;: 1}"></textarea><p id="input-tags-hint" class="hint muted">list_of_values · no default: left out when empty</p><p id="input-tags-error" class="field-error" role="alert"></p></div>',
      '<div class="field param checkbox"><label class="checkbox" for="input-flag"><input id="input-flag" data-key="param:flag" aria-describedby="input-flag-hint input-flag-error" type="checkbox" checked=""> flag</label><p id="input-flag-hint" class="hint muted">boolean · default true</p><p id="input-flag-error" class="field-error" role="alert"></p></div>',
    ]);
    assert.deepEqual([input(w, 'input-label').value, input(w, 'input-flag').checked], ['a person', true]);
  });

  it('a box ticked before a reload is ticked again; a saved draft that is not text shows an empty field', async () => {
    const w = await open({ drafts: { annotate: true } });
    host(w, { type: 'session', session: session() });
    assert.equal(input(w, 'input-annotate').checked, true);
    // A state VS Code kept from another version of the page, with null drafts.
    const label = { kind: 'parameter' as const, name: 'label', control: 'text' as const, kinds: ['string'], hasDefault: true, defaultValue: 'a person' };
    const reloaded = await open({ drafts: { confidence: null, classes: null, label: null } });
    host(reloaded, { type: 'session', session: session({ inputs: [...FORM.inputs, label] }) });
    assert.deepEqual(
      [input(reloaded, 'input-confidence').getAttribute('value'), textOf(one(reloaded, '#input-classes')), input(reloaded, 'input-label').getAttribute('value')],
      ['', '', ''],
    );
  });

  it('an error typed into a field stays under it, flagged, when the form is drawn again; the other fields are not flagged', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    w.type(input(w, 'input-confidence'), '1.5');
    const typedInto = input(w, 'input-confidence');
    // An image from the host draws the whole form again.
    host(w, { type: 'image', input: 'image', image: { label: 'crowd.jpg', dataUrl: PNG } });
    const confidence = input(w, 'input-confidence');
    assert.notEqual(confidence, typedInto, 'the form was drawn again');
    assert.equal(confidence.value, '1.5');
    assert.equal(confidence.getAttribute('aria-invalid'), 'true');
    assert.equal(textOf(one(w, '#input-confidence-error')), '`confidence` must be at most 1.');
    assert.deepEqual(
      ['max_people', 'classes', 'annotate'].map((name) => [input(w, `input-${name}`).hasAttribute('aria-invalid'), textOf(one(w, `#input-${name}-error`))]),
      [[false, ''], [false, ''], [false, '']],
    );
  });

  it('a workflow without inputs or credentials says so', async () => {
    const w = await open();
    host(w, { type: 'session', session: session({ inputs: [], credentials: [] }) });
    assert.equal(one(w, 'section.inputs').innerHTML, '<h2 id="inputs-title">Inputs</h2><p class="muted">This workflow declares no inputs to fill in.</p>');
    assert.equal(one(w, 'section.secrets > p').outerHTML, '<p class="muted hint">No step of this workflow reads a credential from an input.</p>');
    clickPosts(w, byKey(w, 'run'), [{ type: 'run', runId: 1, values: {}, imageUrls: {}, runSinks: false }]);
  });

  it('shows the API key\'s status, with a Set… button only when it is missing', async () => {
    const expected: [ApiKeyStatus, string][] = [
      ['stored', '<span class="chip ok">stored ✓</span>'],
      ['owner-hidden', '<span class="chip ok">••••</span>'],
      ['stand-in', '<span class="chip">theirs (yours stands in)</span>'],
      ['unavailable', '<span class="chip warn">SecretStorage unavailable</span>'],
      ['missing', '<span class="chip warn">not stored</span> — <button type="button" class="btn link" data-key="set-api-key" aria-label="Set your Roboflow API key">Set…</button>'],
    ];
    const w = await open();
    for (const [status, chips] of expected) {
      host(w, { type: 'session', session: session({ apiKey: { status, detail: `Key ${status}.` } }) });
      assert.equal(one(w, 'section.secrets').getAttribute('aria-labelledby'), 'secrets-title');
      assert.equal(one(w, 'section.secrets > h2').outerHTML, '<h2 id="secrets-title">Keys and credentials</h2>');
      assert.equal(
        one(w, '.secret-list > li').innerHTML,
        `<span class="secret-name">Roboflow API key</span>${chips}<p class="muted hint" data-testid="api-key-detail">Key ${status}.</p>`,
        status,
      );
    }
  });

  it('shows each credential\'s provider, steps, status and note; Set… stores a missing one', async () => {
    const credential = (name: string, status: CredentialField['status'], more: Partial<CredentialField> = {}): CredentialField => ({ name, provider: 'OpenAI', steps: ['describe'], status, hasDefault: false, ...more });
    const credentials = [
      credential('stored_key', 'stored'),
      credential('hidden_key', 'hidden'),
      credential('prompt_key', 'prompt', { steps: [] }),
      credential('unavailable_key', 'unavailable', { steps: ['describe', 'caption'] }),
      credential('typed_key', 'typed', { reason: 'it feeds a Webhook Sink, not an OpenAI credential field' }),
      credential('typed_no_reason', 'typed'),
      credential('missing_key', 'missing', { hasDefault: true, note: 'SecretStorage also holds it for Anthropic, not used here.' }),
      credential('missing_no_default', 'missing', { provider: 'Anthropic' }),
    ];
    const w = await open();
    host(w, { type: 'session', session: session({ credentials }) });
    const name = (n: string, steps = ' · describe') => `<span class="secret-name"><code>${n}</code></span><span class="muted"> OpenAI${steps} </span>`;
    assert.deepEqual(
      Array.from(w.document.querySelectorAll('.secret-list > li[data-testid]')).map((li) => [li.getAttribute('data-testid'), li.innerHTML]),
      [
        ['credential-stored_key', `${name('stored_key')}<span class="chip ok">stored ✓</span>`],
        ['credential-hidden_key', `${name('hidden_key')}<span class="chip ok" title="Your stored credential, hidden from them">••••</span><span class="muted"> yours, hidden</span>`],
        ['credential-prompt_key', `${name('prompt_key', '')}<span class="chip">asked when you run</span><span class="muted"> in a password box; yours are not used</span>`],
        ['credential-unavailable_key', `${name('unavailable_key', ' · describe, caption')}<span class="chip warn">SecretStorage unavailable</span>`],
        [
          'credential-typed_key',
          `${name('typed_key')}<span class="chip" data-testid="typed-typed_key">typed for this run</span><p class="muted hint" data-testid="typed-reason-typed_key">Asked in a password box when you run; no stored credential is used: it feeds a Webhook Sink, not an OpenAI credential field.</p>`,
        ],
        [
          'credential-typed_no_reason',
          `${name('typed_no_reason')}<span class="chip" data-testid="typed-typed_no_reason">typed for this run</span><p class="muted hint" data-testid="typed-reason-typed_no_reason">Asked in a password box when you run; no stored credential is used: .</p>`,
        ],
        [
          'credential-missing_key',
          `${name('missing_key')}<span class="chip warn">not stored for OpenAI</span> — <button type="button" class="btn link" data-key="set:missing_key" aria-label="Store missing_key for OpenAI in SecretStorage">Set…</button><span class="muted"> (the input’s default value is used meanwhile)</span><p class="muted hint" data-testid="credential-note-missing_key">SecretStorage also holds it for Anthropic, not used here.</p>`,
        ],
        [
          'credential-missing_no_default',
          '<span class="secret-name"><code>missing_no_default</code></span><span class="muted"> Anthropic · describe </span><span class="chip warn">not stored for Anthropic</span> — <button type="button" class="btn link" data-key="set:missing_no_default" aria-label="Store missing_no_default for Anthropic in SecretStorage">Set…</button>',
        ],
      ],
    );
    assert.equal(w.document.querySelector('section.secrets > p'), null, 'no "no credential" line beside credentials');
    clickPosts(w, byKey(w, 'set:missing_no_default'), [{ type: 'setCredential', name: 'missing_no_default' }]);
  });

  it('a share block does not stop a run as yourself', async () => {
    const blocked = { reason: 'They cannot use your private model.', detail: 'Turn on run access.', action: { command: 'toggleRunAccess' as const, label: 'Turn On Run Access…' } };
    const w = await open();
    host(w, { type: 'session', session: session({ sharing: { runAccess: 'Run access: off', credentials: 'Credentials: they type their own', notes: [], blocked } }) });
    const run = byKey<HTMLButtonElement>(w, 'run');
    assert.deepEqual([run.disabled, run.title], [false, 'Run the workflow on the server']);
    clickPosts(w, run, [{ type: 'run', runId: 1, values: { annotate: false }, imageUrls: {}, runSinks: false }]);
  });

  it('Run sends no value typed for an input that is now an image, and no image URL for an input that is now a parameter', async () => {
    // Saved before the workflow was edited: `image` was a text parameter, `confidence` an image input.
    const w = await open({ drafts: { image: 'https://example.com/typed.jpg' }, imageUrls: { confidence: 'https://example.com/old.jpg' } });
    host(w, { type: 'session', session: session() });
    clickPosts(w, byKey(w, 'run'), [{ type: 'run', runId: 1, values: { annotate: false }, imageUrls: {}, runSinks: false }]);
  });

  it('the actions: Run, Cancel and the sinks box with what it means', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    assert.equal(
      one(w, 'div.actions').innerHTML,
      '<button type="button" class="btn primary" data-key="run" title="Run the workflow on the server"><span>▶ Run</span></button>' +
        '<button type="button" class="btn secondary" data-key="cancel" disabled="">Cancel</button>' +
        '<label class="checkbox sinks" title="Sinks send e-mails and SMS, call webhooks and upload data. Off: the run asks the server to disable them."><input type="checkbox" data-key="sinks"> Let sinks fire (e-mail, webhooks, uploads)</label>',
    );
  });

  it('ticking "Let sinks fire" without a sinks notice leaves the header alone (text selected in it stays selected)', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    const selected = selectText(w, one(w, 'h1'));
    w.click(byKey(w, 'sinks'));
    assert.equal(byKey<HTMLInputElement>(w, 'sinks').checked, true);
    assert.equal(selected(), 'Preview people.workflow.json');
  });

  it('the status line while running: a spinner and a clock, both hidden from screen readers', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    assert.equal(one(w, '[data-testid="results"]').innerHTML, '<p class="muted placeholder">Choose the inputs, then Run: the outputs appear here.</p>');
    w.click(byKey(w, 'run'));
    host(w, { type: 'runStarted', runId: 1 });
    assert.match(one(w, 'p.status').innerHTML, /^<span class="spinner" aria-hidden="true"><\/span> Running… <span aria-hidden="true">\d+\.\d s<\/span>$/);
    assert.match(status(w), /^ Running… \d+\.\d s$/);
    assert.equal(one(w, '[data-testid="results"]').innerHTML, '<p class="muted placeholder">Waiting for the server…</p>');
  });

  it('a new session while a run waits or its results are shown leaves the results alone (text selected in them stays selected)', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    w.click(byKey(w, 'run'));
    host(w, { type: 'runStarted', runId: 1 });
    let selected = selectText(w, one(w, '[data-testid="results"] p'));
    host(w, { type: 'session', session: session({ errorCount: 1 }) });
    assert.equal(selected(), 'Waiting for the server…');

    host(w, { type: 'runFinished', result: detections(1) });
    selected = selectText(w, one(w, '.result h2'));
    const heading = selected();
    host(w, { type: 'session', session: session() });
    assert.equal(selected(), heading);
  });

  it('predictions are drawn on the image the run was started with, not on one chosen while it runs', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    host(w, { type: 'image', input: 'image', image: { label: 'crowd.png', dataUrl: PNG } });
    w.click(byKey(w, 'run'));
    host(w, { type: 'image', input: 'image', image: { label: 'street.jpg', dataUrl: JPEG } });
    host(w, { type: 'runStarted', runId: 1 });
    host(w, { type: 'runFinished', result: detections(1) });
    assert.equal(one(w, '.result svg image').getAttribute('href'), PNG);
  });

  it('scrolls the results heading into view only as far as needed', async () => {
    const w = await open();
    const calls: [string, unknown][] = [];
    (w.window.Element.prototype as unknown as { scrollIntoView: (options?: unknown) => void }).scrollIntoView = function (this: Element, options?: unknown) {
      calls.push([textOf(this), options]);
    };
    host(w, { type: 'session', session: session() });
    w.click(byKey(w, 'run'));
    host(w, { type: 'runStarted', runId: 1 });
    host(w, { type: 'runFinished', result: detections(1) });
    assert.deepEqual(calls, [['Results', { block: 'nearest' }]]);
  });
});
