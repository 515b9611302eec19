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
    { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: 'yolov8n-640' },
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
  const model = validateLocally(text, bundledCatalog()).model;
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
