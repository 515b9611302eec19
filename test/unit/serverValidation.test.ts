import assert from 'node:assert/strict';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { REDACTED, Redactor } from '../../src/core/redaction/redactor';
import { validateWorkflow, type ValidateWorkflowOptions } from '../../src/core/server/client';
import type { ServerFailure, WorkflowValidationResult } from '../../src/core/server/types';
import { locateServerErrors } from '../../src/core/serverValidation/locate';
import { serverVerdict } from '../../src/core/serverValidation/verdict';
import { validateWorkflow as validateLocally } from '../../src/core/validate';
import { startFakeInferenceServer, type FakeInferenceServer, type FakeScenarioName } from '../support/fakeInferenceServer';
import { useFakeInferenceServer } from '../support/fakeServerHooks';
import { findLeak } from '../support/secretLeaks';

const API_KEY = 'rfV4l1d4teK3y0123456789xY';

const DEFINITION = {
  version: '1.0',
  inputs: [{ type: 'WorkflowImage', name: 'image' }],
  steps: [
    { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', image: '$inputs.image', model_id: 'yolov8n-640' },
    { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$inputs.image', predictions: '$steps.det.predictions' },
  ],
  outputs: [{ type: 'JsonField', name: 'annotated', selector: '$steps.boxes.image' }],
};

function assertNoKey(value: unknown): void {
  const text = JSON.stringify(value);
  assert.equal(findLeak(text, API_KEY), undefined, `the key leaked: ${findLeak(text, API_KEY)}`);
}

describe('Validate on Server: the client (against the fake server)', function () {
  const fakeServer = useFakeInferenceServer();
  let server: FakeInferenceServer;
  beforeEach(() => {
    server = fakeServer();
  });

  function validate(definition: object = DEFINITION, overrides: Partial<ValidateWorkflowOptions> = {}): Promise<WorkflowValidationResult> {
    return validateWorkflow({ serverUrl: server.url, apiKey: API_KEY, specification: definition as Record<string, unknown>, redactor: new Redactor(), ...overrides });
  }

  it('POSTs the raw definition to /workflows/validate, with the key as a top-level api_key and a Bearer header, never in the URL', async () => {
    const result = await validate();
    assert.deepEqual(result.ok && { ok: result.ok }, { ok: true });
    const [request] = server.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/workflows/validate', 'no query string: the route\'s ?api_key= is never used');
    assert.equal(request.headers.authorization, `Bearer ${API_KEY}`);
    assert.deepEqual(JSON.parse(request.body), { ...DEFINITION, api_key: API_KEY });
  });

  it('reaches a server that reads only the body (older, or a hosted front) and one that reads only the header', async () => {
    for (const apiKeyFrom of ['body', 'header'] as const) {
      server.configure({ apiKeyFrom });
      assert.ok((await validate()).ok);
      assert.equal(server.requests.at(-1)!.apiKey, API_KEY, apiKeyFrom);
    }
  });

  it('gives the engine\'s InvalidReferenceTargetError with its blocks_errors', async () => {
    const broken = { ...DEFINITION, steps: [DEFINITION.steps[0], { ...DEFINITION.steps[1], predictions: '$steps.nope.predictions' }] };
    const result = await validate(broken);
    assert.equal(result.ok, false);
    const failure = result as ServerFailure;
    assert.equal(failure.status, 400);
    assert.equal(failure.errorType, 'InvalidReferenceTargetError');
    assert.equal(failure.serverMessage, "Workflow references '$steps.nope' which points to a non-existent block.");
    assert.deepEqual(failure.blockErrors, [
      { blockId: 'boxes', blockType: 'roboflow_core/bounding_box_visualization@v1', propertyName: 'predictions', details: 'Invalid reference to $steps.nope' },
    ]);
  });

  it('refuses and explains a 401 without showing the key', async () => {
    server.setScenario('unauthorized-model-key-leak');
    const failure = (await validate()) as ServerFailure;
    assert.equal(failure.status, 401);
    assert.match(failure.message, /refused the Roboflow API key/);
    assert.match(failure.innerMessage ?? '', new RegExp(`API key \\${REDACTED.slice(0, -1)}\\] does not have access`));
    assertNoKey(failure);
  });

  it('answers a hosted front\'s keyless 401 and reads the body key it requires', async () => {
    const hosted = await startFakeInferenceServer({ requireApiKey: true, behaviour: { apiKeyFrom: 'body' } });
    try {
      const keyless = (await validateWorkflow({ serverUrl: hosted.url, specification: DEFINITION, redactor: new Redactor() })) as ServerFailure;
      assert.equal(keyless.status, 401);
      assert.match(keyless.message, /needs a Roboflow API key/);
      assert.ok((await validateWorkflow({ serverUrl: hosted.url, apiKey: API_KEY, specification: DEFINITION, redactor: new Redactor() })).ok);
    } finally {
      await hosted.close();
    }
  });

  it('keeps the safety rails: timeout, cancellation, size cap, no redirect', async () => {
    server.setScenario({ name: 'success', delayMs: 3_000 });
    assert.equal(((await validate(DEFINITION, { timeoutMs: 200 })) as ServerFailure).kind, 'timeout');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    assert.equal(((await validate(DEFINITION, { signal: controller.signal })) as ServerFailure).kind, 'cancelled');
    server.setScenario('huge');
    assert.equal(((await validate(DEFINITION, { maxResponseBytes: 1024 * 1024 })) as ServerFailure).kind, 'too-large');
    server.setScenario('redirect');
    const redirect = (await validate()) as ServerFailure;
    assert.equal(redirect.status, 307);
    assert.match(redirect.message, /Redirects are not followed/);
    assertNoKey(redirect);
  });

  it('calls an answer without "status": "ok" malformed', async () => {
    const fetchImpl: typeof fetch = async () => new Response('{"outputs": []}', { status: 200 });
    const failure = (await validate(DEFINITION, { fetchImpl })) as ServerFailure;
    assert.equal(failure.kind, 'malformed');
    assert.match(failure.message, /without `\{"status": "ok"\}`/);
  });

  it('no error scenario leaks the key', async () => {
    const scenarios: FakeScenarioName[] = ['compile-error', 'syntax-error', 'definition-error', 'step-error-traceback', 'html-error', 'unauthorized-model-key-leak', 'missing-api-key'];
    for (const scenario of scenarios) {
      server.setScenario(scenario);
      assertNoKey(await validate());
    }
  });
});

describe('Validate on Server: verdict and placement', () => {
  const text = JSON.stringify(
    {
      ...DEFINITION,
      steps: [DEFINITION.steps[0], { ...DEFINITION.steps[1], predictions: '$steps.nope.predictions', image: '$inputs.image' }],
      outputs: [{ type: 'JsonField', name: 'annotated', selector: '$steps.gone.image' }],
    },
    null,
    2,
  );
  let model: ReturnType<typeof validateLocally>['model'];
  // Per test, not once in before(): coverage in a before() hook is credited to whichever test ran last.
  beforeEach(() => {
    model = validateLocally(text, bundledCatalog()).model;
  });
  const failure = (fields: Partial<ServerFailure>): ServerFailure & { errorType: string } => ({
    ok: false,
    kind: 'http',
    status: 400,
    message: 'm',
    errorType: 'InvalidReferenceTargetError',
    blockErrors: [],
    durationMs: 1,
    ...fields,
  }) as ServerFailure & { errorType: string };
  const at = (range: { offset: number; length: number }) => text.slice(range.offset, range.offset + range.length);

  it('reads a compile error (400, or 500 with an error_type) as a verdict, anything else as none', () => {
    assert.equal(serverVerdict({ ok: true, durationMs: 1 }).verdict, 'compiles');
    assert.equal(serverVerdict(failure({})).verdict, 'rejects');
    assert.equal(serverVerdict(failure({ status: 500, errorType: 'StepInputLineageError' })).verdict, 'rejects');
    assert.equal(serverVerdict(failure({ status: 401, errorType: undefined })).verdict, 'none');
    assert.equal(serverVerdict(failure({ status: 500, errorType: undefined })).verdict, 'none', 'Internal error. says nothing about the workflow');
    assert.equal(serverVerdict(failure({ kind: 'network', status: undefined, errorType: undefined })).verdict, 'none');
    assert.equal(serverVerdict(failure({ status: 401, errorType: 'Unauthorized' })).verdict, 'none', 'a refused key is not a verdict, even with an error_type');
    assert.equal(serverVerdict(failure({ status: 400, errorType: undefined })).verdict, 'none', 'a 400 without error_type (a front, a proxy) says nothing');
    assert.equal(serverVerdict(failure({ kind: 'malformed' })).verdict, 'none', 'an answer we could not read is no verdict, whatever it seemed to say');
  });

  it('puts a step\'s error on its name, and a property\'s on that property', () => {
    const [onStep] = locateServerErrors(failure({ blockErrors: [{ blockId: 'boxes', blockType: null, propertyName: null, details: 'tag mismatch' }] }), model);
    assert.equal(at(onStep.range), '"boxes"');
    const [onProperty] = locateServerErrors(
      failure({ serverMessage: "Workflow references '$steps.nope' which points to a non-existent block.", blockErrors: [{ blockId: 'boxes', blockType: null, propertyName: 'predictions', details: 'Invalid reference to $steps.nope' }] }),
      model,
    );
    assert.equal(at(onProperty.range), '"$steps.nope.predictions"');
    assert.equal(onProperty.code, 'InvalidReferenceTargetError');
    assert.equal(onProperty.message, "Workflow references '$steps.nope' which points to a non-existent block. — `predictions`: Invalid reference to $steps.nope");
  });

  it('follows field aliases, and falls back to the step name for a property that is not written', () => {
    const [alias] = locateServerErrors(failure({ blockErrors: [{ blockId: 'boxes', blockType: null, propertyName: 'images', details: 'x' }] }), model);
    assert.equal(at(alias.range), '"$inputs.image"', '`image` is written, the engine names the field `images`');
    const [missing] = locateServerErrors(failure({ blockErrors: [{ blockId: 'det', blockType: null, propertyName: 'confidence', details: 'Field required' }] }), model);
    assert.equal(at(missing.range), '"det"');
  });

  it('puts an output\'s error on its selector, and the rest on the top of the document', () => {
    const [output] = locateServerErrors(failure({ blockErrors: [{ blockId: '$outputs', blockType: null, propertyName: 'annotated', details: 'Invalid reference to $steps.gone' }] }), model);
    assert.equal(at(output.range), '"$steps.gone.image"');
    const unknown = locateServerErrors(failure({ blockErrors: [{ blockId: 'not-a-step', blockType: null, propertyName: null, details: 'x' }, { blockId: null, blockType: null, propertyName: null, details: 'y' }] }), model);
    assert.deepEqual(unknown.map((f) => f.range), [{ offset: 0, length: 1 }, { offset: 0, length: 1 }]);
    const whole = locateServerErrors(failure({ errorType: 'DuplicatedNameError', serverMessage: 'Found duplicated input steps names', innerMessage: undefined }), model);
    assert.deepEqual(whole, [{ code: 'DuplicatedNameError', message: 'Found duplicated input steps names', range: { offset: 0, length: 1 } }]);
    assert.deepEqual(locateServerErrors(failure({ serverMessage: 'x' }), undefined)[0].range, { offset: 0, length: 1 }, 'no model (not JSON): the top');
  });
});

describe('Validate on Server: where each error is marked, exactly', () => {
  // Leading blank lines: "the top of the document" is the opening brace, not offset 0.
  const text = `\n\n${JSON.stringify(
    {
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }],
      steps: [
        { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', image: '$inputs.image', model_id: 'yolov8n-640', confidence: 0.4, class_filter: ['car'], iou_threshold: { bad: 1 }, active_learning_target_dataset: null },
        { type: 'acme/not_a_block@v1', name: 'mystery', knob: 7 },
      ],
      outputs: [
        { type: 'JsonField', name: 'first', selector: '$steps.det.predictions' },
        { type: 'JsonField', name: 'second', selector: '$steps.det.image' },
        { type: 'JsonField', name: 'bare' },
      ],
    },
    null,
    2,
  )}`;
  const top = { offset: 2, length: 1 };
  let model: ReturnType<typeof validateLocally>['model'];
  beforeEach(() => {
    model = validateLocally(text, bundledCatalog()).model;
  });
  const failure = (fields: Partial<ServerFailure>): ServerFailure & { errorType: string } =>
    ({ ok: false, kind: 'http', status: 400, message: 'm', errorType: 'WorkflowDefinitionError', blockErrors: [], durationMs: 1, ...fields }) as ServerFailure & { errorType: string };
  const blockError = (blockId: string | null, propertyName: string | null, details: string | null = 'd') => ({ blockId, blockType: null, propertyName, details });
  const markedBy = (...errors: ReturnType<typeof blockError>[]) => locateServerErrors(failure({ blockErrors: errors }), model).map((f) => text.slice(f.range.offset, f.range.offset + f.range.length));

  it('marks a scalar property by its value, and an object or list property by its key', () => {
    assert.deepEqual(markedBy(blockError('det', 'confidence'), blockError('det', 'active_learning_target_dataset'), blockError('det', 'class_filter'), blockError('det', 'iou_threshold')), ['0.4', 'null', '"class_filter"', '"iou_threshold"']);
  });

  it('finds a property under the name the engine uses or under its alias, and one the catalog does not know', () => {
    // The detection model's field is `images`, and `image` its alias; the visualization's field is `image`, and `images` its alias.
    assert.deepEqual(markedBy(blockError('det', 'images')), ['"$inputs.image"'], 'the engine names the field, the file has the alias');
    assert.deepEqual(markedBy(blockError('det', 'image')), ['"$inputs.image"'], 'the engine names the alias, the file has it too');
    assert.deepEqual(markedBy(blockError('det', 'model_id'), blockError('mystery', 'knob')), ['"yolov8n-640"', '7'], 'a step whose block is unknown still has its properties');
  });

  it('puts an error on the named output\'s selector, the whole output when it has none, and the top for an output that is not there', () => {
    assert.deepEqual(markedBy(blockError('$outputs', 'second'), blockError('$outputs', 'first')), ['"$steps.det.image"', '"$steps.det.predictions"']);
    const [bare] = markedBy(blockError('$outputs', 'bare'));
    assert.deepEqual(JSON.parse(bare), { type: 'JsonField', name: 'bare' });
    const [gone] = locateServerErrors(failure({ blockErrors: [blockError('$outputs', 'gone')] }), model);
    assert.deepEqual(gone.range, top);
  });

  it('puts errors that name no step of this file on the opening brace', () => {
    const placed = locateServerErrors(failure({ blockErrors: [blockError('nope', 'x'), blockError(null, null)] }), model);
    assert.deepEqual(placed.map((f) => f.range), [top, top]);
    const unparsed = locateServerErrors(failure({ blockErrors: [blockError('det', 'confidence'), blockError('$outputs', 'first')] }), undefined);
    assert.deepEqual(unparsed.map((f) => f.range), [{ offset: 0, length: 1 }, { offset: 0, length: 1 }], 'no model (the file is not JSON): the first character');
  });

  it('writes one message per error: the server\'s words once, trimmed, then the property and its details', () => {
    const messages = (fields: Partial<ServerFailure>) => locateServerErrors(failure(fields), model).map((f) => f.message);
    assert.deepEqual(messages({ serverMessage: '  Invalid step  \n', blockErrors: [blockError('det', 'confidence', 'must be <= 1'), blockError('det', null, 'Invalid step'), blockError('det', null, null)] }), [
      'Invalid step — `confidence`: must be <= 1',
      'Invalid step',
      'Invalid step',
    ]);
    assert.deepEqual(messages({ serverMessage: undefined, blockErrors: [blockError('det', null, null)] }), ['The server rejected this workflow (WorkflowDefinitionError).']);
    assert.deepEqual(messages({ serverMessage: ' ', innerMessage: undefined }), ['The server rejected this workflow (WorkflowDefinitionError).']);
    assert.deepEqual(messages({ serverMessage: 'Could not parse the definition.', innerMessage: 'parse the definition' }), ['Could not parse the definition.'], 'an inner message the outer one already says is not repeated');
    assert.deepEqual(messages({ serverMessage: 'Could not parse.', innerMessage: ' Unexpected token at 3 ' }), ['Could not parse. — Unexpected token at 3']);
  });
});
