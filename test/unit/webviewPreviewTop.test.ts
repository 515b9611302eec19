// The top of the preview page (src/webview/main.ts in jsdom): the regions it lays out, the header,
// banners and Run as that the host's session decides, the state kept across reloads, and the image
// field. The markup is compared whole where its classes, roles and labels are what the user (or a
// screen reader) gets; test/support/previewPage.ts drives the page.
import assert from 'node:assert/strict';
import type { InputField, SessionView } from '../../src/protocol/preview';
import { URI, byKey, buttonNamed, clickPosts, closePage, host, input, lastSaved, one, open, postedSince, resetPage, session, textOf } from '../support/previewPage';
import type { Webview } from '../support/webviewHarness';

/** Markup written as a list of pieces, one element or text per line. */
const markup = (...pieces: string[]) => pieces.join('');

/** A form with one image input whose name does not already say it is an image. */
const PHOTO: InputField[] = [{ kind: 'image', name: 'photo' }];

/** A drop from the Explorer carrying `uriList` as its text/uri-list. */
function dropEvent(uriList: string) {
  return (window: Webview['window']) => {
    const event = new window.Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'dataTransfer', { value: { getData: (type: string) => (type === 'text/uri-list' ? uriList : '') } });
    return event;
  };
}

describe('preview webview: layout, header, banners, Run as and the image field', function () {
  beforeEach(resetPage);
  afterEach(closePage);

  it('lays out the page\'s regions, labelled for screen readers, with a placeholder until VS Code answers', async () => {
    const w = await open();
    assert.equal(
      one(w, '#app').outerHTML,
      markup(
        '<main id="app">',
        '<div class="top"></div>',
        '<section class="inputs" aria-labelledby="inputs-title"></section>',
        '<section class="secrets" aria-labelledby="secrets-title"></section>',
        '<div class="actions"></div>',
        '<p class="status" role="status" aria-live="polite"></p>',
        '<section class="results" aria-label="Results" data-testid="results"><p class="muted placeholder">Waiting for VS Code…</p></section>',
        '</main>',
      ),
    );
  });

  it('the header names the file and the server, with its software, and links to the setting and the log; Run as offers both modes', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    assert.equal(
      one(w, 'header').outerHTML,
      markup(
        '<header class="title">',
        '<h1>Preview <span class="file">people.workflow.json</span></h1>',
        '<p class="server muted">Server: ',
        '<span data-testid="server">This machine (localhost:9001) · http://localhost:9001</span>',
        '<span class="software identified" data-testid="server-software"> · inference 0.51.0</span> ',
        '<button type="button" class="btn link" data-key="server-setting" title="Open the roboflowWorkflows.serverUrl setting (user settings only)">Change…</button>',
        '<button type="button" class="btn link" data-key="show-log">Show Log</button>',
        '</p>',
        '</header>',
      ),
    );
    assert.equal(
      one(w, 'fieldset.mode').outerHTML,
      markup(
        '<fieldset class="mode">',
        '<legend>Run as</legend>',
        '<label class="radio"><input type="radio" name="mode" value="owner" checked="" data-key="mode:owner">',
        '<span>Me<span class="muted"> (your API key and stored credentials)</span></span></label>',
        '<label class="radio"><input type="radio" name="mode" value="sharee" data-key="mode:sharee">',
        '<span>Someone I share with<span class="muted"> (following the sharing configuration)</span></span></label>',
        '</fieldset>',
      ),
    );
  });

  it('a version the server did not give: its reason is the tooltip and the class says so', async () => {
    const w = await open();
    host(w, { type: 'session', session: session({ server: { url: 'https://serverless.roboflow.com', label: 'Hosted', software: { status: 'unidentified', text: 'version unknown', detail: 'GET /info answered 404.' } } }) });
    assert.equal(one(w, '[data-testid="server-software"]').outerHTML, '<span class="software unidentified" data-testid="server-software" title="GET /info answered 404."> · version unknown</span>');
  });

  it('each banner: Restricted Mode (even without the host\'s reason), an unusable server URL, a workspace\'s ignored server URL, one editor error; only errors are alerts', async () => {
    const w = await open();
    const view = session({
      trusted: false,
      server: { label: 'Not usable', problem: 'The URL must start with http:// or https://.', ignoredWorkspaceValue: 'http://collector.example.com' },
      errorCount: 1,
    });
    host(w, { type: 'session', session: view });
    assert.deepEqual(
      Array.from(w.document.querySelectorAll('.top > .banner')).map((banner) => banner.outerHTML),
      [
        markup(
          '<div class="banner warning" role="note"><strong>Restricted Mode. </strong> ',
          '<button type="button" class="btn primary" data-key="trust">Manage Workspace Trust</button></div>',
        ),
        markup(
          '<div class="banner error" role="alert"><strong>The server URL cannot be used. </strong>The URL must start with http:// or https://. ',
          '<button type="button" class="btn secondary" data-key="server-fix">Open the Setting</button></div>',
        ),
        markup(
          '<div class="banner info" role="note">This workspace sets <code>roboflowWorkflows.serverUrl</code>',
          ' to “http://collector.example.com”. It is ignored: only your user settings choose where your API key is sent.</div>',
        ),
        '<div class="banner info" role="note">The editor reports 1 error in this workflow; the server will probably reject it.</div>',
      ],
    );
    clickPosts(w, byKey(w, 'trust'), [{ type: 'command', command: 'manageTrust' }]);
    clickPosts(w, byKey(w, 'server-fix'), [{ type: 'command', command: 'openServerSetting' }]);

    host(w, { type: 'session', session: session({ definitionProblem: 'people.workflow.json is not a workflow definition.' }) });
    assert.equal(one(w, '.top > .banner').outerHTML, '<div class="banner error" role="alert">people.workflow.json is not a workflow definition.</div>');
  });

  it('sinks: no notice when the server can turn them off; a warning when it cannot; a note, never "they will fire", when it is not known', async () => {
    const w = await open();
    const notice = () => w.document.querySelector('[data-testid="sinks-notice"]');
    host(w, { type: 'session', session: session({ sinks: { support: 'yes', steps: ['notify'], message: 'This server turns sinks off for previews.' } }) });
    assert.equal(notice(), null);

    const refused = 'This server cannot turn sinks off: the run is refused unless they may fire.';
    host(w, { type: 'session', session: session({ sinks: { support: 'no', steps: ['notify'], message: refused } }) });
    assert.equal(notice()?.outerHTML, `<div class="banner warning" role="note" data-testid="sinks-notice">${refused}</div>`);

    const unknown = 'This server may not turn sinks off: they could fire.';
    host(w, { type: 'session', session: session({ sinks: { support: 'unknown', steps: ['notify'], message: unknown } }) });
    w.click(byKey(w, 'sinks'));
    assert.equal(byKey<HTMLInputElement>(w, 'sinks').checked, true);
    assert.equal(notice()?.outerHTML, `<div class="banner info" role="note" data-testid="sinks-notice">${unknown}</div>`);
  });

  it('Run as someone I share with: their access and credentials, the notes only when there are some, and the blocked share\'s alert with its action', async () => {
    const w = await open();
    const sharing: SessionView['sharing'] = { runAccess: 'Run access: on', credentials: 'Credentials: yours, hidden', notes: [] };
    host(w, { type: 'session', session: session({ mode: 'sharee', sharing }) });
    assert.equal(
      one(w, '.sharing').outerHTML,
      markup(
        '<div class="sharing"><p><strong>Run access: on</strong> · <strong>Credentials: yours, hidden</strong> ',
        '<button type="button" class="btn link" data-key="open-sharing">Sharing Configuration…</button></p></div>',
      ),
    );

    const blocked = { reason: 'Run access is off.', detail: 'Turn it on to let them run this workflow.', action: { command: 'toggleRunAccess' as const, label: 'Turn On Run Access…' } };
    host(w, { type: 'session', session: session({ mode: 'sharee', sharing: { ...sharing, notes: ['Runs use their API key.', 'Uploads go to your workspace.'], blocked } }) });
    assert.equal(
      one(w, '.sharing').outerHTML,
      markup(
        '<div class="sharing"><p><strong>Run access: on</strong> · <strong>Credentials: yours, hidden</strong> ',
        '<button type="button" class="btn link" data-key="open-sharing">Sharing Configuration…</button></p>',
        '<ul class="notes"><li>Runs use their API key.</li><li>Uploads go to your workspace.</li></ul>',
        '<div class="banner warning blocked" role="alert" data-testid="share-blocked"><p><strong>Run access is off.</strong></p><p>Turn it on to let them run this workflow.</p>',
        '<button type="button" class="btn primary" data-key="blocked-action">Turn On Run Access…</button></div>',
        '</div>',
      ),
    );
    clickPosts(w, byKey(w, 'blocked-action'), [{ type: 'command', command: 'toggleRunAccess' }]);
  });

  it('a reloaded panel in share mode keeps it: the host\'s sharee session has nothing new to save', async () => {
    const w = await open({ workflowUri: URI, mode: 'sharee', drafts: {}, imageUrls: {}, runSinks: false });
    host(w, { type: 'session', session: session({ mode: 'sharee' }) });
    assert.deepEqual(w.saved, []);
    assert.equal(one<HTMLInputElement>(w, 'input[type="radio"][value="sharee"]').checked, true);
  });

  it('saved drafts and image URLs that are not records (null, text) are dropped without throwing', async () => {
    const w = await open({ workflowUri: URI, mode: 'owner', drafts: null, imageUrls: 'https://example.com/a.jpg', runSinks: true });
    host(w, { type: 'session', session: session({ mode: 'sharee' }) });
    assert.deepEqual(w.saved, [{ workflowUri: URI, mode: 'sharee', drafts: {}, imageUrls: {}, runSinks: true }]);
  });

  it('an image field: its legend names the kind, an empty thumbnail is hidden from screen readers, a URL is labelled and warned about', async () => {
    const w = await open();
    host(w, { type: 'session', session: session({ inputs: PHOTO, credentials: [] }) });
    assert.equal(
      one(w, 'fieldset.image-field').outerHTML,
      markup(
        '<fieldset class="field image-field">',
        '<legend>photo<span class="kinds"> image</span></legend>',
        '<div class="image-row">',
        '<div class="thumb empty" aria-hidden="true">No image</div>',
        '<div class="image-controls">',
        '<div class="row"><button type="button" class="btn primary" data-key="pick:photo">Choose Image…</button></div>',
        '<label for="input-photo-url" class="muted">or an image URL (the server downloads it)</label>',
        '<input id="input-photo-url" type="url" placeholder="https://…" value="" data-key="url:photo" aria-describedby="input-photo-url-warning">',
        '<p id="input-photo-url-warning" class="field-warning" data-testid="image-url-warning-photo"></p>',
        '<p class="field-error" role="alert" data-testid="image-problem-photo"></p>',
        '</div>',
        '</div>',
        '</fieldset>',
      ),
    );
  });

  it('a chosen image without a size: its name alone, a secondary Choose Another, and a Remove link named for the field', async () => {
    const w = await open();
    host(w, { type: 'session', session: session({ inputs: PHOTO, credentials: [] }) });
    host(w, { type: 'image', input: 'photo', image: { label: 'crowd.jpg', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' } });
    assert.equal(
      one(w, 'fieldset.image-field .row').outerHTML,
      markup(
        '<div class="row">',
        '<button type="button" class="btn secondary" data-key="pick:photo">Choose Another Image…</button>',
        '<span class="muted" data-testid="image-label-photo">crowd.jpg</span>',
        '<button type="button" class="btn link" data-key="clear:photo" aria-label="Remove the image chosen for photo">Remove</button>',
        '</div>',
      ),
    );
    clickPosts(w, buttonNamed(w, 'Remove'), [{ type: 'clearImage', input: 'photo' }]);
  });

  it('a file dragged over the image field may be dropped, unless the workspace is untrusted', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    const dragOver = () => w.dispatch(one(w, 'fieldset.image-field'), (window) => new window.Event('dragover', { bubbles: true, cancelable: true }));
    assert.equal(dragOver().defaultPrevented, true, 'the drop is accepted');
    host(w, { type: 'session', session: session({ trusted: false }) });
    assert.equal(dragOver().defaultPrevented, false, 'no drop in Restricted Mode');
  });

  it('a dropped uri-list with bare line feeds: its first URI after the comments goes to the host', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    const before = w.posted.length;
    w.dispatch(one(w, 'fieldset.image-field'), dropEvent('# from the Explorer\nfile:///work/crowd.jpg\nfile:///work/other.jpg'));
    assert.deepEqual(postedSince(w, before), [{ type: 'dropImage', input: 'image', uri: 'file:///work/crowd.jpg' }]);
  });

  // A URL field's value loses its ASCII spaces (HTML value sanitization) but keeps a non-breaking one.
  const BLANK = ' \u00a0 ';

  it('typing an image URL asks the host to clear only a chosen file; a blank URL is forgotten, not saved', async () => {
    const w = await open();
    host(w, { type: 'session', session: session() });
    const url = input(w, 'input-image-url');
    const before = w.posted.length;
    w.type(url, 'https://example.com/crowd.jpg');
    assert.deepEqual(lastSaved(w), { workflowUri: URI, mode: 'owner', drafts: {}, imageUrls: { image: 'https://example.com/crowd.jpg' }, runSinks: false });
    w.type(url, BLANK);
    assert.equal(url.value, '\u00a0');
    assert.deepEqual(lastSaved(w), { workflowUri: URI, mode: 'owner', drafts: {}, imageUrls: {}, runSinks: false });
    assert.deepEqual(postedSince(w, before), [], 'no file was chosen: nothing to clear');

    host(w, { type: 'image', input: 'image', image: { label: 'crowd.jpg', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', bytes: 2048 } });
    const chosen = w.posted.length;
    w.type(input(w, 'input-image-url'), BLANK);
    assert.deepEqual(postedSince(w, chosen), [], 'a blank URL leaves the chosen file');
    assert.equal(textOf(one(w, '[data-testid="image-label-image"]')), 'crowd.jpg · 2.0 KB');
  });
});
