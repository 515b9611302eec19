import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { REDACTED, Redactor } from '../../src/core/redaction/redactor';
import { describeBlocks, fetchServerInfo, runWorkflow, type RunWorkflowOptions } from '../../src/core/server/client';
import type { ServerFailure, WorkflowRunResult } from '../../src/core/server/types';
import { FAKE_SCENARIOS, FAKE_SERVER_VERSION, startFakeInferenceServer, type FakeInferenceServer, type FakeScenario, type FakeScenarioName } from '../support/fakeInferenceServer';
import { useFakeInferenceServer } from '../support/fakeServerHooks';
import { SAMPLE_JPEG_BASE64 } from '../support/sampleImage';
import { findLeak } from '../support/secretLeaks';

const API_KEY = 'rfK3yT3st0123456789AbCdE';
/** A third-party key the caller knows about (from SecretStorage) and passes to the redactor. */
const KNOWN_THIRD_PARTY_KEY = 'tw1l1oAuthT0ken5ecretValue0042';
/** An OpenAI key typed literally into the workflow, which the caller did not tell the redactor. */
const UNKNOWN_OPENAI_KEY = 'sk-proj-N0tT0ldT0TheRedact0rXyZ123456';

const SPECIFICATION = {
  version: '1.0',
  inputs: [{ type: 'WorkflowImage', name: 'image' }],
  steps: [
    { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'detector', images: '$inputs.image', model_id: 'acme-private/3' },
    { type: 'roboflow_core/open_ai@v2', name: 'llm', images: '$inputs.image', prompt: 'describe', api_key: UNKNOWN_OPENAI_KEY },
    { type: 'roboflow_core/twilio_sms_notification@v1', name: 'sms', twilio_auth_token: KNOWN_THIRD_PARTY_KEY },
  ],
  outputs: [
    { type: 'JsonField', name: 'predictions', selector: '$steps.detector.predictions' },
    { type: 'JsonField', name: 'annotated_image', selector: '$steps.visualization.image' },
  ],
};
const INPUTS = { image: { type: 'base64', value: SAMPLE_JPEG_BASE64 } };

function assertNothingLeaks(result: unknown): void {
  const text = JSON.stringify(result);
  for (const secret of [API_KEY, KNOWN_THIRD_PARTY_KEY, UNKNOWN_OPENAI_KEY.slice('sk-'.length)]) {
    assert.equal(findLeak(text, secret), undefined, `${secret} leaked: ${findLeak(text, secret)}`);
  }
}

function assertFailure(result: WorkflowRunResult, kind: ServerFailure['kind'], status?: number): ServerFailure {
  assert.equal(result.ok, false, `expected a ${kind} failure, got success`);
  const failure = result as ServerFailure;
  assert.equal(failure.kind, kind, failure.message);
  if (status !== undefined) assert.equal(failure.status, status, failure.message);
  assert.ok(failure.message.length > 20);
  assertNothingLeaks(failure);
  return failure;
}

describe('inference server client (against the fake server)', function () {
  const fakeServer = useFakeInferenceServer();
  let server: FakeInferenceServer;
  beforeEach(() => {
    server = fakeServer();
  });

  function run(scenario: FakeScenarioName | FakeScenario, overrides: Partial<RunWorkflowOptions> = {}): Promise<WorkflowRunResult> {
    server.setScenario(scenario);
    return runWorkflow({
      serverUrl: server.url,
      apiKey: API_KEY,
      specification: SPECIFICATION,
      inputs: INPUTS,
      redactor: new Redactor([KNOWN_THIRD_PARTY_KEY]),
      ...overrides,
    });
  }

  describe('requests', () => {
    it('POSTs {specification, inputs} to /workflows/run with the key in the body\'s api_key and the Authorization header, never the URL', async () => {
      const result = await run('success');
      assert.ok(result.ok);
      assert.equal(server.requests.length, 1);
      const [request] = server.requests;
      assert.equal(request.method, 'POST');
      assert.equal(request.url, '/workflows/run');
      assert.equal(request.headers.authorization, `Bearer ${API_KEY}`);
      assert.equal(request.headers['content-type'], 'application/json');
      assert.equal(request.apiKey, API_KEY);
      assert.ok(!request.url.includes(API_KEY), 'key in URL');
      const keyHeaders = Object.entries(request.headers).filter(([name, value]) => name !== 'authorization' && String(value).includes(API_KEY));
      assert.deepEqual(keyHeaders, [], 'key in another header');
      assert.deepEqual(JSON.parse(request.body), { specification: SPECIFICATION, inputs: INPUTS, api_key: API_KEY });
    });

    it('reaches servers that read only the body key (before 1.5.0) and only the header', async () => {
      try {
        server.configure({ apiKeyFrom: 'body' });
        assert.ok((await run('success')).ok);
        server.configure({ apiKeyFrom: 'header' });
        assert.ok((await run('success')).ok);
        assert.deepEqual(server.requests.map((r) => r.apiKey), [API_KEY, API_KEY]);
      } finally {
        server.configure({});
      }
    });

    it('sends excluded_fields, disable_sinks and debug only when asked', async () => {
      await run('success', { excludedFields: ['annotated_image'], disableSinks: true, debug: false });
      const body = JSON.parse(server.requests[0].body) as Record<string, unknown>;
      assert.deepEqual(body.excluded_fields, ['annotated_image']);
      assert.equal(body.disable_sinks, true);
      assert.equal(body.debug, false);
    });

    it('sends no key at all without one, and trims a pasted key in both places', async () => {
      await run('success', { apiKey: undefined });
      assert.equal(server.requests[0].headers.authorization, undefined);
      assert.equal('api_key' in (JSON.parse(server.requests[0].body) as object), false);
      await run('success', { apiKey: `  ${API_KEY}\n` });
      assert.equal(server.requests[1].headers.authorization, `Bearer ${API_KEY}`);
      assert.equal((JSON.parse(server.requests[1].body) as { api_key: string }).api_key, API_KEY);
    });

    it('adds the key to the caller\'s redactor', async () => {
      const redactor = new Redactor();
      await run('success', { redactor });
      assert.equal(redactor.redact(`x ${API_KEY} y`), `x ${REDACTED} y`);
    });
  });

  describe('successful runs', () => {
    it('returns outputs with a base64 JPEG and detections, the duration and the size', async () => {
      const result = await run('success');
      assert.ok(result.ok);
      assert.equal(result.outputs.length, 1);
      const [element] = result.outputs as Array<{ predictions: { predictions: Array<{ class: string }> }; annotated_image: { type: string; value: string } }>;
      assert.deepEqual(element.predictions.predictions.map((prediction) => prediction.class), ['sign', 'ball']);
      assert.equal(element.annotated_image.type, 'base64');
      assert.equal(element.annotated_image.value, SAMPLE_JPEG_BASE64);
      assert.deepEqual([...Buffer.from(element.annotated_image.value, 'base64').subarray(0, 3)], [0xff, 0xd8, 0xff]);
      assert.ok(result.durationMs > 0);
      assert.ok(result.responseBytes > SAMPLE_JPEG_BASE64.length);
    });

    it('returns one output element per batch element', async () => {
      const result = await run('success', { inputs: { image: [INPUTS.image, INPUTS.image, INPUTS.image] } });
      assert.ok(result.ok);
      assert.equal(result.outputs.length, 3);
    });

    it('redacts keys a block echoes in its outputs, in every encoding', async () => {
      const result = await run('success-with-secret-echo');
      assert.ok(result.ok);
      assert.match(String(result.outputs[0].llm_output), /\[REDACTED\]/);
      assertNothingLeaks(result);
    });

    it('redacts custom Python blocks\' output streams and debug traces', async () => {
      const result = await run('python-streams', { debug: true });
      assert.ok(result.ok);
      assert.ok(result.pythonBlocksOutputStreams);
      assert.ok(result.pythonBlocksDebugTraces);
      assert.match(JSON.stringify(result.pythonBlocksOutputStreams), /api_key=\[REDACTED\]/);
      assertNothingLeaks(result);
    });

    it('accepts a 50 MB answer under the default 64 MB cap', async () => {
      const result = await run('huge');
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.ok(result.responseBytes >= 50 * 1024 * 1024 - 1);
    });
  });

  describe('error answers (reference §f), each redacted', () => {
    it('401 with the raw key in the message (unauthorised model)', async () => {
      const failure = assertFailure(await run('unauthorized-model-key-leak'), 'http', 401);
      assert.equal(failure.errorType, 'ClientCausedStepExecutionError');
      assert.equal(failure.innerErrorType, 'RoboflowAPINotAuthorizedError');
      assert.equal(failure.innerMessage, `API key ${REDACTED} does not have access to model acme-private/3`);
      assert.equal(failure.blockErrors[0].blockId, 'detector');
      assert.match(failure.message, /refused the Roboflow API key in step `detector` \(401 Unauthorized\)/);
    });

    it('500 StepExecutionError whose traceback is full of keys', async () => {
      const failure = assertFailure(await run('step-error-traceback'), 'http', 500);
      assert.equal(failure.errorType, 'StepExecutionError');
      const [blockError] = failure.blockErrors;
      assert.equal(blockError.blockId, 'detector');
      assert.equal(blockError.blockType, 'roboflow_core/roboflow_object_detection_model@v2');
      assert.match(blockError.traceback ?? '', /Traceback \(most recent call last\)/);
      assert.match(blockError.traceback ?? '', /Incorrect API key provided: sk-\[REDACTED\]/);
      assert.equal(blockError.stdout, `api_key=${REDACTED}`);
      assert.match(failure.message, /^Step `detector` \(roboflow_core\/roboflow_object_detection_model@v2\) failed while the workflow ran \(500 StepExecutionError\)/);
    });

    it('400 DynamicBlockCodeError names the block type where the step belongs: the step is put back', async () => {
      // The shape the real inference server (1.8.3) answers a raising custom Python block with.
      const traceback = 'Traceback (most recent call last):\n  File "<string>", line 3, in run\nValueError: negative values are not allowed: -1';
      const body = {
        message: 'Error in line 3, in run: ValueError: negative values are not allowed: -1',
        error_type: 'DynamicBlockCodeError',
        context: 'workflow_execution | step_execution',
        inner_error_type: 'ValueError',
        inner_error_message: 'negative values are not allowed: -1',
        blocks_errors: [{ block_id: 'ScaleAndDescribe', block_type: null, block_details: null, property_name: 'Python code', property_details: 'negative values are not allowed: -1', block_traceback: { traceback, stdout: null, stderr: null } }],
      };
      const fetchImpl: typeof fetch = async () => new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } });
      const specification = {
        ...SPECIFICATION,
        steps: [...SPECIFICATION.steps, { type: 'ScaleAndDescribe', name: 'python', value: '$inputs.value' }],
      };
      const failure = assertFailure(await run('success', { fetchImpl, specification }), 'http', 400);
      assert.deepEqual(failure.blockErrors, [
        { blockId: 'python', blockType: 'ScaleAndDescribe', propertyName: 'Python code', details: 'negative values are not allowed: -1', traceback },
      ]);
      assert.equal(
        failure.message,
        'The custom Python code of step `python` (custom block ScaleAndDescribe) raised an error while the workflow ran (400 DynamicBlockCodeError). Server says: Error in line 3, in run: ValueError: negative values are not allowed: -1',
      );

      // Two steps of that type: the server did not say which one, so nothing is guessed.
      const twoSteps = { ...specification, steps: [...specification.steps, { type: 'ScaleAndDescribe', name: 'python2', value: 1 }] };
      const ambiguous = assertFailure(await run('success', { fetchImpl, specification: twoSteps }), 'http', 400);
      assert.equal(ambiguous.blockErrors[0].blockId, 'ScaleAndDescribe');
      assert.equal(ambiguous.blockErrors[0].blockType, null);
    });

    it('400 compile error with blocks_errors', async () => {
      const failure = assertFailure(await run('compile-error'), 'http', 400);
      assert.equal(failure.errorType, 'InvalidReferenceTargetError');
      assert.equal(failure.context, 'workflow_compilation | execution_graph_construction');
      assert.equal(failure.innerErrorType, undefined, '"None" means absent');
      assert.deepEqual(failure.blockErrors, [
        {
          blockId: 'detector',
          blockType: 'roboflow_core/roboflow_object_detection_model@v2',
          propertyName: 'images',
          details: 'Reference `$steps.missing.predictions` points to a step that does not exist.',
        },
      ]);
      assert.match(failure.message, /rejected the workflow in step `detector` \(400 InvalidReferenceTargetError\)/);
    });

    it('400 runtime input error', async () => {
      const failure = assertFailure(await run('runtime-input-error'), 'http', 400);
      assert.match(failure.message, /inputs do not match/);
    });

    it('400 missing key: asks for a key, or explains a server that ignores the header', async () => {
      assert.match(assertFailure(await run('missing-api-key', { apiKey: undefined }), 'http', 400).message, /none is set/);
      const lost = assertFailure(await run('missing-api-key'), 'http', 400).message;
      assert.ok(!lost.includes(REDACTED), `our explanation must survive redaction: ${lost}`);
      assert.match(lost, /sent, both as the request body's `api_key` and in the `Authorization` header, so something between/);
    });

    it('401 from the server and from the hosted front: the likely causes, never the key', async () => {
      const refused = assertFailure(await run('unauthorized'), 'http', 401);
      assert.match(refused.message, /refused the Roboflow API key \(401 Unauthorized\)/);
      assert.match(refused.message, /wrong, revoked or expired/);
      assert.match(refused.message, /another workspace than the one that owns the models/);
      assert.match(refused.message, /proxy .* strips the `Authorization` header/);
      assert.match(refused.message, /older than inference 1\.5\.0 read only the body's `api_key`/);
      assert.ok(!refused.message.includes(API_KEY));
      // Our own sentences survive redaction intact (no "[REDACTED]" in the explanation).
      assert.ok(!refused.message.split(' Server says:')[0].includes(REDACTED), refused.message);
      const hosted = assertFailure(await run('unauthorized-hosted', { apiKey: undefined }), 'http', 401);
      assert.match(hosted.message, /needs a Roboflow API key/);
      assert.equal(hosted.serverMessage, 'Unauthorized api_key');
    });

    it('402 credits, 403 private model, 404 resource', async () => {
      assert.match(assertFailure(await run('payment-required'), 'http', 402).message, /out of credits/);
      assert.match(assertFailure(await run('forbidden'), 'http', 403).message, /private model/);
      assert.match(assertFailure(await run('not-found'), 'http', 404).message, /not found.*private to another workspace/);
    });

    it('404 from a server without the workflow routes', async () => {
      const failure = assertFailure(await run('success', { serverUrl: `${server.url}/not-an-inference-server` }), 'http', 404);
      assert.match(failure.message, /has no \/workflows\/run endpoint/);
    });

    it('500 internal error and 503 upstream failure', async () => {
      assert.match(assertFailure(await run('internal-error'), 'http', 500).message, /internal error.*gave no details/);
      assert.match(assertFailure(await run('upstream-unavailable'), 'http', 503).message, /usually temporary.*Could not connect to Roboflow API/);
    });

    it('422 request validation detail', async () => {
      const failure = assertFailure(await run('validation-422'), 'http', 422);
      assert.deepEqual(failure.validationIssues, [{ location: 'body.inputs', message: 'Field required' }]);
      assert.match(failure.message, /body\.inputs: Field required/);
    });

    it('502 HTML page from a proxy', async () => {
      const failure = assertFailure(await run('html-error'), 'http', 502);
      assert.equal(failure.serverMessage, '502 Bad Gateway');
    });

    it('redirects are reported, not followed, and the Location is redacted', async () => {
      const failure = assertFailure(await run('redirect'), 'http', 307);
      assert.equal(server.requests.length, 1);
      assert.match(failure.message, /redirect \(307\) to https:\/\/other-host\.example\.com\/workflows\/run\?api_key=\[REDACTED\]/);
    });

    it('no scenario leaks a key, whatever the answer', async () => {
      for (const scenario of FAKE_SCENARIOS) {
        if (scenario === 'hang' || scenario === 'huge') continue;
        const result = await run(scenario, { timeoutMs: 5_000 });
        assertNothingLeaks(result);
      }
    });
  });

  describe('answers that are not answers', () => {
    it('malformed JSON', async () => {
      const failure = assertFailure(await run('malformed-json'), 'malformed', 200);
      assert.match(failure.message, /answered with something that is not JSON/);
    });

    it('JSON without an outputs list', async () => {
      const fetchImpl: typeof fetch = async () => new Response('{"outputs": "nope"}', { status: 200 });
      const failure = assertFailure(await run('success', { fetchImpl }), 'malformed');
      assert.match(failure.message, /no `outputs` list/);
    });

    it('too large: stops reading at the cap', async () => {
      const failure = assertFailure(await run('huge', { maxResponseBytes: 4 * 1024 * 1024 }), 'too-large', 200);
      assert.match(failure.message, /larger than the 4 MB limit/);
    });

    it('too large by Content-Length: does not read the body', async () => {
      let chunksPulled = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          chunksPulled++;
          controller.enqueue(new Uint8Array(1024 * 1024));
        },
      });
      const fetchImpl: typeof fetch = async () => new Response(body, { status: 200, headers: { 'content-length': String(100 * 1024 * 1024) } });
      assertFailure(await run('success', { fetchImpl }), 'too-large');
      assert.ok(chunksPulled <= 2, `${chunksPulled} chunks pulled`);
    });
  });

  describe('timeouts, cancellation and unreachable servers', () => {
    it('times out a slow server', async () => {
      // The answer would take 60 s: returning well before that means the timeout cut it short.
      const started = Date.now();
      const failure = assertFailure(await run({ name: 'success', delayMs: 60_000 }, { timeoutMs: 200 }), 'timeout');
      assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
      assert.match(failure.message, /did not answer within/);
    });

    it('times out a server that never answers', async () => {
      assertFailure(await run('hang', { timeoutMs: 200 }), 'timeout');
    });

    it('answers a slow server that is within the timeout', async () => {
      const result = await run({ name: 'success', delayMs: 300 }, { timeoutMs: 5_000 });
      assert.ok(result.ok);
      assert.ok(result.durationMs >= 250);
    });

    it('cancels through an AbortSignal', async () => {
      const controller = new AbortController();
      const started = Date.now();
      setTimeout(() => controller.abort(), 100);
      const failure = assertFailure(await run({ name: 'success', delayMs: 60_000 }, { signal: controller.signal }), 'cancelled');
      assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
      assert.match(failure.message, /cancelled/);
    });

    it('does not send anything when already cancelled', async () => {
      const controller = new AbortController();
      controller.abort();
      assertFailure(await run('success', { signal: controller.signal }), 'cancelled');
      assert.equal(server.requests.length, 0);
    });

    it('reports a refused connection with a hint to start a local server', async () => {
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const failure = assertFailure(await run('success', { serverUrl: `http://127.0.0.1:${port}` }), 'network');
      assert.equal(
        failure.message,
        `Could not reach the inference server at http://127.0.0.1:${port}: nothing is listening there. Is it running? Start one with \`inference server start\`.`,
      );
    });

    it('reports a connection closed without an answer', async () => {
      const failure = assertFailure(await run('reset'), 'network');
      assert.match(failure.message, /closed before an answer arrived|Could not reach/);
    });

    it('reports an unknown host', async () => {
      const fetchImpl: typeof fetch = async () => {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' }) });
      };
      const failure = assertFailure(await run('success', { serverUrl: 'https://nowhere.invalid', fetchImpl }), 'network');
      assert.match(failure.message, /Could not find the host nowhere\.invalid/);
    });
  });

  describe('refused before sending', () => {
    const refuse: typeof fetch = async () => assert.fail('nothing should be sent');

    it('an http URL to another machine', async () => {
      const failure = assertFailure(await run('success', { serverUrl: 'http://inference.example.com', fetchImpl: refuse }), 'invalid-request');
      assert.match(failure.message, /https/);
    });

    it('a URL with the key in its query string', async () => {
      const failure = assertFailure(await run('success', { serverUrl: `https://serverless.roboflow.com/?api_key=${API_KEY}`, fetchImpl: refuse }), 'invalid-request');
      assert.match(failure.message, /query string/);
    });

    it('a key with a line break (which would also be a header injection)', async () => {
      const failure = assertFailure(await run('success', { apiKey: `${API_KEY}\r\nX-Evil: 1`, fetchImpl: refuse }), 'invalid-request');
      assert.match(failure.message, /unexpected characters/);
    });
  });

  describe('other routes', () => {
    it('fetchServerInfo reads /info without sending the key', async () => {
      const result = await fetchServerInfo({ serverUrl: server.url, redactor: new Redactor() });
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.equal(result.info.name, 'Roboflow Inference Server');
      assert.equal(result.info.version, FAKE_SERVER_VERSION);
      assert.equal(server.requests[0].url, '/info');
      assert.equal(server.requests[0].headers.authorization, undefined);
    });

    it('describeBlocks returns the raw description', async () => {
      const result = await describeBlocks({ serverUrl: server.url, redactor: new Redactor(), apiKey: API_KEY, executionEngineVersion: '1.5.0' });
      assert.ok(result.ok, result.ok ? '' : result.message);
      const description = result.description as { blocks: Array<{ manifest_type_identifier: string }> };
      assert.equal(description.blocks[0].manifest_type_identifier, 'acme/plate_reader@v1');
      const [request] = server.requests;
      assert.equal(request.url, '/workflows/blocks/describe');
      assert.equal(request.headers.authorization, `Bearer ${API_KEY}`);
      assert.deepEqual(JSON.parse(request.body), { dynamic_blocks_definitions: [], execution_engine_version: '1.5.0', api_key: API_KEY });
    });
  });
});

describe('fake inference server', () => {
  it('picks the scenario from the header, the inputs, the specification, then setScenario', async () => {
    const server = await startFakeInferenceServer({ scenario: 'forbidden' });
    try {
      const post = async (body: object, headers: Record<string, string> = {}): Promise<number> =>
        (await fetch(`${server.url}/workflows/run`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })).status;
      const specification = { version: '1.0', inputs: [{ type: 'WorkflowParameter', name: 'fake_scenario', default_value: 'payment-required' }], steps: [], outputs: [] };
      assert.equal(await post({ specification, inputs: {} }, { 'x-fake-scenario': 'not-found' }), 404);
      assert.equal(await post({ specification, inputs: { fake_scenario: 'unauthorized' } }), 401);
      assert.equal(await post({ specification, inputs: {} }), 402);
      assert.equal(await post({ specification: { version: '1.0' }, inputs: {} }), 403);
      assert.equal(await post({ specification: {} }), 422);
      await fetch(`${server.url}/__fake/scenario`, { method: 'POST', body: JSON.stringify({ name: 'success' }) });
      assert.equal(await post({ specification: {}, inputs: {} }), 200);
      const recorded = (await (await fetch(`${server.url}/__fake/requests`)).json()) as unknown[];
      assert.equal(recorded.length, 6);
    } finally {
      await server.close();
    }
  });

  it('answers keyless requests like the hosted API when asked to', async () => {
    const server = await startFakeInferenceServer({ requireApiKey: true });
    try {
      const failure = assertFailure(
        await runWorkflow({ serverUrl: server.url, specification: SPECIFICATION, inputs: INPUTS, redactor: new Redactor() }),
        'http',
        401,
      );
      assert.match(failure.message, /needs a Roboflow API key/);
    } finally {
      await server.close();
    }
  });
});
