import assert from 'node:assert/strict';
import { previewForm } from '../../src/core/preview/form';
import { buildRunInputs, literalSecretValues, parseSpecification } from '../../src/core/preview/runRequest';
import { sharePlan } from '../../src/core/preview/sharePlan';
import { checkImageUrl, controlFor, initialDraft, parseDraft } from '../../src/protocol/inputValues';
import { classifyOutput, colorSlot, detectionBounds, imageDataUrl } from '../../src/webview/predictions';
import { isSafeImageDataUrl, parseHostMessage, parseWebviewMessage, type ParameterField, type SessionView } from '../../src/protocol/preview';
import { SAMPLE_JPEG_BASE64 } from '../support/sampleImage';
import { analysisOf, det, gpt } from '../support/securitySteps';



describe('preview: message protocol', () => {
  it('accepts every well-formed webview message', () => {
    const good: unknown[] = [
      { type: 'ready' },
      { type: 'run', runId: 3, values: { confidence: '0.5', flag: true }, imageUrls: { image: 'https://x/y.jpg' }, runSinks: false },
      { type: 'cancel' },
      { type: 'pickImage', input: 'image' },
      { type: 'clearImage', input: 'image' },
      { type: 'setMode', mode: 'sharee' },
      { type: 'command', command: 'toggleRunAccess' },
      { type: 'setCredential', name: 'openai_api_key' },
      { type: 'revealStep', step: 'det' },
      { type: 'copy', target: { scope: 'all' } },
      { type: 'copy', target: { scope: 'output', element: 0, output: 'predictions' } },
    ];
    for (const message of good) assert.equal(parseWebviewMessage(message).ok, true, JSON.stringify(message));
  });

  it('rejects unknown types, extra keys, wrong types and oversized values', () => {
    const bad: unknown[] = [
      null,
      'ready',
      [],
      { type: 'eval', code: '1' },
      { type: '__proto__' },
      { type: 'toString' },
      { type: 'ready', extra: 1 },
      { type: 'run', runId: -1, values: {}, imageUrls: {}, runSinks: false },
      { type: 'run', runId: 1, values: { a: 1 }, imageUrls: {}, runSinks: false },
      { type: 'run', runId: 1, values: { a: 'x'.repeat(1_000_001) }, imageUrls: {}, runSinks: false },
      { type: 'run', runId: 1, values: {}, imageUrls: {}, runSinks: 'yes' },
      { type: 'setMode', mode: 'admin' },
      { type: 'command', command: 'workbench.action.terminal.new' },
      { type: 'setCredential', name: '' },
      { type: 'copy', target: { scope: 'output', element: 0 } },
    ];
    for (const message of bad) assert.equal(parseWebviewMessage(message).ok, false, JSON.stringify(message)?.slice(0, 80));
    const unknown = parseWebviewMessage({ type: 'eval' });
    assert.ok(!unknown.ok && /unknown message "eval"/.test(unknown.error));
  });

  it('checks host messages before the webview renders them', () => {
    const session: SessionView = {
      workflow: { uri: 'file:///w.json', fileName: 'w.json' },
      trusted: true,
      server: { url: 'http://localhost:9001', label: 'This machine' },
      mode: 'owner',
      errorCount: 0,
      inputs: [{ kind: 'image', name: 'image' }, { kind: 'parameter', name: 'c', control: 'number', kinds: ['float'], defaultValue: 0.4, hasDefault: true }],
      apiKey: { status: 'stored', detail: 'x' },
      credentials: [{ name: 'k', provider: 'OpenAI', steps: ['gpt'], status: 'stored', hasDefault: false }],
      sharing: { runAccess: '', credentials: '', notes: [] },
      running: false,
    };
    assert.equal(parseHostMessage({ type: 'session', session }).ok, true);
    assert.equal(parseHostMessage({ type: 'session', session: { ...session, apiKey: { status: 'stored', detail: 'x', value: 'secret' } } }).ok, false, 'no extra keys such as a value');
    assert.equal(parseHostMessage({ type: 'runFinished', result: { status: 'not-sent', runId: 1, reason: 'r' } }).ok, true);
    assert.equal(parseHostMessage({ type: 'runFinished', result: { status: 'weird', runId: 1 } }).ok, false);
    assert.equal(parseHostMessage({ type: 'image', input: 'image', image: null }).ok, true);
  });

  it('lets the webview show only base64 raster images', () => {
    assert.equal(isSafeImageDataUrl(`data:image/jpeg;base64,${SAMPLE_JPEG_BASE64}`), true);
    assert.equal(isSafeImageDataUrl('data:image/svg+xml;base64,PHN2Zz4='), false);
    assert.equal(isSafeImageDataUrl('data:image/png;base64,abc"onerror="x'), false);
    assert.equal(isSafeImageDataUrl('https://example.com/a.png'), false);
  });
});

describe('preview: input values', () => {
  const field = (control: ParameterField['control'], extra: Partial<ParameterField> = {}): ParameterField => ({ kind: 'parameter', name: 'p', control, kinds: [], hasDefault: false, ...extra });

  it('picks a control from the kinds and the default value', () => {
    assert.deepEqual(controlFor(['float_zero_to_one'], 0.4), { control: 'number', min: 0, max: 1 });
    assert.equal(controlFor(['boolean']).control, 'checkbox');
    assert.equal(controlFor(['integer']).control, 'integer');
    assert.equal(controlFor(['string']).control, 'text');
    assert.equal(controlFor(['list_of_values']).control, 'json');
    assert.equal(controlFor(['*'], true).control, 'checkbox');
    assert.equal(controlFor(['*'], { a: 1 }).control, 'json');
    assert.equal(controlFor(['*']).control, 'text');
    assert.equal(controlFor(['float', 'string'], 'x').control, 'text');
  });

  it('turns drafts into values, leaving empty ones to the server', () => {
    assert.deepEqual(parseDraft(field('number', { min: 0, max: 1 }), '0.25'), { ok: true, value: 0.25 });
    assert.deepEqual(parseDraft(field('number'), ''), { ok: true, value: undefined });
    assert.equal(parseDraft(field('number', { max: 1 }), '2').ok, false);
    assert.equal(parseDraft(field('integer'), '2.5').ok, false);
    assert.deepEqual(parseDraft(field('json'), '["a", 1]'), { ok: true, value: ['a', 1] });
    assert.equal(parseDraft(field('json'), 'not json').ok, false);
    assert.deepEqual(parseDraft(field('checkbox'), false), { ok: true, value: false });
    assert.deepEqual(parseDraft(field('text'), ' keep spaces '), { ok: true, value: ' keep spaces ' });
    assert.equal(initialDraft(field('number', { hasDefault: true, defaultValue: 0.4 })), '0.4');
    assert.equal(initialDraft(field('json', { hasDefault: true, defaultValue: ['a'] })), '["a"]');
  });

  it('accepts only http(s) image URLs without credentials', () => {
    assert.equal(checkImageUrl('https://example.com/a.jpg').ok, true);
    assert.equal(checkImageUrl('file:///etc/passwd').ok, false);
    assert.equal(checkImageUrl('https://user:pw@example.com/a.jpg').ok, false);
    assert.equal(checkImageUrl('a.jpg').ok, false);
  });

  it('warns, before sending, of the image URLs the inference server refuses by default', () => {
    const warnings = (url: string) => {
      const checked = checkImageUrl(url);
      assert.ok(checked.ok, url);
      return checked.warnings.map((w) => (w.includes('ALLOW_NON_HTTPS') ? 'scheme' : w.includes('WITHOUT_FQDN') ? 'no domain' : w.includes('own machine') ? 'localhost' : w));
    };
    assert.deepEqual(warnings('https://images.example.com/a.jpg'), []);
    assert.deepEqual(warnings('https://cdn.example.co.uk:8443/a.jpg?x=1'), []);
    assert.deepEqual(warnings('http://images.example.com/a.jpg'), ['scheme']);
    assert.deepEqual(warnings('HTTP://127.0.0.1:9001/a.jpg'), ['scheme', 'no domain', 'localhost']);
    assert.deepEqual(warnings('https://localhost/a.jpg'), ['no domain', 'localhost']);
    assert.deepEqual(warnings('https://app.localhost/a.jpg'), ['no domain', 'localhost']);
    assert.deepEqual(warnings('https://[::1]/a.jpg'), ['no domain', 'localhost']);
    assert.deepEqual(warnings('https://127.1/a.jpg'), ['no domain', 'localhost'], 'the URL parser writes 127.1 as 127.0.0.1');
    assert.deepEqual(warnings('https://0x7f000001/a.jpg'), ['no domain', 'localhost']);
    assert.deepEqual(warnings('https://10.0.0.8/a.jpg'), ['no domain']);
    assert.deepEqual(warnings('https://[2001:db8::1]/a.jpg'), ['no domain']);
    assert.deepEqual(warnings('https://nas/a.jpg'), ['no domain']);
    assert.deepEqual(warnings('https://printer.local/a.jpg'), ['no domain']);
    assert.deepEqual(warnings('https://files.corp.internal/a.jpg'), ['no domain']);
    assert.deepEqual(warnings('https://router.home.arpa/a.jpg'), [], 'arpa is a public suffix');
    assert.deepEqual(warnings('https://localhost.example.com/a.jpg'), [], 'a real domain that starts with localhost');
    assert.deepEqual(warnings('https://internal.example.com/a.jpg'), []);
    assert.deepEqual(warnings('https://127.example.com/a.jpg'), [], 'a domain that starts with 127');
    assert.deepEqual(warnings('https://[::ffff:127.0.0.1]/a.jpg'), ['no domain', 'localhost']);
    const checked = checkImageUrl(' http://nas/a.jpg ');
    assert.deepEqual(checked, {
      ok: true,
      url: 'http://nas/a.jpg',
      warnings: [
        "Roboflow's inference server refuses http:// image URLs unless it runs with ALLOW_NON_HTTPS_URL_INPUT=True: use https:// if you can.",
        "Roboflow's inference server refuses image URLs without a domain name (an IP address, `localhost`, a one-word or local host name) unless it runs with ALLOW_URL_INPUT_WITHOUT_FQDN=True.",
      ],
    });
  });
});

describe('preview: output shapes', () => {
  it('recognises images, detections, polygons, keypoints and classifications', () => {
    const image = { type: 'base64', value: SAMPLE_JPEG_BASE64 };
    assert.deepEqual(classifyOutput(image), { kind: 'image', dataUrl: `data:image/jpeg;base64,${SAMPLE_JPEG_BASE64}` });
    assert.equal(classifyOutput([image, image]).kind, 'images');
    assert.equal(imageDataUrl({ type: 'base64', value: 'PHN2Zz4=' }), undefined, 'unknown magic (SVG) is not shown');

    const boxes = classifyOutput({ image: { width: 96, height: 64 }, predictions: [{ x: 26, y: 36, width: 28, height: 32, class: 'sign', class_id: 0, confidence: 0.91, parent_id: 'image' }] });
    assert.equal(boxes.kind, 'detections');
    assert.ok(boxes.kind === 'detections' && boxes.variant === 'boxes' && boxes.detections[0].label === 'sign' && boxes.detections[0].parentId === 'image');

    const polygons = classifyOutput({ predictions: [{ x: 5, y: 5, width: 4, height: 4, class: 'a', points: [{ x: 3, y: 3 }, { x: 7, y: 3 }, { x: 5, y: 7 }] }] });
    assert.ok(polygons.kind === 'detections' && polygons.variant === 'polygons');
    const keypoints = classifyOutput({ predictions: [{ x: 5, y: 5, width: 4, height: 4, class: 'person', keypoints: [{ x: 4, y: 4, class_name: 'nose', confidence: 0.9 }] }] });
    assert.ok(keypoints.kind === 'detections' && keypoints.variant === 'keypoints' && keypoints.detections[0].keypoints![0].name === 'nose');

    const single = classifyOutput({ predictions: [{ class: 'cat', class_id: 0, confidence: 0.2 }, { class: 'dog', class_id: 1, confidence: 0.8 }], top: 'dog', confidence: 0.8 });
    assert.ok(single.kind === 'classification' && !single.multiLabel && single.top === 'dog' && single.classes[0].name === 'dog');
    const multi = classifyOutput({ predictions: { cat: { confidence: 0.7, class_id: 0 }, dog: { confidence: 0.9, class_id: 1 } }, predicted_classes: ['cat', 'dog'] });
    assert.ok(multi.kind === 'classification' && multi.multiLabel && multi.classes.length === 2);

    assert.equal(classifyOutput(3).kind, 'json');
    assert.equal(classifyOutput({ predictions: [{ x: 'a' }] }).kind, 'json');
    assert.equal(classifyOutput('text').kind, 'json');
  });

  it('colours by class and sizes a canvas when the image size is unknown', () => {
    assert.equal(colorSlot({ label: 'x', classId: 9 }), 1);
    assert.equal(colorSlot({ label: 'same' }), colorSlot({ label: 'same' }));
    assert.deepEqual(detectionBounds([{ x: 10, y: 10, width: 10, height: 20, label: 'a' }]), { width: 15, height: 20 });
  });
});

describe('preview: form, share plan and request', () => {
  it('builds one control per input and keeps credential inputs out of the form', () => {
    const security = analysisOf([gpt('$inputs.openai_api_key')], [
      { type: 'WorkflowParameter', name: 'openai_api_key', kind: ['secret'] },
      { type: 'WorkflowParameter', name: 'confidence', kind: ['float_zero_to_one'], default_value: 0.4 },
      { type: 'WorkflowParameter', name: 'token', kind: ['secret'] },
    ]);
    const form = previewForm(security);
    assert.deepEqual(form.inputs.map((f) => f.name), ['image', 'confidence']);
    assert.deepEqual(form.credentials.map((c) => [c.name, c.provider, c.steps]), [['openai_api_key', 'OpenAI', ['gpt']], ['token', 'Secret input', []]]);
  });

  it('refuses share mode with own-key run access and a private model; explains the toggle', () => {
    const security = analysisOf([det('acme/3')]);
    const blocked = sharePlan(security, { runAccess: 'own-key', credentials: 'user-provided' });
    assert.match(blocked.blocked?.reason ?? '', /cannot use your private model `acme\/3` \(step `det`\)/);
    assert.match(blocked.blocked?.detail ?? '', /Turn on run access/);
    const allowed = sharePlan(security, { runAccess: 'owner-key', credentials: 'user-provided' });
    assert.equal(allowed.blocked, undefined);
    assert.equal(allowed.apiKey, 'owner-hidden');
    assert.equal(sharePlan(analysisOf([det('yolov8n-640')]), { runAccess: 'own-key', credentials: 'user-provided' }).apiKey, 'stand-in');
  });

  it('follows the credentials option only when a step needs credentials', () => {
    const credentialed = analysisOf([gpt('$inputs.k')], [{ type: 'WorkflowParameter', name: 'k', kind: ['secret'] }]);
    assert.equal(sharePlan(credentialed, { runAccess: 'own-key', credentials: 'user-provided' }).credentials, 'sharee');
    assert.equal(sharePlan(credentialed, { runAccess: 'own-key', credentials: 'owner-hidden' }).credentials, 'owner-hidden');
    assert.equal(sharePlan(analysisOf([det('yolov8n-640')]), { runAccess: 'own-key', credentials: 'owner-hidden' }).credentials, 'none');
  });

  it('puts images, set parameters and credentials into inputs, and requires images', () => {
    const fields = previewForm(analysisOf([], [{ type: 'WorkflowParameter', name: 'c', kind: ['float'], default_value: 0.4 }])).inputs;
    assert.deepEqual(buildRunInputs({ fields, drafts: {}, images: {}, credentials: {} }), { ok: false, message: 'Choose an image for `image` (a file from the workspace, or a URL).' });
    const built = buildRunInputs({ fields, drafts: { c: '0.7' }, images: { image: { type: 'url', value: 'https://x/a.jpg' } }, credentials: { key: 'v' } });
    // `inputs` has no prototype (input names may be `__proto__`): compare what is sent.
    const sent = (result: typeof built) => JSON.parse(JSON.stringify(result));
    assert.deepEqual(sent(built), { ok: true, value: { image: { type: 'url', value: 'https://x/a.jpg' }, c: 0.7, key: 'v' } });
    assert.deepEqual(sent(buildRunInputs({ fields, drafts: { c: '' }, images: { image: { type: 'base64', value: 'AA==' } }, credentials: {} })), { ok: true, value: { image: { type: 'base64', value: 'AA==' } } });
  });

  it('parses the definition and finds the secrets written in it', () => {
    assert.equal(parseSpecification('{"version": "1.0"}').ok, true);
    assert.equal(parseSpecification('[1]').ok, false);
    assert.equal(parseSpecification('{').ok, false);
    assert.deepEqual(literalSecretValues(analysisOf([gpt('sk-proj-abcdefghijklmnop1234')])), ['sk-proj-abcdefghijklmnop1234']);
  });
});
