// The preview panel's webview (src/webview/main.ts), run in jsdom as VS Code runs it: what the user
// sees after each message from the host, and exactly what it posts back. Every message the tests
// send passes the webview's own validator (parseHostMessage) and every message it posts is checked
// with the host's (parseWebviewMessage); test/support/previewPage.ts drives the page.
import assert from 'node:assert/strict';
import { FORM, RESTRICTED, URI, buttonNamed, byKey, clickPosts, closePage, formInputs, host, input, lastSaved, one, open, postedSince, resetPage, session, status, success, textOf, waitFor } from '../support/previewPage';

// ---- tests ----------------------------------------------------------------------------------------

describe('preview webview (src/webview/main.ts in jsdom)', function () {
  beforeEach(resetPage);
  afterEach(closePage);

  it('the form the tests send is the one the host builds for the workflow', () => {
    // What the expectations below rely on: five controls (a credential input gets none) and one credential.
    assert.deepEqual(
      FORM.inputs.map((f) => (f.kind === 'image' ? [f.name, 'image'] : [f.name, f.control, f.defaultValue, f.min, f.max])),
      [['image', 'image'], ['confidence', 'number', 0.4, 0, 1], ['max_people', 'integer', undefined, undefined, undefined], ['classes', 'json', ['person'], undefined, undefined], ['annotate', 'checkbox', undefined, undefined, undefined]],
    );
    assert.deepEqual(FORM.credentials.map((c) => [c.name, c.provider, c.steps]), [['openai_key', 'OpenAI', ['describe']]]);
  });

  it('posts ready once on load and waits for VS Code; nothing is saved before the host speaks', async () => {
    const w = await open();
    assert.deepEqual(w.posted, [{ type: 'ready' }]);
    assert.deepEqual(w.saved, []);
    const app = one(w, '#app');
    assert.equal(app.hasAttribute('aria-busy'), false, 'the page is no longer busy');
    assert.deepEqual(Array.from(app.children).map((c) => `${c.tagName.toLowerCase()}.${c.className}`), ['div.top', 'section.inputs', 'section.secrets', 'div.actions', 'p.status', 'section.results']);
    assert.equal(textOf(one(w, '[data-testid="results"]')), 'Waiting for VS Code…');
    assert.equal(w.document.querySelector('[data-key="run"]'), null, 'no Run button before the session');
  });

  it('a session draws the header, Run as, one control per input with its default, the keys, and an enabled Run', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });

    assert.equal(textOf(one(w, 'h1')), 'Preview people.workflow.json');
    assert.equal(textOf(one(w, '[data-testid="server"]')), 'This machine (localhost:9001) · http://localhost:9001');
    assert.equal(textOf(one(w, '[data-testid="server-software"]')), ' · inference 0.51.0');
    assert.equal(w.document.querySelectorAll('.banner').length, 0, 'trusted, usable server, no errors: no banner');

    // Run as: Me / Someone I share with.
    assert.equal(textOf(one(w, 'fieldset.mode legend')), 'Run as');
    const radios = Array.from(w.document.querySelectorAll<HTMLInputElement>('fieldset.mode input[type="radio"]'));
    assert.deepEqual(
      radios.map((r) => [r.value, r.checked, textOf(r.parentElement)]),
      [
        ['owner', true, 'Me (your API key and stored credentials)'],
        ['sharee', false, 'Someone I share with (following the sharing configuration)'],
      ],
    );

    // Inputs: the image, then one control per parameter, in declaration order.
    assert.deepEqual(Array.from(w.document.querySelectorAll('section.inputs > .field')).map((f) => f.className), ['field image-field', 'field param number', 'field param integer', 'field param json', 'field param checkbox']);
    assert.equal(textOf(one(w, 'fieldset.image-field legend')), 'image');
    assert.equal(textOf(one(w, 'fieldset.image-field .thumb')), 'No image');
    const pick = byKey<HTMLButtonElement>(w, 'pick:image');
    assert.deepEqual([pick.textContent, pick.className, pick.disabled], ['Choose Image…', 'btn primary', false]);
    const url = input(w, 'input-image-url');
    assert.deepEqual([url.type, url.value, url.placeholder, url.disabled], ['url', '', 'https://…', false]);

    const confidence = input(w, 'input-confidence');
    assert.deepEqual([confidence.type, confidence.value, confidence.step, confidence.min, confidence.max], ['number', '0.4', 'any', '0', '1']);
    assert.equal(textOf(one(w, '#input-confidence-hint')), 'float_zero_to_one · default 0.4');
    const maxPeople = input(w, 'input-max_people');
    assert.deepEqual([maxPeople.type, maxPeople.value, maxPeople.step, maxPeople.hasAttribute('min'), maxPeople.hasAttribute('max')], ['number', '', '1', false, false]);
    assert.equal(textOf(one(w, '#input-max_people-hint')), 'integer · no default: left out when empty');
    const classes = one<HTMLTextAreaElement>(w, 'textarea#input-classes');
    assert.equal(classes.value, '["person"]');
    assert.equal(textOf(one(w, '#input-classes-hint')), 'list_of_values · default ["person"]');
    const annotate = input(w, 'input-annotate');
    assert.deepEqual([annotate.type, annotate.checked, textOf(annotate.parentElement)], ['checkbox', false, ' annotate']);
    assert.deepEqual(
      Array.from(w.document.querySelectorAll('.field-error')).map((e) => e.textContent),
      ['', '', '', '', ''],
      'no error before the user types',
    );

    // Keys and credentials: names and statuses only.
    assert.equal(textOf(one(w, '.secret-list li')), 'Roboflow API key' + 'stored ✓' + session().apiKey.detail);
    assert.equal(textOf(one(w, '[data-testid="credential-openai_key"]')), 'openai_key OpenAI · describe not stored for OpenAI — Set…');

    // Actions and results.
    const run = byKey<HTMLButtonElement>(w, 'run');
    assert.deepEqual([run.textContent, run.disabled, run.title], ['▶ Run', false, 'Run the workflow on the server']);
    assert.equal(byKey<HTMLButtonElement>(w, 'cancel').disabled, true, 'nothing to cancel');
    assert.equal(byKey<HTMLInputElement>(w, 'sinks').checked, false, 'sinks are off unless ticked');
    assert.equal(textOf(one(w, '[data-testid="results"]')), 'Choose the inputs, then Run: the outputs appear here.');
    assert.equal(status(w), '');

    // The workflow's URI and mode are saved, so VS Code can restore the panel.
    assert.deepEqual(w.saved, [{ workflowUri: URI, mode: 'owner', drafts: {}, imageUrls: {}, runSinks: false }]);
    assert.deepEqual(w.posted, [{ type: 'ready' }], 'drawing posts nothing');
  });

  it('the header and key buttons post their commands, never a free command id', async () => {
    const w = await open();
    host(w, { type: 'session', session: session({ apiKey: { status: 'missing', detail: 'No Roboflow API key stored.' } }) });
    clickPosts(w, buttonNamed(w, 'Change…'), [{ type: 'command', command: 'openServerSetting' }]);
    clickPosts(w, buttonNamed(w, 'Show Log'), [{ type: 'command', command: 'showLog' }]);
    clickPosts(w, byKey(w, 'set-api-key'), [{ type: 'command', command: 'setApiKey' }]);
    clickPosts(w, byKey(w, 'set:openai_key'), [{ type: 'setCredential', name: 'openai_key' }]);
    clickPosts(w, byKey(w, 'pick:image'), [{ type: 'pickImage', input: 'image' }]);
  });

  it('an image URL the server refuses by default is warned of as it is typed, and still sent', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    const warning = () => one(w, '[data-testid="image-url-warning-image"]');
    assert.equal(warning().textContent, '');
    assert.equal(input(w, 'input-image-url').getAttribute('aria-describedby'), warning().id);
    assert.equal(warning().className, 'field-warning', 'drawn in the theme\'s warning colour');
    w.type(input(w, 'input-image-url'), 'http://localhost:8000/cat.jpg');
    assert.equal(
      warning().textContent,
      [
        "Roboflow's inference server refuses http:// image URLs unless it runs with ALLOW_NON_HTTPS_URL_INPUT=True: use https:// if you can.",
        "Roboflow's inference server refuses image URLs without a domain name (an IP address, `localhost`, a one-word or local host name) unless it runs with ALLOW_URL_INPUT_WITHOUT_FQDN=True.",
        "The server downloads the image itself: `localhost` there is the server's own machine, which is yours only for a server on this machine.",
      ].join(' '),
    );
    assert.equal(one(w, '[data-testid="image-problem-image"]').textContent, '', 'a warning, not an error');
    w.type(input(w, 'input-image-url'), 'https://images.example.com/cat.jpg');
    assert.equal(warning().textContent, '');
    w.type(input(w, 'input-image-url'), 'http://images.example.com/cat.jpg');
    assert.match(warning().textContent!, /^Roboflow's inference server refuses http:\/\/ image URLs unless it runs with ALLOW_NON_HTTPS_URL_INPUT=True: use https:\/\/ if you can\.$/);
    w.type(input(w, 'input-image-url'), 'not a url');
    assert.equal(warning().textContent, '', 'what cannot be sent at all is said when Run is pressed');
    w.type(input(w, 'input-image-url'), '   ');
    assert.equal(warning().textContent, '');
    w.type(input(w, 'input-image-url'), 'http://images.example.com/cat.jpg');
    const posted = w.posted.length;
    w.click(byKey(w, 'run'));
    const run = w.posted.slice(posted).find((m) => (m as { type?: string }).type === 'run') as { imageUrls: Record<string, string> } | undefined;
    assert.deepEqual(run?.imageUrls, { image: 'http://images.example.com/cat.jpg' });
  });

  it('Run posts exactly the typed values, the image URL and the sinks choice; untouched defaults are left to the server', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    w.type(input(w, 'input-confidence'), '0.65');
    w.type(input(w, 'input-max_people'), '3');
    w.type(one(w, '#input-classes'), '["person", "car"]');
    w.type(input(w, 'input-image-url'), 'https://example.com/crowd.jpg');
    w.click(byKey(w, 'sinks'));
    assert.deepEqual(
      Array.from(w.document.querySelectorAll('.field-error')).map((e) => e.textContent),
      ['', '', '', '', ''],
      'valid values: no error',
    );
    assert.equal(input(w, 'input-confidence').hasAttribute('aria-invalid'), false);

    clickPosts(w, byKey(w, 'run'), [
      {
        type: 'run',
        runId: 1,
        // The raw text of each typed control (the host parses it again); the untouched checkbox without a default is false.
        values: { confidence: '0.65', max_people: '3', classes: '["person", "car"]', annotate: false },
        imageUrls: { image: 'https://example.com/crowd.jpg' },
        runSinks: true,
      },
    ]);
    assert.deepEqual(lastSaved(w), {
      workflowUri: URI,
      mode: 'owner',
      drafts: { confidence: '0.65', max_people: '3', classes: '["person", "car"]' },
      imageUrls: { image: 'https://example.com/crowd.jpg' },
      runSinks: true,
    });

    // A ticked box is sent as true; clearing the URL leaves the image out; the next run has the next id.
    w.click(input(w, 'input-annotate'));
    w.type(input(w, 'input-image-url'), '   ');
    w.click(byKey(w, 'sinks'));
    clickPosts(w, byKey(w, 'run'), [{ type: 'run', runId: 2, values: { confidence: '0.65', max_people: '3', classes: '["person", "car"]', annotate: true }, imageUrls: {}, runSinks: false }]);
  });

  it('an invalid value is flagged as it is typed and blocks Run, which names it and focuses it', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    const confidence = input(w, 'input-confidence');
    w.type(confidence, '1.5');
    assert.equal(textOf(one(w, '#input-confidence-error')), '`confidence` must be at most 1.');
    assert.equal(confidence.getAttribute('aria-invalid'), 'true');
    w.type(input(w, 'input-max_people'), '2.5');
    assert.equal(textOf(one(w, '#input-max_people-error')), '`max_people` must be a whole number.');
    w.type(one(w, '#input-classes'), 'person');
    assert.equal(textOf(one(w, '#input-classes-error')), '`classes` is not valid JSON. Strings need quotes: "text"; lists look like [1, 2].');

    // Run: nothing is posted; the first invalid field (in form order) is named and focused.
    const ready = w.posted.length;
    w.click(byKey(w, 'run'));
    assert.deepEqual(w.posted.slice(ready), []);
    assert.equal(status(w), '`confidence` must be at most 1.');
    assert.equal(w.document.activeElement?.id, 'input-confidence');
    assert.equal(textOf(one(w, '#input-confidence-error')), '`confidence` must be at most 1.', 'the message stays under the field');

    w.type(input(w, 'input-confidence'), '0.5');
    assert.equal(textOf(one(w, '#input-confidence-error')), '');
    assert.equal(input(w, 'input-confidence').hasAttribute('aria-invalid'), false);
    w.click(byKey(w, 'run'));
    assert.deepEqual(w.posted.slice(ready), []);
    assert.equal(status(w), '`max_people` must be a whole number.');
    assert.equal(w.document.activeElement?.id, 'input-max_people');

    w.type(input(w, 'input-max_people'), '');
    w.click(byKey(w, 'run'));
    assert.equal(status(w), '`classes` is not valid JSON. Strings need quotes: "text"; lists look like [1, 2].');
    assert.equal(w.document.activeElement?.id, 'input-classes');
    assert.deepEqual(w.posted.slice(ready), []);

    w.type(one(w, '#input-classes'), '["person"]');
    clickPosts(w, byKey(w, 'run'), [{ type: 'run', runId: 1, values: { confidence: '0.5', max_people: '', classes: '["person"]', annotate: false }, imageUrls: {}, runSinks: false }]);
  });

  it('a run: Running… with a ticking clock, Cancel posts cancel, then the results with their copy buttons', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    clickPosts(w, byKey(w, 'run'), [{ type: 'run', runId: 1, values: { annotate: false }, imageUrls: {}, runSinks: false }]);

    assert.equal(w.liveIntervals(), 0, 'no clock before the host says the run started');
    host(w, { type: 'runStarted', runId: 1 });
    const started = status(w);
    assert.match(started, /^ Running… 0\.\d s$/);
    assert.equal(w.liveIntervals(), 1, 'one clock');
    assert.ok(one(w, 'p.status .spinner'), 'a spinner');
    assert.equal(byKey<HTMLButtonElement>(w, 'run').disabled, true, 'no second run while one runs');
    assert.equal(byKey<HTMLButtonElement>(w, 'cancel').disabled, false);
    assert.equal(textOf(one(w, '[data-testid="results"]')), 'Waiting for the server…');
    const before = w.posted.length;
    w.click(byKey(w, 'run'));
    assert.equal(w.posted.length, before, 'the disabled Run posts nothing');
    const seconds = (line: string) => Number(/^ Running… (\d+\.\d) s$/.exec(line)?.[1]);
    await waitFor(() => seconds(status(w)) > seconds(started), `the clock to move on from "${started}" while the run lasts`);
    clickPosts(w, byKey(w, 'cancel'), [{ type: 'cancel' }]);

    host(w, { type: 'runFinished', result: success(1) });
    assert.equal(status(w), 'Finished in 1.23 s.');
    assert.equal(textOf(one(w, '[data-testid="run-meta"]')), 'Done in 1.23 s · 2.0 KB · As you');
    assert.deepEqual(Array.from(w.document.querySelectorAll('.element-title')).map(textOf), ['Result 1 of 2', 'Result 2 of 2']);
    assert.deepEqual(Array.from(w.document.querySelectorAll('section.output')).map((s) => s.getAttribute('aria-label')), ['Output count', 'Output label', 'Output count', 'Output label']);
    assert.deepEqual(Array.from(w.document.querySelectorAll('section.output .badge')).map(textOf), ['number', 'string', 'number', 'string']);
    assert.equal(byKey<HTMLButtonElement>(w, 'run').disabled, false, 'Run again');
    assert.equal(byKey<HTMLButtonElement>(w, 'cancel').disabled, true);
    assert.deepEqual(w.scrolledIntoView.map(textOf), ['Results'], 'the results heading is scrolled into view');

    clickPosts(w, buttonNamed(w, 'Copy All as JSON'), [{ type: 'copy', target: { scope: 'all' } }]);
    const secondLabel = w.document.querySelectorAll('section.output')[3];
    clickPosts(w, buttonNamed(w, 'Copy as JSON', secondLabel), [{ type: 'copy', target: { scope: 'output', element: 1, output: 'label' } }]);

    // The clock is the page's only timer: once it is stopped nothing can overwrite the result line.
    assert.equal(w.liveIntervals(), 0, 'the clock stopped with the run');
  });

  it('a failed run shows the server error and its step error (Reveal, Copy Error); not sent and cancelled say so', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    w.click(byKey(w, 'run'));
    host(w, { type: 'runStarted', runId: 1 });
    host(w, {
      type: 'runFinished',
      result: {
        status: 'failure',
        runId: 1,
        kind: 'http',
        message: 'The server could not run step `people`: the model was not found.',
        durationMs: 850,
        httpStatus: 500,
        errorType: 'StepExecutionError',
        serverMessage: 'Error during execution of step: $steps.people',
        blockErrors: [{ step: 'people', blockType: 'roboflow_core/roboflow_object_detection_model@v2', property: 'model_id', details: 'Model rfdetr-base not found', inDefinition: true }],
        summary: 'As you',
      },
    });
    assert.equal(status(w), 'The run failed: see below.');
    const result = one(w, '.result');
    assert.deepEqual([result.className, result.getAttribute('role')], ['result failure', 'alert']);
    assert.equal(textOf(one(w, '.result h2')), 'The server answered with an error · 500 · StepExecutionError');
    assert.equal(textOf(one(w, '.result-header .muted')), 'after 850 ms');
    assert.equal(textOf(one(w, '[data-testid="failure-message"]')), 'The server could not run step `people`: the model was not found.');
    assert.equal(textOf(one(w, 'dl.facts')), 'Server messageError during execution of step: $steps.people');
    assert.equal(textOf(one(w, '.result h3')), 'Step error');
    assert.equal(textOf(one(w, '.block-error')), 'Step `people` roboflow_core/roboflow_object_detection_model@v2 · property model_idReveal in EditorModel rfdetr-base not found');
    clickPosts(w, buttonNamed(w, 'Reveal in Editor'), [{ type: 'revealStep', step: 'people' }]);
    clickPosts(w, buttonNamed(w, 'Copy Error as JSON'), [{ type: 'copy', target: { scope: 'all' } }]);
    assert.equal(byKey<HTMLButtonElement>(w, 'run').disabled, false, 'Run again after a failure');

    // The next run clears the last result while it waits.
    clickPosts(w, byKey(w, 'run'), [{ type: 'run', runId: 2, values: { annotate: false }, imageUrls: {}, runSinks: false }]);
    host(w, { type: 'runStarted', runId: 2 });
    assert.equal(textOf(one(w, '[data-testid="results"]')), 'Waiting for the server…');
    assert.equal(w.document.querySelector('.result'), null);
    assert.match(status(w), /^ Running… /);

    host(w, { type: 'runFinished', result: { status: 'not-sent', runId: 2, reason: 'The server URL cannot be used.', detail: 'It must start with http:// or https://.', action: { command: 'openServerSetting', label: 'Open the Setting' } } });
    assert.equal(status(w), 'Nothing was sent: see below.');
    assert.equal(textOf(one(w, '.result h2')), 'Nothing was sent');
    assert.equal(textOf(one(w, '[data-testid="not-sent-reason"]')), 'The server URL cannot be used.');
    clickPosts(w, buttonNamed(w, 'Open the Setting', one(w, '.result')), [{ type: 'command', command: 'openServerSetting' }]);

    host(w, { type: 'runFinished', result: { status: 'failure', runId: 3, kind: 'cancelled', message: 'You cancelled the run.', durationMs: 300, blockErrors: [], summary: 'As you' } });
    assert.equal(status(w), 'Cancelled.');
    assert.deepEqual([one(w, '.result').className, one(w, '.result').getAttribute('role'), textOf(one(w, '.result h2'))], ['result notice', 'status', 'Cancelled']);
    assert.equal(w.document.querySelector('[data-key="copy:error"]'), null, 'nothing to copy from a cancelled run');
  });

  it('Restricted Mode: the banner and its Manage Workspace Trust button, every control disabled, Run posts nothing; trusting enables them', async () => {
    const w = await open();
    host(w, { type: 'session', session: session({ trusted: false, restricted: RESTRICTED }) });
    const banner = one(w, '.banner.warning');
    assert.equal(textOf(banner), `Restricted Mode. ${RESTRICTED} Manage Workspace Trust`);
    clickPosts(w, buttonNamed(w, 'Manage Workspace Trust', banner), [{ type: 'command', command: 'manageTrust' }]);

    const run = byKey<HTMLButtonElement>(w, 'run');
    assert.deepEqual([run.disabled, run.title], [true, 'Running is not possible now (see above)']);
    assert.deepEqual(
      ['pick:image', 'url:image', 'param:confidence', 'param:max_people', 'param:classes', 'param:annotate'].map((key) => (byKey(w, key) as HTMLInputElement).disabled),
      [true, true, true, true, true, true],
    );
    const before = w.posted.length;
    w.click(run);
    w.click(byKey(w, 'pick:image'));
    // A file dropped on the image (its text/uri-list) is refused too.
    w.dispatch(one(w, 'fieldset.image-field'), (window) => {
      const drop = new window.Event('drop', { bubbles: true, cancelable: true });
      Object.defineProperty(drop, 'dataTransfer', { value: { getData: () => 'file:///work/crowd.jpg' } });
      return drop;
    });
    assert.deepEqual(w.posted.slice(before), []);

    host(w, { type: 'session', session: session() });
    assert.equal(w.document.querySelector('.banner'), null);
    assert.equal(byKey<HTMLButtonElement>(w, 'run').disabled, false);
    assert.equal(input(w, 'input-confidence').disabled, false);
  });

  it('what else keeps Run disabled: a server URL that cannot be used, a definition that cannot be sent; errors only warn', async () => {
    const w = await open();
    host(w, { type: 'session', session: session({ server: { label: 'Not usable', problem: 'The URL must start with http:// or https://.' } }) });
    const problem = one(w, '.banner.error');
    assert.equal(textOf(problem), 'The server URL cannot be used. The URL must start with http:// or https://. Open the Setting');
    assert.equal(textOf(one(w, '[data-testid="server"]')), 'Not usable');
    assert.equal(byKey<HTMLButtonElement>(w, 'run').disabled, true);
    clickPosts(w, buttonNamed(w, 'Open the Setting', problem), [{ type: 'command', command: 'openServerSetting' }]);

    host(w, { type: 'session', session: session({ definitionProblem: 'people.workflow.json is not a workflow definition.' }) });
    assert.equal(textOf(one(w, '.banner.error')), 'people.workflow.json is not a workflow definition.');
    assert.equal(byKey<HTMLButtonElement>(w, 'run').disabled, true);

    host(w, { type: 'session', session: session({ errorCount: 2 }) });
    assert.equal(textOf(one(w, '.banner.info')), 'The editor reports 2 errors in this workflow; the server will probably reject it.');
    assert.equal(byKey<HTMLButtonElement>(w, 'run').disabled, false, 'the server decides');
  });

  it('sinks the server cannot disable: the notice, which says so once "Let sinks fire" is ticked', async () => {
    const w = await open();
    const sinks = { support: 'no' as const, steps: ['notify'], message: 'This server cannot turn sinks off: the run is refused unless they may fire.' };
    host(w, { type: 'session', session: session({ sinks }) });
    const notice = () => textOf(one(w, '[data-testid="sinks-notice"]'));
    assert.equal(notice(), sinks.message);
    w.click(byKey(w, 'sinks'));
    assert.equal(notice(), `${sinks.message} “Let sinks fire” is ticked: they will fire.`);
    w.click(byKey(w, 'sinks'));
    assert.equal(notice(), sinks.message);
  });

  it('Run as "Someone I share with" saves the mode and posts setMode; the sharee session shows why it is blocked; the host has the last word', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    const sharee = one<HTMLInputElement>(w, 'input[type="radio"][value="sharee"]');
    clickPosts(w, sharee, [{ type: 'setMode', mode: 'sharee' }]);
    assert.deepEqual(lastSaved(w), { workflowUri: URI, mode: 'sharee', drafts: {}, imageUrls: {}, runSinks: false });

    const blocked = {
      reason: 'Someone you share with cannot use your private model `acme/3` (step `people`).',
      detail: 'Turn on run access to let them run it with your key.',
      action: { command: 'toggleRunAccess' as const, label: 'Turn On Run Access…' },
    };
    host(w, { type: 'session', session: session({ mode: 'sharee', apiKey: { status: 'stand-in', detail: 'Their own key.' }, sharing: { runAccess: 'Run access: off', credentials: 'Credentials: they type their own', notes: ['Runs use their API key.'], blocked } }) });
    assert.equal(one<HTMLInputElement>(w, 'input[type="radio"][value="sharee"]').checked, true);
    assert.equal(textOf(one(w, '.sharing p')), 'Run access: off · Credentials: they type their own Sharing Configuration…');
    assert.deepEqual(Array.from(w.document.querySelectorAll('.sharing .notes li')).map(textOf), ['Runs use their API key.']);
    assert.equal(textOf(one(w, '[data-testid="share-blocked"]')), `${blocked.reason}${blocked.detail}Turn On Run Access…`);
    assert.equal(byKey<HTMLButtonElement>(w, 'run').disabled, true, 'a blocked share-mode run is not sent');
    clickPosts(w, buttonNamed(w, 'Turn On Run Access…'), [{ type: 'command', command: 'toggleRunAccess' }]);
    clickPosts(w, buttonNamed(w, 'Sharing Configuration…'), [{ type: 'command', command: 'openSharingConfiguration' }]);

    // The host answers with owner mode (say, after a restore): its mode wins and is saved.
    host(w, { type: 'session', session: session() });
    assert.equal(one<HTMLInputElement>(w, 'input[type="radio"][value="owner"]').checked, true);
    assert.equal(w.document.querySelector('.sharing'), null);
    assert.deepEqual(lastSaved(w), { workflowUri: URI, mode: 'owner', drafts: {}, imageUrls: {}, runSinks: false });
  });

  it('an image from the host: thumbnail, name and size, Remove; a URL typed over it asks the host to clear it; refused and unsafe images', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    w.type(input(w, 'input-image-url'), 'https://example.com/old.jpg');
    host(w, { type: 'image', input: 'image', image: { label: 'crowd.jpg', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', bytes: 2048 } });
    const thumb = one<HTMLImageElement>(w, 'img.thumb');
    assert.deepEqual([thumb.getAttribute('src'), thumb.alt], ['data:image/png;base64,iVBORw0KGgo=', 'Chosen image crowd.jpg']);
    assert.equal(textOf(one(w, '[data-testid="image-label-image"]')), 'crowd.jpg · 2.0 KB');
    assert.equal(byKey(w, 'pick:image').textContent, 'Choose Another Image…');
    assert.equal(input(w, 'input-image-url').value, '', 'the chosen file replaces the URL typed before');
    assert.deepEqual(lastSaved(w), { workflowUri: URI, mode: 'owner', drafts: {}, imageUrls: {}, runSinks: false });
    clickPosts(w, byKey(w, 'run'), [{ type: 'run', runId: 1, values: { annotate: false }, imageUrls: {}, runSinks: false }]);
    clickPosts(w, byKey(w, 'clear:image'), [{ type: 'clearImage', input: 'image' }]);

    const before = w.posted.length;
    w.type(input(w, 'input-image-url'), 'https://example.com/crowd.jpg');
    assert.deepEqual(postedSince(w, before), [{ type: 'clearImage', input: 'image' }]);
    // Until the host has cleared the file, the file is what a run uses: the URL is not sent beside it.
    clickPosts(w, byKey(w, 'run'), [{ type: 'run', runId: 2, values: { annotate: false }, imageUrls: {}, runSinks: false }]);
    host(w, { type: 'image', input: 'image', image: null });
    assert.equal(w.document.querySelector('img.thumb'), null);
    assert.equal(textOf(one(w, '.thumb')), 'URL');
    assert.equal(input(w, 'input-image-url').value, 'https://example.com/crowd.jpg');
    clickPosts(w, byKey(w, 'run'), [{ type: 'run', runId: 3, values: { annotate: false }, imageUrls: { image: 'https://example.com/crowd.jpg' }, runSinks: false }]);

    // A refused file: the host's reason under the field. An SVG data URL (it could carry script) is never shown.
    host(w, { type: 'image', input: 'image', image: null, problem: 'crowd.tiff is not an image the server reads (PNG, JPEG, GIF, WebP or BMP).' });
    assert.equal(textOf(one(w, '[data-testid="image-problem-image"]')), 'crowd.tiff is not an image the server reads (PNG, JPEG, GIF, WebP or BMP).');
    host(w, { type: 'image', input: 'image', image: { label: 'evil.svg', dataUrl: 'data:image/svg+xml;base64,PHN2Zz4=' } });
    assert.equal(w.document.querySelector('img'), null);
    assert.equal(w.document.querySelector('[data-testid="image-label-image"]'), null);
    assert.equal(textOf(one(w, '[data-testid="image-problem-image"]')), '', 'a new answer replaces the old problem');

    // A file dropped from the Explorer: its first URI (comments skipped) goes to the host to check.
    const drop = w.dispatch(one(w, 'fieldset.image-field'), (window) => {
      const event = new window.Event('drop', { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: { getData: (type: string) => (type === 'text/uri-list' ? '# from the Explorer\r\nfile:///work/crowd.jpg\r\nfile:///work/other.jpg' : '') } });
      return event;
    });
    assert.equal(drop.defaultPrevented, true);
    assert.deepEqual(w.posted.slice(-1), [{ type: 'dropImage', input: 'image', uri: 'file:///work/crowd.jpg' }]);
  });

  it('what the user typed survives a reload: the next webview shows it and runs with it', async () => {
    const first = await open();
    host(first, { type: 'session', session: session() });
    first.type(input(first, 'input-confidence'), '0.9');
    first.type(input(first, 'input-image-url'), 'https://example.com/crowd.jpg');
    first.click(byKey(first, 'sinks'));
    const saved = first.state();

    const second = await open(saved);
    assert.deepEqual(second.posted, [{ type: 'ready' }]);
    host(second, { type: 'session', session: session() });
    assert.equal(input(second, 'input-confidence').value, '0.9');
    assert.equal(input(second, 'input-max_people').value, '', 'untouched fields show their default again');
    assert.equal(input(second, 'input-image-url').value, 'https://example.com/crowd.jpg');
    assert.equal(textOf(one(second, '.thumb')), 'URL');
    assert.equal(byKey<HTMLInputElement>(second, 'sinks').checked, true);
    assert.deepEqual(second.saved, [], 'same workflow, same mode: nothing new to save');
    clickPosts(second, byKey(second, 'run'), [{ type: 'run', runId: 1, values: { confidence: '0.9', annotate: false }, imageUrls: { image: 'https://example.com/crowd.jpg' }, runSinks: true }]);
  });

  it('a saved state of the wrong shape is ignored field by field, without throwing', async () => {
    const w = await open({ workflowUri: 7, mode: 'admin', drafts: ['0.9'], imageUrls: 'https://example.com/a.jpg', runSinks: 'yes' });
    host(w, { type: 'session', session: session() });
    assert.equal(input(w, 'input-confidence').value, '0.4');
    assert.equal(input(w, 'input-image-url').value, '');
    assert.equal(byKey<HTMLInputElement>(w, 'sinks').checked, false);
    assert.deepEqual(w.saved, [{ workflowUri: URI, mode: 'owner', drafts: {}, imageUrls: {}, runSinks: false }]);
  });

  it('a new session while typing (the workflow was edited) keeps the typed value and the focus', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    w.type(input(w, 'input-confidence'), '0.7');
    assert.equal(w.document.activeElement?.id, 'input-confidence');
    // The user added an input: the form is drawn again.
    const edited = session({ inputs: [...FORM.inputs, { kind: 'parameter', name: 'label', control: 'text', kinds: ['string'], hasDefault: false }] });
    host(w, { type: 'session', session: edited });
    assert.ok(one(w, '#input-label'), 'the new input is there');
    assert.equal(input(w, 'input-confidence').value, '0.7');
    assert.equal(w.document.activeElement?.id, 'input-confidence', 'focus is back on the field being typed in');
  });

  // Ids replace every character outside [A-Za-z0-9_-] with `_`: `max people` and `max_people` (a workflow
  // the validator only warns about) once shared `input-max_people`, so the second field's error went under
  // the first, Run focused the first field, and both <label for> pointed at the first.
  it('two inputs whose names differ only in characters an id cannot hold each get their own error box', async () => {
    const inputs = formInputs([{ type: 'WorkflowParameter', name: 'max people', kind: ['integer'] }, { type: 'WorkflowParameter', name: 'max_people', kind: ['integer'] }]);
    assert.deepEqual(inputs.map((f) => f.name), ['max people', 'max_people']);
    const w = await open();
    host(w, { type: 'session', session: session({ inputs, credentials: [] }) });
    const second = byKey<HTMLInputElement>(w, 'param:max_people');
    w.type(second, '2.5');
    const [firstField, secondField] = Array.from(w.document.querySelectorAll('section.inputs > .field'));
    assert.equal(textOf(secondField.querySelector('.field-error')), '`max_people` must be a whole number.', 'the message is under the field typed in');
    assert.equal(textOf(firstField.querySelector('.field-error')), '', 'not under the other one');
    w.click(byKey(w, 'run'));
    assert.equal(w.document.activeElement, second, 'Run focuses the invalid field');
  });

  it('gives every field its own id, even when names differ only in characters an id cannot hold or end like another field\'s parts', async () => {
    const names = ['a b', 'a_b', 'a.b', 'x', 'x-error', 'x-hint', 'x-url', 'pic-url-warning'];
    const inputs = formInputs([{ type: 'WorkflowImage', name: 'pic' }, ...names.map((name) => ({ type: 'WorkflowParameter', name, kind: ['string'] }))]);
    const w = await open();
    host(w, { type: 'session', session: session({ inputs, credentials: [] }) });
    const fields = Array.from(w.document.querySelectorAll('section.inputs > .field'));
    const ids = fields.map((field) => field.querySelector('input')!.id);
    assert.deepEqual(ids, ['input-pic-url', 'input-a_b', 'input-a_b-2', 'input-a_b-3', 'input-x', 'input-x-error-2', 'input-x-hint-2', 'input-x-url-2', 'input-pic-url-warning-2']);
    assert.equal(one(w, '[data-testid="image-url-warning-pic"]').id, 'input-pic-url-warning');
    const all = Array.from(w.document.querySelectorAll('[id]')).map((element) => element.id);
    assert.equal(new Set(all).size, all.length, `duplicate ids: ${all.join(', ')}`);
    for (const field of fields) assert.equal(field.querySelector('label')!.getAttribute('for'), field.querySelector('input')!.id);
  });

  it('hints each field\'s kinds and what happens when it is left empty', async () => {
    const inputs = formInputs([
      { type: 'WorkflowParameter', name: 'anything' },
      { type: 'WorkflowParameter', name: 'wildcard', kind: ['*'] },
      { type: 'WorkflowParameter', name: 'flag', kind: ['boolean'] },
      { type: 'WorkflowParameter', name: 'label', kind: ['string'] },
      { type: 'WorkflowParameter', name: 'threshold', kind: ['float_zero_to_one'], default_value: 0.5 },
      { type: 'WorkflowParameter', name: 'count', kind: ['integer', 'float'] },
    ]);
    const w = await open();
    host(w, { type: 'session', session: session({ inputs, credentials: [] }) });
    assert.deepEqual(['anything', 'wildcard', 'flag', 'label', 'threshold', 'count'].map((name) => textOf(one(w, `#input-${name}-hint`))), [
      'any kind · no default: left out when empty',
      'any kind · no default: left out when empty',
      'boolean · no default: unticked sends false',
      'string · no default: left out when empty',
      'float_zero_to_one · default 0.5',
      'integer, float · no default: left out when empty',
    ]);
  });

  // An unchecked box without a default is sent as `false` (startRun: false, not absent); the hint
  // once said it was left out.
  it('a checkbox without a default says what an unchecked box sends', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    clickPosts(w, byKey(w, 'run'), [{ type: 'run', runId: 1, values: { annotate: false }, imageUrls: {}, runSinks: false }]);
    assert.doesNotMatch(textOf(one(w, '#input-annotate-hint')), /left out/, 'annotate: false was sent');
  });

  it('malformed and unknown host messages are ignored with a warning: nothing changes, nothing is posted, nothing throws', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    w.type(input(w, 'input-confidence'), '0.55');
    const html = one(w, '#app').innerHTML;
    const posted = w.posted.length;
    const saved = w.saved.length;
    const valid = session();
    const bad: [unknown, string][] = [
      [null, 'unknown message null'],
      [42, 'unknown message number'],
      ['session', 'unknown message string'],
      [[{ type: 'session' }], 'unknown message an array'],
      [{}, 'unknown message an object without a type'],
      [{ type: 7 }, 'unknown message an object without a type'],
      [{ type: 'bogus' }, 'unknown message "bogus"'],
      [{ type: 'toString' }, 'unknown message "toString"'],
      [{ type: 'run', runId: 1, values: {}, imageUrls: {}, runSinks: false }, 'unknown message "run"'],
      [{ type: 'session' }, 'malformed message "session"'],
      [{ type: 'session', session: { ...valid, trusted: 'yes' } }, 'malformed message "session"'],
      [{ type: 'session', session: { ...valid, apiKey: { status: 'stored', detail: 'x', value: 'rf_secret' } } }, 'malformed message "session"'],
      [{ type: 'session', session: { ...valid, inputs: [{ kind: 'image', name: '' }] } }, 'malformed message "session"'],
      [{ type: 'runStarted', runId: -1 }, 'malformed message "runStarted"'],
      [{ type: 'runStarted', runId: '1' }, 'malformed message "runStarted"'],
      [{ type: 'runFinished', result: { status: 'success', runId: 1 } }, 'malformed message "runFinished"'],
      [{ type: 'runFinished', result: { status: 'done', runId: 1 } }, 'malformed message "runFinished"'],
      [{ type: 'image', input: '', image: null }, 'malformed message "image"'],
      [{ type: 'image', input: 'image', image: { label: 'x', dataUrl: 5 } }, 'malformed message "image"'],
    ];
    for (const [message] of bad) w.send(message);
    assert.deepEqual(
      w.warnings,
      bad.map(([, why]) => `[roboflow preview] ignored a message: ${why}`),
    );
    assert.equal(one(w, '#app').innerHTML, html, 'the page is unchanged');
    assert.equal(w.posted.length, posted);
    assert.equal(w.saved.length, saved);

    // Still listening: a valid message after all that is handled.
    host(w, { type: 'runStarted', runId: 1 });
    assert.match(status(w), /Running…/);
    assert.equal(input(w, 'input-confidence').value, '0.55');
    host(w, { type: 'runFinished', result: success(1) });
  });
});
