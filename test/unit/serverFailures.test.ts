import assert from 'node:assert/strict';
import { Redactor } from '../../src/core/redaction/redactor';
import { runWorkflow, type RunWorkflowOptions } from '../../src/core/server/client';
import type { ServerFailure, WorkflowRunResult } from '../../src/core/server/types';

/**
 * The sentence a user reads for each way a run can fail: every HTTP status the inference server
 * (`error_handlers.py::with_route_exceptions`, `step_error_handlers.py`), its hosted front or a
 * proxy in between answers with, and every way no answer arrives. Bodies follow reference §f.
 */

const SERVER = 'https://inference.example.com';
const API_KEY = 'rfFa1lur3sK3y0123456789';
const AUTH_DOCS = 'Visit https://docs.roboflow.com/api-reference/authentication#retrieve-an-api-key to learn how to retrieve one.';
const SET_KEY_COMMAND = '"Roboflow Workflows: Set Roboflow API Key"';
const REJECTED_KEY =
  'Likely causes: (1) the key is wrong, revoked or expired (set it again with "Roboflow Workflows: Set Roboflow API Key"); ' +
  '(2) the key belongs to another workspace than the one that owns the models this workflow uses; ' +
  "(3) a proxy in front of the server strips the `Authorization` header or rewrites the body (servers older than inference 1.5.0 read only the body's `api_key`, which the extension also sends).";

/** `WorkflowErrorResponse.model_dump()`: every key present, null when unset. */
function workflowErrorResponse(fields: Record<string, unknown>): Record<string, unknown> {
  return { message: null, error_type: null, context: null, inner_error_type: null, inner_error_message: null, blocks_errors: [], python_blocks_output_streams: null, python_blocks_debug_traces: null, ...fields };
}

function blockError(fields: Record<string, unknown>): Record<string, unknown> {
  return { block_id: null, block_type: null, block_details: null, property_name: null, property_details: null, block_traceback: null, ...fields };
}

describe('server failures: the message for each answer', () => {
  let specification: Record<string, unknown>;
  beforeEach(() => {
    specification = {
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }],
      steps: [
        { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'detector', images: '$inputs.image', model_id: 'acme/3' },
        { type: 'roboflow_core/bounding_box_visualization@v1', name: 'boxes', image: '$inputs.image', predictions: '$steps.detector.predictions' },
      ],
      outputs: [{ type: 'JsonField', name: 'annotated', selector: '$steps.boxes.image' }],
    };
  });

  /** The failure of a run the server answers with `status` and `body` (JSON, or raw text). */
  async function failureFor(status: number, body: unknown, overrides: Partial<RunWorkflowOptions> & { headers?: Record<string, string> } = {}): Promise<ServerFailure> {
    const { headers, ...options } = overrides;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const fetchImpl = (async () => new Response(text === '' ? null : text, { status, headers: { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers } })) as typeof fetch;
    const result = await runWorkflow({ serverUrl: SERVER, apiKey: API_KEY, specification, inputs: { image: { type: 'url', value: 'https://example.com/a.jpg' } }, redactor: new Redactor(), fetchImpl, ...options });
    assert.equal(result.ok, false, 'expected a failure');
    const failure = result as ServerFailure;
    assert.equal(failure.kind, 'http', failure.message);
    assert.equal(failure.status, status);
    assert.ok(!failure.message.includes(API_KEY));
    return failure;
  }

  const messageFor = async (...args: Parameters<typeof failureFor>): Promise<string> => (await failureFor(...args)).message;

  describe('400: the request or the workflow', () => {
    it('asks for a key when none is set, and suspects a proxy when one was sent', async () => {
      const missing = { message: `Required Roboflow API key is missing. ${AUTH_DOCS}` };
      assert.equal(await messageFor(400, missing, { apiKey: undefined }), 'This workflow needs a Roboflow API key and none is set (400). Set your API key, then run again.');
      assert.equal(
        await messageFor(400, missing),
        "The server says the Roboflow API key is missing (400). A key was sent, both as the request body's `api_key` and in the `Authorization` header, so something between VS Code and the server probably removed it (a proxy or gateway), or this route reads the key from elsewhere.",
      );
    });

    it('passes on a bare {message} the server gives for a bad request', async () => {
      assert.equal(await messageFor(400, { message: 'Invalid Model ID sent in request.' }), 'The server rejected the request (400). Server says: Invalid Model ID sent in request.');
      assert.equal(await messageFor(400, ''), 'The server rejected the request (400).');
    });

    it('names the failing step once, and adds the inner error the message does not already say', async () => {
      const inner = "1 validation error for WorkflowSpecificationV1\nsteps.0.confidence\n  Input should be a valid number, unable to parse string as a number [type=float_parsing, input_value='high', input_type=str]";
      const body = workflowErrorResponse({
        message: 'Could not parse workflow definition. Details provided in inner error.',
        error_type: 'WorkflowSyntaxError',
        context: 'workflow_compilation | workflow_definition_parsing',
        inner_error_type: 'ValidationError',
        inner_error_message: inner,
        blocks_errors: [
          blockError({ block_id: 'detector', block_type: 'roboflow_core/roboflow_object_detection_model@v2', property_name: 'confidence', property_details: 'Input should be a valid number' }),
          blockError({ block_id: 'detector', block_type: 'roboflow_core/roboflow_object_detection_model@v2', property_name: 'iou_threshold', property_details: 'Input should be a valid number' }),
        ],
      });
      assert.equal(
        await messageFor(400, body),
        `The server rejected the workflow in step \`detector\` (400 WorkflowSyntaxError). Server says: Could not parse workflow definition. Details provided in inner error. More details: ${inner}`,
      );
    });

    it('names every failing step, and none for an error on a step without a name', async () => {
      const syntaxError = (blocksErrors: unknown[]) =>
        workflowErrorResponse({
          message: 'Could not parse workflow definition. Details provided in inner error.',
          error_type: 'WorkflowSyntaxError',
          context: 'workflow_compilation | workflow_definition_parsing',
          inner_error_type: 'ValidationError',
          inner_error_message: 'Could not parse workflow definition. Details provided in inner error.',
          blocks_errors: blocksErrors,
        });
      assert.equal(
        await messageFor(400, syntaxError([blockError({ block_id: 'detector', property_name: 'confidence' }), blockError({ block_id: 'boxes', property_name: 'thickness' })])),
        'The server rejected the workflow in steps `detector`, `boxes` (400 WorkflowSyntaxError). Server says: Could not parse workflow definition. Details provided in inner error.',
      );
      assert.equal(
        await messageFor(400, syntaxError([blockError({ block_id: null, property_name: 'name', property_details: 'Field required' })])),
        'The server rejected the workflow (400 WorkflowSyntaxError). Server says: Could not parse workflow definition. Details provided in inner error.',
      );
    });

    it('says the inputs do not match for a RuntimeInputError', async () => {
      const body = {
        message: 'Detected runtime parameter `image` declared as image, but value of type str could not be decoded.',
        error_type: 'RuntimeInputError',
        context: 'workflow_execution | runtime_input_validation',
        inner_error_type: null,
        inner_error_message: 'None',
      };
      assert.equal(
        await messageFor(400, body),
        'The inputs do not match what the workflow declares (400 RuntimeInputError). Server says: Detected runtime parameter `image` declared as image, but value of type str could not be decoded.',
      );
    });

    describe('a custom Python block that raised (DynamicBlockCodeError)', () => {
      const traceback = 'Traceback (most recent call last):\n  File "<string>", line 3, in run\nValueError: negative values are not allowed: -1';
      const raised = (blockId: string | null, blockType: string | null) =>
        workflowErrorResponse({
          message: 'Error in line 3, in run: ValueError: negative values are not allowed: -1',
          error_type: 'DynamicBlockCodeError',
          context: 'workflow_execution | step_execution',
          inner_error_type: 'ValueError',
          inner_error_message: 'negative values are not allowed: -1',
          blocks_errors: blockId === null ? [] : [blockError({ block_id: blockId, block_type: blockType, property_name: 'Python code', property_details: 'negative values are not allowed: -1', block_traceback: { traceback, stdout: null, stderr: null } })],
        });
      const SAID = ' raised an error while the workflow ran (400 DynamicBlockCodeError). Server says: Error in line 3, in run: ValueError: negative values are not allowed: -1';
      let twoSteps: Record<string, unknown>;
      beforeEach(() => {
        const python = (name: string) => ({ type: 'ScaleAndDescribe', name, value: '$inputs.value' });
        specification = { ...specification, steps: [...(specification.steps as object[]), python('scale_a'), python('scale_b')] };
        twoSteps = specification;
      });

      it('names the one step of that block type, and the block (the server names the type both ways)', async () => {
        const oneStep = { ...twoSteps, steps: (twoSteps.steps as object[]).slice(0, 3) };
        assert.equal(await messageFor(400, raised('ScaleAndDescribe', 'ScaleAndDescribe'), { specification: oneStep }), `The custom Python code of step \`scale_a\` (custom block ScaleAndDescribe)${SAID}`);
      });

      it('names the block type as the step when two steps have it, without repeating it', async () => {
        assert.equal(await messageFor(400, raised('ScaleAndDescribe', 'ScaleAndDescribe')), `The custom Python code of step \`ScaleAndDescribe\`${SAID}`);
        assert.equal(await messageFor(400, raised('ScaleAndDescribe', null)), `The custom Python code of step \`ScaleAndDescribe\`${SAID}`, 'inference 1.8.3 leaves block_type null');
      });

      it('says "a step" when the server names none', async () => {
        assert.equal(await messageFor(400, raised(null, null)), `The custom Python code of a step${SAID}`);
      });
    });

    it('names the step of a ClientCausedStepExecutionError', async () => {
      const body = workflowErrorResponse({
        message: "Problem with Workflow Block configuration - Model ID: `acme` is invalid.",
        error_type: 'ClientCausedStepExecutionError',
        context: 'workflow_execution | step_execution',
        inner_error_type: 'InvalidModelIDError',
        inner_error_message: 'Model ID: `acme` is invalid.',
        blocks_errors: [blockError({ block_id: 'detector' })],
      });
      assert.equal(
        await messageFor(400, body),
        'The server rejected the workflow in step `detector` (400 ClientCausedStepExecutionError). Server says: Problem with Workflow Block configuration - Model ID: `acme` is invalid.',
      );
    });
  });

  describe('401 to 429: keys, credits, access, routes, size and rate', () => {
    it('401 with a key: the three likely causes, numbered, and what the server said', async () => {
      assert.equal(await messageFor(401, { status: 401, message: 'Unauthorized api_key' }), `The server refused the Roboflow API key (401 Unauthorized). ${REJECTED_KEY} Server says: Unauthorized api_key`);
      const stepError = workflowErrorResponse({
        message: 'Unauthorized error occurred while execution of step detector - details of error: Unauthorized access to model acme/3. This error usually mean the problem with Roboflow API key.',
        error_type: 'ClientCausedStepExecutionError',
        context: 'workflow_execution | step_execution',
        inner_error_type: 'RoboflowAPINotAuthorizedError',
        inner_error_message: 'Unauthorized access to model acme/3',
        blocks_errors: [blockError({ block_id: 'detector' })],
      });
      assert.equal(
        await messageFor(401, stepError),
        `The server refused the Roboflow API key in step \`detector\` (401 Unauthorized). ${REJECTED_KEY} Server says: Unauthorized error occurred while execution of step detector - details of error: Unauthorized access to model acme/3. This error usually mean the problem with Roboflow API key.`,
      );
    });

    it('401 without a key, or with a blank one: set a key', async () => {
      const expected = `This server needs a Roboflow API key (401 Unauthorized). Set your API key (${SET_KEY_COMMAND}), then try again. Server says: Unauthorized api_key`;
      assert.equal(await messageFor(401, { status: 401, message: 'Unauthorized api_key' }, { apiKey: undefined }), expected);
      assert.equal(await messageFor(401, { status: 401, message: 'Unauthorized api_key' }, { apiKey: '  \n' }), expected);
    });

    it('402 out of credits', async () => {
      assert.equal(
        await messageFor(402, { message: 'Not enough credits to perform this request.', error_type: 'CreditsExceededError' }),
        'The Roboflow workspace of this API key is out of credits (402 Payment Required). Add credits, or run on your own inference server. Server says: Not enough credits to perform this request.',
      );
    });

    it('403 a private model or a key without access', async () => {
      const message = `Unauthorized access to roboflow API - check API key and make sure the key is valid and have required scopes. ${AUTH_DOCS}`;
      assert.equal(
        await messageFor(403, { message }),
        `The API key may not use something this workflow needs (403 Forbidden): usually a private model of another workspace, or a key without access to this server. Server says: ${message}`,
      );
    });

    it('404: a missing model, or a server without the route', async () => {
      const message = 'Requested Roboflow resource not found. Make sure that workspace, project or model you referred in request exists.';
      assert.equal(
        await messageFor(404, { message }),
        `A model, project or workspace this workflow uses was not found (404), or it is private to another workspace. Check the model ids and that your API key can access them. Server says: ${message}`,
      );
      assert.equal(
        await messageFor(404, { detail: 'Not Found' }),
        `The server at ${SERVER} has no /workflows/run endpoint (404). Check the server URL; workflow endpoints may be disabled on this server.`,
      );
    });

    it('413 from a proxy in front of the server', async () => {
      const nginx = '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
      assert.equal(await messageFor(413, nginx), 'The request is too large for the server (413). Try smaller input images. Server says: 413 Request Entity Too Large');
    });

    it('422: each field FastAPI found wrong, or what it said', async () => {
      const detail = [
        { type: 'missing', loc: ['body', 'specification'], msg: 'Field required', input: {} },
        { type: 'missing', loc: ['body', 'inputs'], msg: 'Field required', input: {} },
      ];
      assert.equal(await messageFor(422, { detail }), 'The server rejected the shape of the request (422): body.specification: Field required; body.inputs: Field required');
      assert.equal(await messageFor(422, 'Unprocessable Entity'), 'The server rejected the shape of the request (422). Server says: Unprocessable Entity');
    });

    it('429 rate limiting, with or without a body', async () => {
      assert.equal(await messageFor(429, ''), 'The server is rate-limiting requests (429). Wait a moment and run again.');
      assert.equal(await messageFor(429, { message: 'Too many requests' }), 'The server is rate-limiting requests (429). Wait a moment and run again. Server says: Too many requests');
    });

    it('another status below 500: the status, the steps and what the server said', async () => {
      assert.equal(await messageFor(405, { detail: 'Method Not Allowed' }), 'The server answered with HTTP 405. Server says: Method Not Allowed');
      const deprecated = workflowErrorResponse({
        message: 'Model `acme/3` is deprecated and no longer served.',
        error_type: 'ClientCausedStepExecutionError',
        context: 'workflow_execution | step_execution | feature_deprecated',
        inner_error_type: 'FeatureDeprecatedError',
        inner_error_message: 'Model `acme/3` is deprecated and no longer served.',
        blocks_errors: [blockError({ block_id: 'detector' })],
      });
      assert.equal(await messageFor(410, deprecated), 'The server answered with HTTP 410 in step `detector`. Server says: Model `acme/3` is deprecated and no longer served.');
    });
  });

  describe('redirects, which are never followed', () => {
    it('says where a redirect points, or that it did not say', async () => {
      const to = 'https://serverless.roboflow.com/workflows/run';
      const redirect = (status: number) =>
        `The server answered with a redirect (${status}) to ${to}. Redirects are not followed, so the API key is never forwarded elsewhere: set the server URL to the final address.`;
      for (const status of [300, 301, 302, 307, 308]) assert.equal(await messageFor(status, '', { headers: { location: to } }), redirect(status), String(status));
      assert.equal(
        await messageFor(308, ''),
        'The server answered with a redirect (308) to an unknown address. Redirects are not followed, so the API key is never forwarded elsewhere: set the server URL to the final address.',
      );
    });
  });

  describe('5xx: the server or what is behind it', () => {
    it('names the step and its block type of a StepExecutionError, or what is known of them', async () => {
      const stepFailed = (blocksErrors: unknown[]) =>
        workflowErrorResponse({
          message: 'Error during execution of step: detector. Details: CUDA out of memory',
          error_type: 'StepExecutionError',
          context: 'workflow_execution | step_execution',
          inner_error_type: 'RuntimeError',
          inner_error_message: 'CUDA out of memory',
          blocks_errors: blocksErrors,
        });
      const SAID = ' failed while the workflow ran (500 StepExecutionError). Server says: Error during execution of step: detector. Details: CUDA out of memory';
      assert.equal(await messageFor(500, stepFailed([blockError({ block_id: 'detector', block_type: 'roboflow_core/roboflow_object_detection_model@v2' })])), `Step \`detector\` (roboflow_core/roboflow_object_detection_model@v2)${SAID}`);
      assert.equal(await messageFor(500, stepFailed([blockError({ block_id: 'detector' })])), `Step \`detector\`${SAID}`);
      assert.equal(await messageFor(500, stepFailed([])), `A step${SAID}`);
    });

    it('names the engine error of any other workflow failure', async () => {
      const body = {
        message: 'Detected lineage conflict for step `boxes`.',
        error_type: 'StepInputLineageError',
        context: 'workflow_compilation | execution_graph_construction',
        inner_error_type: null,
        inner_error_message: 'None',
      };
      assert.equal(await messageFor(500, body), 'The workflow failed on the server (500 StepInputLineageError). Server says: Detected lineage conflict for step `boxes`.');
      const memory = workflowErrorResponse({
        message: 'Could not complete workflow execution due to configured runtime constraints. Details: model input size causes runtime memory requirements exceed the limit configured for the environment.',
        error_type: 'RuntimeLimitsCausedStepExecutionError',
        context: 'workflow_execution | step_execution',
        inner_error_type: 'CannotInitialiseModelDueToInputSizeError',
        inner_error_message: 'input size 4096x4096 exceeds the limit',
        blocks_errors: [blockError({ block_id: 'detector' })],
      });
      assert.equal(
        await messageFor(507, memory),
        'The workflow failed on the server (507 RuntimeLimitsCausedStepExecutionError). Server says: Could not complete workflow execution due to configured runtime constraints. Details: model input size causes runtime memory requirements exceed the limit configured for the environment. More details: input size 4096x4096 exceeds the limit',
      );
    });

    it('says the server gave no details for "Internal error." or nothing, and passes on anything else', async () => {
      const noDetails = (status: number) => `The inference server hit an internal error (${status}) and gave no details. Its logs may say more.`;
      assert.equal(await messageFor(500, { message: 'Internal error.' }), noDetails(500));
      assert.equal(await messageFor(500, ''), noDetails(500));
      assert.equal(await messageFor(500, {}), noDetails(500));
      assert.equal(await messageFor(500, { message: 'Service misconfiguration.' }), 'The inference server failed (500). Server says: Service misconfiguration.');
      assert.equal(await messageFor(500, 'Internal Server Error'), 'The inference server failed (500). Server says: Internal Server Error');
      assert.equal(
        await messageFor(501, { message: 'Could not find requested ONNX Runtime Provider. Check that you are using the correct docker image on a supported device.' }),
        'The inference server failed (501). Server says: Could not find requested ONNX Runtime Provider. Check that you are using the correct docker image on a supported device.',
      );
    });

    it('calls 502, 503 and 504 temporary', async () => {
      assert.equal(
        await messageFor(503, { message: 'Model is temporarily not ready - retry request.' }, { headers: { 'retry-after': '1' } }),
        'The inference server could not complete the run right now (503); this is usually temporary. Try again in a moment. Server says: Model is temporarily not ready - retry request.',
      );
      assert.equal(
        await messageFor(504, { message: 'Timeout when attempting to connect to Roboflow API.' }),
        'The inference server could not complete the run right now (504); this is usually temporary. Try again in a moment. Server says: Timeout when attempting to connect to Roboflow API.',
      );
    });

    it('returns nothing but the status and the sentence for an empty answer', async () => {
      const failure = await failureFor(502, '');
      assert.deepEqual({ ...failure, durationMs: 0 }, {
        ok: false,
        kind: 'http',
        message: 'The inference server could not complete the run right now (502); this is usually temporary. Try again in a moment.',
        status: 502,
        blockErrors: [],
        durationMs: 0,
      });
    });
  });
});

describe('server failures: no answer, or too much of one', () => {
  let inputs: Record<string, unknown>;
  beforeEach(() => {
    inputs = { image: { type: 'url', value: 'https://example.com/a.jpg' } };
  });
  const run = (options: Partial<RunWorkflowOptions>): Promise<WorkflowRunResult> =>
    runWorkflow({ serverUrl: SERVER, apiKey: API_KEY, specification: { version: '1.0', inputs: [], steps: [], outputs: [] }, inputs, redactor: new Redactor(), ...options });

  function failure(result: WorkflowRunResult, kind: ServerFailure['kind']): ServerFailure {
    assert.equal(result.ok, false);
    assert.equal((result as ServerFailure).kind, kind, (result as ServerFailure).message);
    return result as ServerFailure;
  }

  /** A fetch that answers only by failing when its request is aborted, as `fetch` does. */
  function neverAnswers(): { fetchImpl: typeof fetch; entered: Promise<void> } {
    let enter!: () => void;
    const entered = new Promise<void>((resolve) => (enter = resolve));
    const fetchImpl = ((_url: unknown, init?: RequestInit) => {
      enter();
      return new Promise<Response>((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('This operation was aborted', 'AbortError'))));
    }) as typeof fetch;
    return { fetchImpl, entered };
  }

  it('times out after the timeout, in whole seconds, and says how long it waited', async () => {
    const { fetchImpl } = neverAnswers();
    const started = performance.now();
    const timedOut = failure(await run({ fetchImpl, timeoutMs: 1_000 }), 'timeout');
    const waited = performance.now() - started;
    assert.equal(timedOut.message, `The inference server at ${SERVER} did not answer within 1 s. It may still be loading models; try again, or raise the timeout.`);
    assert.ok(timedOut.durationMs >= 900 && timedOut.durationMs <= waited, `${timedOut.durationMs} ms of ${waited}`);
  });

  it('reports a cancellation with the time it ran, and sends nothing when cancelled before', async () => {
    const { fetchImpl, entered } = neverAnswers();
    const controller = new AbortController();
    const pending = run({ fetchImpl, signal: controller.signal });
    await entered;
    controller.abort();
    const cancelled = failure(await pending, 'cancelled');
    assert.equal(cancelled.message, 'The request was cancelled.');
    assert.ok(cancelled.durationMs > 0, `${cancelled.durationMs} ms`);

    let sent = 0;
    const counting = (async () => {
      sent++;
      return new Response('{"outputs":[]}');
    }) as typeof fetch;
    const before = failure(await run({ fetchImpl: counting, signal: AbortSignal.abort() }), 'cancelled');
    assert.deepEqual({ message: before.message, durationMs: before.durationMs, sent }, { message: 'The request was cancelled.', durationMs: 0, sent: 0 });
  });

  it('explains a connection that failed, with the time it took', async () => {
    const reset = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    }) as typeof fetch;
    const failed = failure(await run({ fetchImpl: reset }), 'network');
    assert.equal(failed.message, `The connection to ${SERVER} closed before an answer arrived (ECONNRESET). The server may have crashed or restarted, or a proxy cut the connection.`);
    assert.ok(failed.durationMs > 0, `${failed.durationMs} ms`);

    const refused = (async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED ::1:9001'), { code: 'ECONNREFUSED' }) });
    }) as typeof fetch;
    assert.equal(
      failure(await run({ serverUrl: 'localhost:9001', fetchImpl: refused }), 'network').message,
      'Could not reach the inference server at http://localhost:9001: nothing is listening there. Is it running? Start one with `inference server start`.',
    );
  });

  it('states the size limit in MB, with two decimals below 1 MB', async () => {
    const declaring = (bytes: number) => (async () => new Response('{"outputs":[]}', { headers: { 'content-length': String(bytes) } })) as typeof fetch;
    const tooLarge = (limit: string) =>
      `The answer from ${SERVER} is larger than the ${limit} limit, so reading stopped. Exclude large outputs (images) from the run, or raise the limit.`;
    for (const [maxResponseBytes, limit] of [
      [512 * 1024, '0.50 MB'],
      [1024 * 1024 - 1, '1.00 MB'],
      [1024 * 1024, '1 MB'],
      [4 * 1024 * 1024, '4 MB'],
      [undefined, '64 MB'],
    ] as const) {
      const result = failure(await run({ maxResponseBytes, fetchImpl: declaring(65 * 1024 * 1024) }), 'too-large');
      assert.equal(result.message, tooLarge(limit), String(maxResponseBytes));
      assert.equal(result.status, 200);
    }
  });
});
