import assert from 'node:assert/strict';
import { parseWebviewMessage, type BlockErrorView, type JsonObject, type PanelCommand, type RunFailureView, type RunSuccessView, type WebviewMessage } from '../../src/protocol/preview';
import { failureView, notSentView, successView, type ResultsContext } from '../../src/webview/results';
import { useDom } from '../support/dom';
import { SAMPLE_JPEG_BASE64 } from '../support/sampleImage';

const PNG = 'iVBORw0KGgoAAAANSUhEUg==';
const JPEG_URL = `data:image/jpeg;base64,${SAMPLE_JPEG_BASE64}`;
const PNG_URL = `data:image/png;base64,${PNG}`;

interface Recorder extends ResultsContext {
  sent: WebviewMessage[];
}

function context(inputImages: Record<string, string> = {}): Recorder {
  const sent: WebviewMessage[] = [];
  return { sent, inputImages, send: (message) => sent.push(message) };
}

function success(outputs: JsonObject[], extra: Partial<RunSuccessView> = {}): RunSuccessView {
  return { status: 'success', runId: 1, durationMs: 850, responseBytes: 1536, outputs, summary: 'As you', ...extra };
}

function failure(extra: Partial<RunFailureView> = {}): RunFailureView {
  return { status: 'failure', runId: 1, kind: 'http', message: 'The workflow failed.', durationMs: 1500, blockErrors: [], summary: '', ...extra };
}

function blockError(extra: Partial<BlockErrorView> = {}): BlockErrorView {
  return { step: 'det', blockType: 'roboflow_core/roboflow_object_detection_model@v2', property: null, details: null, inDefinition: true, ...extra };
}

const text = (element: Element | null | undefined) => element?.textContent ?? null;
const sections = (root: Element) => Array.from(root.querySelectorAll('section.output'));
const section = (root: Element, name: string) => {
  const found = root.querySelector(`section.output[aria-label="Output ${name}"]`);
  assert.ok(found, `no section for output ${name}`);
  return found;
};
const badge = (s: Element) => text(s.querySelector(':scope > header .badge'));
const buttonNamed = (root: Element, label: string) => {
  const found = Array.from(root.querySelectorAll('button')).find((b) => b.textContent === label);
  assert.ok(found, `no button "${label}"`);
  return found;
};

const BOX = { x: 26, y: 36, width: 28, height: 32, class: 'sign', class_id: 0, confidence: 0.91 };

describe('preview results: the run summary', () => {
  useDom();

  it('says how long the run took, how big the answer was and how it was made', () => {
    const view = successView(success([{ count: 1 }]), context());
    assert.equal(text(view.querySelector('h2')), 'Results');
    assert.equal(text(view.querySelector('[data-testid="run-meta"]')), 'Done in 850 ms · 1.5 KB · As you');
  });

  it('lays out the header as title, muted summary, spacer, then the copy-all button', () => {
    const header = successView(success([{ count: 1 }]), context()).querySelector(':scope > header')!;
    assert.equal(header.getAttribute('class'), 'result-header');
    assert.deepEqual(Array.from(header.children).map((c) => `${c.tagName.toLowerCase()}.${c.getAttribute('class')}`), ['h2.null', 'span.muted', 'span.spacer', 'button.btn secondary']);
    assert.equal(header.querySelector('button')?.getAttribute('data-key'), 'copy:all');
  });

  it('writes durations in ms under a second and in seconds (2 decimals) from one second', () => {
    const meta = (durationMs: number) => text(successView(success([], { durationMs }), context()).querySelector('[data-testid="run-meta"]'))?.split(' · ')[0];
    assert.equal(meta(0), 'Done in 0 ms');
    assert.equal(meta(999.4), 'Done in 999 ms');
    assert.equal(meta(1000), 'Done in 1.00 s');
    assert.equal(meta(1234), 'Done in 1.23 s');
    assert.equal(meta(65_000), 'Done in 65.00 s');
  });

  it('writes sizes in B below 1 KB, KB below 1 MB, then MB, with one decimal', () => {
    const size = (responseBytes: number) => text(successView(success([], { responseBytes }), context()).querySelector('[data-testid="run-meta"]'))?.split(' · ')[1];
    assert.equal(size(0), '0 B');
    assert.equal(size(1023), '1023 B');
    assert.equal(size(1024), '1.0 KB');
    assert.equal(size(1536), '1.5 KB');
    assert.equal(size(1024 * 1024), '1.0 MB');
    assert.equal(size(5.25 * 1024 * 1024), '5.3 MB');
  });

  it('says when the server returned no outputs, or an element with no values', () => {
    assert.equal(text(successView(success([]), context()).querySelector('p.muted')), 'The server returned no outputs.');
    const empty = successView(success([{}]), context());
    assert.match(text(empty.querySelector('.element p.muted')) ?? '', /^No output values/);
    assert.equal(sections(empty).length, 0);
    assert.equal(empty.querySelector(':scope > p.muted'), null, 'one (empty) element is an output list that is not empty');
    assert.equal(successView(success([{ a: 1 }]), context()).querySelector('p.muted'), null, 'values: neither note');
  });

  it('numbers the results of a batch, and does not for a single one', () => {
    const batch = successView(success([{ a: 1 }, { a: 2 }, { a: 3 }]), context());
    assert.deepEqual(Array.from(batch.querySelectorAll('.element-title')).map(text), ['Result 1 of 3', 'Result 2 of 3', 'Result 3 of 3']);
    assert.equal(successView(success([{ a: 1 }]), context()).querySelector('.element-title'), null);
  });

  it('copies every output with "Copy All as JSON"', () => {
    const ctx = context();
    const view = successView(success([{ a: 1 }]), ctx);
    const copyAll = buttonNamed(view, 'Copy All as JSON');
    assert.equal(copyAll.getAttribute('title'), 'Copy every output as JSON (secrets redacted)');
    copyAll.click();
    assert.deepEqual(ctx.sent, [{ type: 'copy', target: { scope: 'all' } }]);
  });

  it('offers the Python blocks\' stdout/stderr and debug traces folded, only when there are some', () => {
    const view = successView(success([{ a: 1 }], { pythonStreams: { stdout: 'hello\n' }, debugTraces: ['t1'] }), context());
    const extras = Array.from(view.querySelectorAll('details.extras'));
    assert.deepEqual(extras.map((d) => text(d.querySelector('summary'))), ['Python block output (stdout / stderr)', 'Python block debug traces']);
    assert.deepEqual(extras.map((d) => d.getAttribute('data-key')), ['py-streams', 'py-traces']);
    assert.ok(extras.every((d) => !d.hasAttribute('open')), 'folded until asked for');
    assert.equal(text(extras[0].querySelector('.json-string')), '"hello\\n"');
    assert.equal(successView(success([{ a: 1 }], { pythonStreams: null }), context()).querySelector('details.extras'), null);
  });
});

describe('preview results: one section per output', () => {
  useDom();

  it('heads each output with its name, its kind and a copy button for that output alone', () => {
    const ctx = context();
    const outputs: JsonObject[] = [{ count: 3, label: 'ok' }, { count: 4, label: 'fine' }];
    const view = successView(success(outputs), ctx);
    const all = sections(view);
    assert.deepEqual(all.map((s) => text(s.querySelector('h3'))), ['count', 'label', 'count', 'label']);
    assert.deepEqual(all.map(badge), ['number', 'string', 'number', 'string']);

    assert.deepEqual(Array.from(all[0].querySelector(':scope > header')!.children).map((c) => `${c.tagName.toLowerCase()}.${c.getAttribute('class')}`), ['h3.null', 'span.badge', 'span.spacer', 'button.btn link']);
    assert.equal(all[0].querySelector(':scope > header')?.getAttribute('class'), 'output-header');

    const secondCount = all[2];
    const copy = buttonNamed(secondCount, 'Copy as JSON');
    assert.equal(copy.getAttribute('title'), 'Copy count as JSON (secrets redacted)');
    assert.equal(copy.getAttribute('data-key'), 'copy:out:1:count');
    copy.click();
    assert.deepEqual(ctx.sent, [{ type: 'copy', target: { scope: 'output', element: 1, output: 'count' } }]);
    // What the host copies for that message: the second element's `count`, the value shown in that section.
    const message = ctx.sent[0];
    assert.equal(parseWebviewMessage(message).ok, true, 'a message the host accepts');
    assert.ok(message.type === 'copy' && message.target.scope === 'output');
    assert.equal(JSON.stringify(outputs[message.target.element][message.target.output], null, 2), '4');
    assert.equal(text(secondCount.querySelector('.json-number')), '4');
  });

  it('shows an image output as a picture with a text alternative', () => {
    const view = successView(success([{ annotated: { type: 'base64', value: SAMPLE_JPEG_BASE64 } }]), context());
    const s = section(view, 'annotated');
    const img = s.querySelector('img.output-image');
    assert.equal(img?.getAttribute('src'), JPEG_URL);
    assert.equal(img?.getAttribute('alt'), 'Output annotated');
    assert.equal(badge(s), 'image');
  });

  it('does not repeat the kind when the name says it ("image", not "image image")', () => {
    const s = section(successView(success([{ image: { type: 'base64', value: PNG } }]), context()), 'image');
    assert.equal(s.querySelector('.badge'), null);
  });

  it('shows a list of images (crops) as a numbered gallery', () => {
    const s = section(successView(success([{ crops: [{ type: 'base64', value: PNG }, { type: 'base64', value: SAMPLE_JPEG_BASE64 }, { type: 'base64', value: PNG }] }]), context()), 'crops');
    assert.equal(badge(s), '3 images');
    const imgs = Array.from(s.querySelectorAll('.gallery img'));
    assert.deepEqual(imgs.map((i) => i.getAttribute('class')), ['output-image small', 'output-image small', 'output-image small']);
    assert.deepEqual(imgs.map((i) => i.getAttribute('alt')), ['Output crops, image 1', 'Output crops, image 2', 'Output crops, image 3']);
    assert.deepEqual(imgs.map((i) => i.getAttribute('src')), [PNG_URL, JPEG_URL, PNG_URL]);
  });

  it('draws detections over the run\'s only input image, at the size the output gives', () => {
    const view = successView(success([{ predictions: { image: { width: 96, height: 64 }, predictions: [BOX, { ...BOX, class: 'ball', class_id: 1, x: 70 }] } }]), context({ image: JPEG_URL }));
    const s = section(view, 'predictions');
    assert.equal(badge(s), 'object detection · 2');
    const svg = s.querySelector('figure svg');
    assert.equal(svg?.getAttribute('viewBox'), '0 0 96 64');
    assert.equal(svg?.querySelector('image')?.getAttribute('href'), JPEG_URL);
    assert.equal(svg?.getAttribute('aria-label'), 'predictions: sign 91%, ball 91%');
    assert.equal(s.querySelectorAll('svg rect.box').length, 2);
    assert.equal(s.querySelector('figcaption'), null);
  });

  it('with several input images, draws on the one the detections name as parent, else on a blank canvas', () => {
    const inputs = { first: PNG_URL, second: JPEG_URL };
    const onParent = section(successView(success([{ p: { image: { width: 96, height: 64 }, predictions: [{ ...BOX, parent_id: 'second' }] } }]), context(inputs)), 'p');
    assert.equal(onParent.querySelector('svg image')?.getAttribute('href'), JPEG_URL);

    const unknownParent = section(successView(success([{ p: { image: { width: 96, height: 64 }, predictions: [{ ...BOX, parent_id: 'third' }] } }]), context(inputs)), 'p');
    assert.equal(unknownParent.querySelector('svg image'), null);
    assert.ok(unknownParent.querySelector('svg rect.blank'));
    assert.match(text(unknownParent.querySelector('figcaption')) ?? '', /^Drawn without the picture/);

    const noImages = section(successView(success([{ p: { predictions: [BOX] } }]), context()), 'p');
    assert.equal(noImages.querySelector('svg image'), null);
    assert.equal(noImages.querySelector('svg')?.getAttribute('viewBox'), '0 0 40 52', 'sized to the box: 26+14, 36+16');
  });

  it('names instance segmentation and keypoint outputs by what they hold', () => {
    const polygons = { predictions: [{ ...BOX, points: [[1, 1], [9, 1], [5, 9]] }] };
    const keypoints = { predictions: [{ ...BOX, keypoints: [{ x: 3, y: 4, class: 'nose', confidence: 0.5 }] }] };
    const view = successView(success([{ masks: polygons, pose: keypoints }]), context());
    assert.equal(badge(section(view, 'masks')), 'instance segmentation · 1');
    assert.equal(section(view, 'masks').querySelector('polygon')?.getAttribute('points'), '1,1 9,1 5,9');
    assert.equal(badge(section(view, 'pose')), 'keypoint detections · 1');
    assert.equal(text(section(view, 'pose').querySelector('circle title')), 'nose 50%');
  });

  it('shows a classification with its bars and, with one input image, the picture', () => {
    const value = { predictions: [{ class: 'cat', confidence: 0.25 }, { class: 'dog', confidence: 0.75 }], top: 'dog' };
    const s = section(successView(success([{ species: value }]), context({ image: JPEG_URL })), 'species');
    assert.equal(badge(s), 'classification');
    assert.equal(text(s.querySelector('.top-class')), 'dog 75%');
    assert.deepEqual(Array.from(s.querySelectorAll('.bar-label')).map(text), ['dog', 'cat']);
    assert.equal(s.querySelector('img.thumb-large')?.getAttribute('src'), JPEG_URL);

    const multi = section(successView(success([{ tags: { predictions: { a: { confidence: 0.9 } }, predicted_classes: ['a'] } }]), context({ one: PNG_URL, two: JPEG_URL })), 'tags');
    assert.equal(badge(multi), 'multi-label classification');
    assert.equal(multi.querySelector('img'), null, 'two input images: which one was classified is unknown');
  });

  it('keeps the raw JSON of a drawn output folded under "JSON", and none for plain JSON outputs', () => {
    const view = successView(success([{ predictions: { image: { width: 96, height: 64 }, predictions: [BOX] }, note: { a: 1 } }]), context());
    const raw = section(view, 'predictions').querySelector('details.raw');
    assert.ok(raw);
    assert.equal(text(raw.querySelector('summary')), 'JSON');
    assert.equal(raw.hasAttribute('open'), false);
    assert.equal(raw.getAttribute('data-key'), 'raw:out:0:predictions');
    assert.ok(raw.querySelector('ul.json-tree'));
    assert.equal(raw.querySelector('ul.json-tree details')?.getAttribute('data-key'), 'json:raw:out:0:predictions', 'its folds keyed apart from other trees');
    assert.equal(section(view, 'note').querySelector('details.raw'), null);
  });

  it('names the kind of every other value', () => {
    const view = successView(success([{ values: [1, 2], nothing: null, obj: { a: 1 }, text: 'hi', flag: false, n: 0 }]), context());
    assert.deepEqual(sections(view).map(badge), ['list', 'null', 'object', 'string', 'boolean', 'number']);
    assert.equal(text(section(view, 'nothing').querySelector('.json-null')), 'null');
    assert.equal(text(section(view, 'flag').querySelector('.json-boolean')), 'false');
  });

  it('shows output names and string values from the server as text, never as markup', () => {
    const view = successView(success([{ '<img src=x onerror=alert(1)>': '<b>bold</b>' }]), context());
    assert.equal(view.querySelector('img'), null);
    assert.equal(view.querySelector('b'), null);
    assert.equal(text(view.querySelector('section.output h3')), '<img src=x onerror=alert(1)>');
  });
});

describe('preview results: a failed run', () => {
  useDom();

  it('titles each kind of failure', () => {
    const titles = (['invalid-request', 'http', 'network', 'timeout', 'cancelled', 'too-large', 'malformed', 'internal'] as const).map((kind) => text(failureView(failure({ kind }), context()).querySelector('h2')));
    assert.deepEqual(titles, [
      'Not sent',
      'The server answered with an error',
      'Could not reach the server',
      'The server did not answer in time',
      'Cancelled',
      'The answer is too large',
      'The answer could not be read',
      'The preview failed',
    ]);
  });

  it('adds the HTTP status and the server\'s error type to the title', () => {
    const view = failureView(failure({ httpStatus: 500, errorType: 'WorkflowExecutionEngineError' }), context());
    assert.equal(text(view.querySelector('h2')), 'The server answered with an error · 500 · WorkflowExecutionEngineError');
    assert.equal(text(failureView(failure({ errorType: 'X' }), context()).querySelector('h2')), 'The server answered with an error · X');
  });

  it('is an alert with our message, how long it took, and a button to copy the error', () => {
    const ctx = context();
    const view = failureView(failure(), ctx);
    assert.equal(view.getAttribute('role'), 'alert');
    assert.equal(view.getAttribute('class'), 'result failure');
    assert.equal(text(view.querySelector('[data-testid="failure-message"]')), 'The workflow failed.');
    assert.equal(view.querySelector('[data-testid="failure-message"]')?.getAttribute('class'), 'message');
    assert.equal(text(view.querySelector('header .muted')), 'after 1.50 s');
    const header = view.querySelector(':scope > header')!;
    assert.equal(header.getAttribute('class'), 'result-header');
    assert.deepEqual(Array.from(header.children).map((c) => `${c.tagName.toLowerCase()}.${c.getAttribute('class')}`), ['h2.null', 'span.muted', 'span.spacer', 'button.btn link']);
    assert.equal(view.querySelector('h3'), null, 'no step errors: no heading for them');
    assert.equal(view.querySelector('ul'), null);
    assert.equal(buttonNamed(view, 'Copy Error as JSON').getAttribute('data-key'), 'copy:error');
    buttonNamed(view, 'Copy Error as JSON').click();
    assert.deepEqual(ctx.sent, [{ type: 'copy', target: { scope: 'all' } }]);
    assert.equal(failureView(failure({ durationMs: 0 }), context()).querySelector('header .muted'), null, 'no "after 0 ms"');
  });

  it('shows a cancelled run as a calm notice, with nothing to copy', () => {
    const view = failureView(failure({ kind: 'cancelled' }), context());
    assert.equal(view.getAttribute('role'), 'status');
    assert.equal(view.getAttribute('class'), 'result notice');
    assert.equal(view.querySelector('button'), null);
  });

  it('quotes the server message, the inner error and the context, each once', () => {
    const facts = (extra: Partial<RunFailureView>) => {
      const dl = failureView(failure(extra), context()).querySelector('dl.facts');
      return dl && Array.from(dl.children).map((c) => `${c.tagName.toLowerCase()}:${c.textContent}`);
    };
    assert.deepEqual(facts({ serverMessage: 'Model not found', innerErrorType: 'KeyError', innerMessage: "'abc'", context: 'step det' }), [
      'dt:Server message',
      'dd:Model not found',
      'dt:Inner error (KeyError)',
      "dd:'abc'",
      'dt:Context',
      'dd:step det',
    ]);
    assert.deepEqual(facts({ message: 'The server said: Model not found. Check the model id.', serverMessage: 'Model not found', context: 'c' }), ['dt:Context', 'dd:c'], 'already in our message');
    assert.deepEqual(facts({ serverMessage: 'Boom', innerMessage: 'Boom' }), ['dt:Server message', 'dd:Boom'], 'inner = server: said once');
    assert.deepEqual(facts({ innerMessage: 'deep' }), ['dt:Inner error', 'dd:deep']);
    assert.equal(facts({}), null);
    assert.equal(facts({ message: 'The server said: Boom.', serverMessage: 'Boom' }), null, 'nothing left to add: no empty list');
  });

  it('lists step errors with the step, its block, the property and a way to reveal it', () => {
    const ctx = context();
    const view = failureView(failure({ blockErrors: [blockError({ property: 'confidence', details: 'must be ≤ 1' })] }), ctx);
    assert.equal(text(view.querySelector('h3')), 'Step error');
    const item = view.querySelector('li.block-error')!;
    assert.equal(text(item.querySelector('strong')), 'Step `det`');
    assert.equal(text(item.querySelector('.block-error-head')), 'Step `det` roboflow_core/roboflow_object_detection_model@v2 · property confidenceReveal in Editor');
    assert.equal(item.parentElement?.getAttribute('class'), 'block-errors');
    assert.equal(text(item.querySelector('.block-error-head > span.muted')), ' roboflow_core/roboflow_object_detection_model@v2');
    assert.equal(text(item.querySelector('code')), 'confidence');
    assert.equal(text(item.querySelector('p.details')), 'must be ≤ 1');
    const reveal = buttonNamed(item, 'Reveal in Editor');
    assert.equal(reveal.getAttribute('title'), 'Select step det in the workflow');
    assert.equal(reveal.getAttribute('data-key'), 'reveal:0');
    reveal.click();
    assert.deepEqual(ctx.sent, [{ type: 'revealStep', step: 'det' }]);
  });

  it('offers no reveal for a step that is not in the definition, or an unnamed one', () => {
    const view = failureView(failure({ blockErrors: [blockError({ inDefinition: false }), blockError({ step: null, blockType: null })] }), context());
    assert.equal(text(view.querySelector('h3')), 'Step errors (2)');
    const items = Array.from(view.querySelectorAll('li.block-error'));
    assert.deepEqual(items.map((li) => text(li.querySelector('strong'))), ['Step `det`', 'A step']);
    assert.equal(text(items[1].querySelector('.block-error-head')), 'A step');
    assert.equal(view.querySelector('button[data-key^="reveal:"]'), null);
  });

  it('folds a long traceback, and stdout/stderr, without cutting them', () => {
    const traceback = Array.from({ length: 400 }, (_, i) => `  File "/app/block.py", line ${i + 1}, in run`).join('\n') + '\nValueError: boom';
    const view = failureView(failure({ blockErrors: [blockError({ traceback, stdout: 'printed', stderr: 'warned' })] }), context());
    const folds = Array.from(view.querySelectorAll<HTMLDetailsElement>('li.block-error details'));
    assert.deepEqual(folds.map((d) => text(d.querySelector('summary'))), ['Traceback', 'stdout', 'stderr']);
    assert.deepEqual(folds.map((d) => d.open), [false, false, false], 'all folded');
    assert.deepEqual(folds.map((d) => d.getAttribute('data-key')), ['tb:0', 'out:0', 'err:0']);
    assert.deepEqual(folds.map((d) => d.getAttribute('class')), ['traceback', null, null]);
    assert.equal(text(folds[0].querySelector('pre')), traceback, 'the whole traceback, all 401 lines');
    assert.deepEqual(folds.slice(1).map((d) => text(d.querySelector('pre'))), ['printed', 'warned']);
    assert.equal(failureView(failure({ blockErrors: [blockError()] }), context()).querySelector('li.block-error details'), null);
  });

  it('lists validation issues with their location', () => {
    const view = failureView(failure({ validationIssues: [{ location: '$.steps[0].confidence', message: 'must be a number' }] }), context());
    const issue = view.querySelector('ul.issues > li');
    assert.equal(text(issue), '$.steps[0].confidence must be a number');
    assert.equal(text(issue?.querySelector('code')), '$.steps[0].confidence');
    assert.equal(failureView(failure({ validationIssues: [] }), context()).querySelector('ul.issues'), null);
  });

  it('offers the Python output of the failed run and how it was made', () => {
    const view = failureView(failure({ pythonStreams: { stderr: 'x' }, debugTraces: ['t1'], summary: 'As someone you share with' }), context());
    const extras = Array.from(view.querySelectorAll('details.extras'));
    assert.deepEqual(extras.map((d) => [d.getAttribute('data-key'), text(d.querySelector('summary'))]), [
      ['f-py-streams', 'Python block output (stdout / stderr)'],
      ['f-py-traces', 'Python block debug traces'],
    ]);
    assert.equal(text(view.lastElementChild), 'As someone you share with');
    assert.equal(view.lastElementChild?.getAttribute('class'), 'muted');
  });
});

describe('preview results: a run that was not sent', () => {
  useDom();

  it('says why, and offers the fix as a button that runs its command', () => {
    const commands: PanelCommand[] = [];
    const view = notSentView({ status: 'not-sent', runId: 2, reason: 'No API key.', detail: 'The hosted server needs one.', action: { command: 'setApiKey', label: 'Set API Key…' } }, { ...context(), command: (c) => commands.push(c) });
    assert.equal(view.getAttribute('role'), 'status');
    assert.equal(text(view.querySelector('h2')), 'Nothing was sent');
    assert.equal(text(view.querySelector('[data-testid="not-sent-reason"]')), 'No API key.');
    assert.equal(view.querySelector('[data-testid="not-sent-reason"]')?.getAttribute('class'), 'message');
    assert.deepEqual(Array.from(view.querySelectorAll('p')).map(text), ['No API key.', 'The hosted server needs one.']);
    const fix = buttonNamed(view, 'Set API Key…');
    assert.equal(fix.getAttribute('class'), 'btn primary');
    assert.equal(fix.getAttribute('data-key'), 'action:setApiKey');
    fix.click();
    assert.deepEqual(commands, ['setApiKey']);
  });

  it('has no button without an action', () => {
    const view = notSentView({ status: 'not-sent', runId: 2, reason: 'Restricted Mode.' }, { ...context(), command: () => assert.fail('no command') });
    assert.equal(view.querySelector('button'), null);
    assert.equal(view.querySelectorAll('p').length, 1);
  });
});
