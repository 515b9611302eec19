/**
 * A stand-in for the Roboflow inference server (reference §f and §g) for unit, integration and
 * end-to-end tests: same routes, same success and error bodies, including the ways the real
 * server leaks keys (the 401 "API key … does not have access" message, 500 tracebacks, custom
 * Python blocks' output). It binds 127.0.0.1 on a random port and records every request.
 *
 * The answer is chosen, first match wins, by:
 *   1. the `x-fake-scenario` request header;
 *   2. a runtime input `fake_scenario` in the run request;
 *   3. a `WorkflowParameter` input named `fake_scenario` in the specification (its `default_value`);
 *   4. the server's current scenario: `setScenario()`, or `POST /__fake/scenario` from another process.
 *
 * It can also play an older or differently configured server (`configure()`): the version `/info`
 * reports (or no `/info` at all), and where it reads the API key from: `any` (inference ≥ 1.5.0:
 * query, then `Authorization: Bearer`, then the body's `api_key`), `body` (older servers, or
 * ALLOW_API_KEY_FROM_HEADERS=False) or `header`. `POST /workflows/validate` compiles for real the
 * little it can (sections, references to steps and inputs) and answers with the engine's bodies.
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SAMPLE_IMAGE_SIZE, SAMPLE_JPEG_BASE64, SAMPLE_OBJECTS } from './sampleImage';

export const FAKE_SCENARIOS = [
  'success',
  /** Success whose text output echoes the key raw, JSON-escaped, URL-encoded and in base64. */
  'success-with-secret-echo',
  /** Success with `python_blocks_output_streams` / `python_blocks_debug_traces` that print the key. */
  'python-streams',
  'compile-error',
  'runtime-input-error',
  'missing-api-key',
  'unauthorized',
  'unauthorized-hosted',
  /** 401 step error whose message embeds the raw key (`MODELS_CACHE_AUTH_ENABLED` path). */
  'unauthorized-model-key-leak',
  'payment-required',
  'forbidden',
  'not-found',
  /** 500 `StepExecutionError` with a traceback full of the key and third-party keys. */
  'step-error-traceback',
  'internal-error',
  'upstream-unavailable',
  'validation-422',
  /** 200 with a truncated JSON body. */
  'malformed-json',
  /** 502 HTML page, as from a reverse proxy. */
  'html-error',
  /** 200 with a valid JSON body of `hugeBytes` (50 MB by default), streamed. */
  'huge',
  /** 307 to another address with the key in the query. */
  'redirect',
  /** Never answers. */
  'hang',
  /** Closes the connection without answering. */
  'reset',
  /** 400 WorkflowSyntaxError: the first step's `type` matches no block (pydantic's tag error). */
  'syntax-error',
  /** 400 DuplicatedNameError: the short `{message, error_type, context, …}` form, no blocks_errors. */
  'definition-error',
] as const;

export type FakeScenarioName = (typeof FAKE_SCENARIOS)[number];

export interface FakeScenario {
  name: FakeScenarioName;
  /** Wait this long before answering (the "slow server" case). */
  delayMs?: number;
  /** Body size for `huge`. */
  hugeBytes?: number;
}

/** Where the server looks for the API key (see the header comment). */
export type ApiKeySource = 'any' | 'body' | 'header';

export interface FakeServerBehaviour {
  /** What `/info` reports as `version`; `null`: there is no `/info` (404). */
  version: string | null;
  apiKeyFrom: ApiKeySource;
}

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The key this server used, following `apiKeyFrom` (by default: query `api_key`, then `Authorization: Bearer`, then body `api_key`). */
  apiKey: string | undefined;
  scenario: FakeScenarioName | undefined;
}

export interface FakeInferenceServerOptions {
  /** 0 (a free port) by default. */
  port?: number;
  scenario?: FakeScenarioName | FakeScenario;
  /** Answer keyless POSTs with the hosted 401 `Unauthorized api_key`, like serverless.roboflow.com. */
  requireApiKey?: boolean;
  describe?: FakeDescribeAnswer;
  /** `FAKE_SERVER_VERSION` and `any` by default. */
  behaviour?: Partial<FakeServerBehaviour>;
}

/** What `POST /workflows/blocks/describe` answers. */
export interface FakeDescribeAnswer {
  /** Releases of core blocks newer than the bundled catalog, described besides the custom plate reader (see `newerReleaseBlock`). */
  newerReleases?: string[];
  /** Answer as this scenario does instead (`internal-error`, `malformed-json`, `hang`…); `success` describes the blocks. */
  scenario?: FakeScenarioName;
}

export interface FakeInferenceServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  setScenario(scenario: FakeScenarioName | FakeScenario): void;
  /** Changes what `/workflows/blocks/describe` answers from now on (runs are not affected). */
  setDescribeAnswer(answer: FakeDescribeAnswer): void;
  /** Plays another server version or key reading from now on; `configure({})` restores the defaults. */
  configure(behaviour: Partial<FakeServerBehaviour>): void;
  close(): Promise<void>;
}

/** A recent release: honours `disable_sinks` (≥ 1.3.7) and reads the key from the header (≥ 1.5.0). */
export const FAKE_SERVER_VERSION = '1.8.3';
const DEFAULT_BEHAVIOUR: FakeServerBehaviour = { version: FAKE_SERVER_VERSION, apiKeyFrom: 'any' };
const DEFAULT_HUGE_BYTES = 50 * 1024 * 1024;
const AUTH_DOCS = 'Visit https://docs.roboflow.com/api-reference/authentication#retrieve-an-api-key to learn how to retrieve one.';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface RunContext {
  apiKey: string | undefined;
  specification: JsonObject;
  inputs: JsonObject;
}

interface Answer {
  status: number;
  body: string | Json;
  headers?: Record<string, string>;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScenarioName(value: unknown): value is FakeScenarioName {
  return typeof value === 'string' && (FAKE_SCENARIOS as readonly string[]).includes(value);
}

function asScenario(scenario: FakeScenarioName | FakeScenario): FakeScenario {
  return typeof scenario === 'string' ? { name: scenario } : scenario;
}

function resolveApiKey(request: IncomingMessage, requestUrl: URL, body: unknown, from: ApiKeySource): string | undefined {
  const fromQuery = requestUrl.searchParams.get('api_key');
  const fromHeader = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  const fromBody = isObject(body) && typeof body.api_key === 'string' ? body.api_key : undefined;
  switch (from) {
    case 'body':
      return fromQuery || fromBody;
    case 'header':
      return fromHeader;
    default:
      return fromQuery || fromHeader || fromBody;
  }
}

function scenarioFromRequest(request: IncomingMessage, body: unknown): FakeScenarioName | undefined {
  const header = request.headers['x-fake-scenario'];
  if (isScenarioName(header)) return header;
  if (!isObject(body)) return undefined;
  if (isObject(body.inputs) && isScenarioName(body.inputs.fake_scenario)) return body.inputs.fake_scenario;
  // A run carries the definition as `specification`; /workflows/validate's body is the definition.
  const specification = isObject(body.specification) ? body.specification : body;
  const declared = Array.isArray(specification.inputs) ? specification.inputs : [];
  for (const input of declared) {
    if (isObject(input) && input.name === 'fake_scenario' && isScenarioName(input.default_value)) return input.default_value;
  }
  return undefined;
}

// ---- what the server answers -------------------------------------------------------------

function imageValue(): JsonObject {
  return {
    type: 'base64',
    value: SAMPLE_JPEG_BASE64,
    video_metadata: { video_identifier: 'image', frame_number: 0, frame_timestamp: '2024-01-01T00:00:00', fps: 30, measured_fps: null, comes_from_video_file: null },
  };
}

function detectionsValue(): JsonObject {
  return {
    image: { ...SAMPLE_IMAGE_SIZE },
    predictions: SAMPLE_OBJECTS.map((object, index) => ({
      ...object,
      detection_id: `00000000-0000-4000-8000-00000000000${index}`,
      parent_id: 'image',
    })),
  };
}

/** A plausible value for a workflow output, guessed from its name and selector. */
function outputValue(name: string, selector: string): Json {
  const hint = `${name} ${selector}`.toLowerCase();
  if (/image|visuali[sz]|annotat|crop/.test(hint)) return imageValue();
  if (/count/.test(hint)) return SAMPLE_OBJECTS.length;
  return detectionsValue();
}

function runOutputs(context: RunContext): Json[] {
  const declared = Array.isArray(context.specification.outputs) ? context.specification.outputs.filter(isObject) : [];
  const element: JsonObject = {};
  for (const output of declared) {
    if (typeof output.name === 'string') element[output.name] = outputValue(output.name, typeof output.selector === 'string' ? output.selector : '');
  }
  if (declared.length === 0) Object.assign(element, { predictions: detectionsValue(), image: imageValue() });
  const batchSize = Math.max(1, ...Object.values(context.inputs).map((value) => (Array.isArray(value) ? value.length : 1)));
  return Array.from({ length: batchSize }, () => element);
}

function steps(context: RunContext): JsonObject[] {
  return Array.isArray(context.specification.steps) ? context.specification.steps.filter(isObject) : [];
}

function firstStepName(context: RunContext): string {
  const name = steps(context)[0]?.name;
  return typeof name === 'string' ? name : 'model';
}

function firstModelId(context: RunContext): string {
  const modelStep = steps(context).find((step) => typeof step.model_id === 'string');
  return typeof modelStep?.model_id === 'string' ? modelStep.model_id : 'my-private-project/3';
}

/** Literal third-party keys in the specification (`api_key: "sk-…"`): failing SDKs print them. */
function literalStepKeys(context: RunContext): string[] {
  return steps(context).flatMap((step) =>
    Object.entries(step)
      .filter(([field, value]) => /api_key|token|password/.test(field) && typeof value === 'string' && !value.startsWith('$') && !value.startsWith('rf_key:'))
      .map(([, value]) => value as string),
  );
}

/** The engine's answer to a definition pydantic refuses (`WorkflowSyntaxError`, 400). */
function syntaxError(innerMessage: string, blocksErrors: JsonObject[]): Answer {
  return {
    status: 400,
    body: workflowErrorResponse({
      message: 'Could not parse workflow definition. Details provided in inner error.',
      error_type: 'WorkflowSyntaxError',
      context: 'workflow_compilation | workflow_definition_parsing',
      inner_error_type: 'ValidationError',
      inner_error_message: innerMessage,
      blocks_errors: blocksErrors,
    }),
  };
}

function workflowErrorResponse(fields: Partial<Record<string, Json>>): JsonObject {
  const base: JsonObject = {
    message: '',
    error_type: null,
    context: null,
    inner_error_type: null,
    inner_error_message: null,
    blocks_errors: null,
    python_blocks_output_streams: null,
    python_blocks_debug_traces: null,
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) base[key] = value;
  return base;
}

function blockErrorEntry(fields: Partial<Record<string, Json>>): JsonObject {
  const base: JsonObject = { block_id: null, block_type: null, block_details: null, property_name: null, property_details: null, block_traceback: null };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) base[key] = value;
  return base;
}

/** The key as a server-side traceback would show it: raw, in URLs, headers, JSON and base64. */
function leakyTraceback(key: string, thirdPartyKeys: string[]): string {
  const basic = Buffer.from(`roboflow:${key}`).toString('base64');
  return [
    'Traceback (most recent call last):',
    '  File "/app/inference/core/workflows/execution_engine/v1/executor/core.py", line 70, in safe_execute_step',
    '    run_step(step_input_assembler=step_input_assembler, ...)',
    '  File "/app/inference/core/roboflow_api.py", line 512, in _get_from_url',
    `    response = requests.get(wrap_url(f"https://api.roboflow.com/ort/coco/3?api_key=${key}&nocache=true"))`,
    `  File "/usr/local/lib/python3.11/site-packages/requests/sessions.py", line 589, in request`,
    `    request = Request(method="POST", url="https://api.roboflow.com/apiproxy/openai?api_key=${encodeURIComponent(key)}", headers={'Authorization': 'Bearer ${key}', 'Proxy-Authorization': 'Basic ${basic}'}, json=${JSON.stringify({ api_key: key })})`,
    ...thirdPartyKeys.map((thirdParty) => `openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: ${thirdParty}.'}}`),
    `requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.roboflow.com/ort/coco/3?api_key=${key}`,
  ].join('\n');
}

function answerFor(scenario: FakeScenarioName, context: RunContext, serverUrl: string): Answer | 'hang' | 'reset' | 'huge' {
  const key = context.apiKey ?? 'None';
  const step = firstStepName(context);
  const model = firstModelId(context);
  switch (scenario) {
    case 'success':
      return { status: 200, body: { outputs: runOutputs(context) } };
    case 'success-with-secret-echo': {
      const outputs = runOutputs(context).map((element) => ({
        ...(element as JsonObject),
        llm_output: `I was called with ${key}; as JSON ${JSON.stringify({ key })}; in a URL ?api_key=${encodeURIComponent(key)}; base64 ${Buffer.from(`x${key}`).toString('base64')}.`,
      }));
      return { status: 200, body: { outputs } };
    }
    case 'python-streams':
      return {
        status: 200,
        body: {
          outputs: runOutputs(context),
          python_blocks_output_streams: { [step]: [{ stdout: `connecting with api_key=${key}\n`, stderr: `warning: Authorization: Bearer ${key}\n` }] },
          python_blocks_debug_traces: [{ step, value: { headers: { Authorization: `Bearer ${key}` }, key } }],
        },
      };
    case 'compile-error':
      return {
        status: 400,
        body: workflowErrorResponse({
          message: `Detected reference to non-existing step: $steps.missing.predictions in step ${step}.`,
          error_type: 'InvalidReferenceTargetError',
          context: 'workflow_compilation | execution_graph_construction',
          inner_error_type: 'None',
          inner_error_message: 'None',
          blocks_errors: [
            blockErrorEntry({
              block_id: step,
              block_type: typeof steps(context)[0]?.type === 'string' ? (steps(context)[0].type as string) : 'roboflow_core/roboflow_object_detection_model@v2',
              property_name: 'images',
              property_details: 'Reference `$steps.missing.predictions` points to a step that does not exist.',
            }),
          ],
        }),
      };
    case 'runtime-input-error':
      return {
        status: 400,
        body: {
          message: 'Detected runtime parameter `image` declared as image, but value of type str could not be decoded.',
          error_type: 'RuntimeInputError',
          context: 'workflow_execution | runtime_input_validation',
          inner_error_type: null,
          inner_error_message: 'None',
        },
      };
    case 'missing-api-key':
      return { status: 400, body: { message: `Required Roboflow API key is missing. ${AUTH_DOCS}` } };
    case 'unauthorized':
      return { status: 401, body: { message: `Unauthorized access to roboflow API - check API key and make sure the key is valid for workspace you use. ${AUTH_DOCS}` } };
    case 'unauthorized-hosted':
      return { status: 401, body: { status: 401, message: 'Unauthorized api_key' } };
    case 'unauthorized-model-key-leak': {
      const inner = `API key ${key} does not have access to model ${model}`;
      return {
        status: 401,
        body: workflowErrorResponse({
          message: `Unauthorized error occurred while execution of step ${step} - details of error: ${inner}. This error usually mean the problem with Roboflow API key.`,
          error_type: 'ClientCausedStepExecutionError',
          context: 'workflow_execution | step_execution',
          inner_error_type: 'RoboflowAPINotAuthorizedError',
          inner_error_message: inner,
          blocks_errors: [blockErrorEntry({ block_id: step })],
        }),
      };
    }
    case 'payment-required':
      return { status: 402, body: { message: 'Not enough credits to perform this request.', error_type: 'CreditsExceededError' } };
    case 'forbidden':
      return { status: 403, body: { message: `Unauthorized access to roboflow API - check API key and make sure the key is valid and have required scopes. ${AUTH_DOCS}` } };
    case 'not-found':
      return { status: 404, body: { message: 'Requested Roboflow resource not found. Make sure that workspace, project or model you referred in request exists.' } };
    case 'step-error-traceback': {
      const thirdParty = literalStepKeys(context);
      const inner = `401 Client Error: Unauthorized for url: https://api.roboflow.com/ort/${model}?api_key=${key}`;
      return {
        status: 500,
        body: workflowErrorResponse({
          message: `Error during execution of step: ${step}. Details: ${inner}`,
          error_type: 'StepExecutionError',
          context: 'workflow_execution | step_execution',
          inner_error_type: 'HTTPError',
          inner_error_message: inner,
          blocks_errors: [
            blockErrorEntry({
              block_id: step,
              block_type: typeof steps(context)[0]?.type === 'string' ? (steps(context)[0].type as string) : null,
              property_details: inner,
              block_traceback: { traceback: leakyTraceback(key, thirdParty), error_line: null, code_snippet: null, stdout: `api_key=${key}`, stderr: null },
            }),
          ],
        }),
      };
    }
    case 'internal-error':
      return { status: 500, body: { message: 'Internal error.' } };
    case 'upstream-unavailable':
      return { status: 503, body: { message: 'Internal error. Could not connect to Roboflow API.' } };
    case 'validation-422':
      return { status: 422, body: { detail: [{ type: 'missing', loc: ['body', 'inputs'], msg: 'Field required', input: null }] } };
    case 'malformed-json':
      return { status: 200, body: '{"outputs": [{"predictions": {"image": {"width": 96, "height"', headers: { 'content-type': 'application/json' } };
    case 'html-error':
      return {
        status: 502,
        body: `<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><!-- upstream ${serverUrl}/?api_key=${key} --></body></html>`,
        headers: { 'content-type': 'text/html' },
      };
    case 'redirect':
      return { status: 307, body: '', headers: { location: `https://other-host.example.com/workflows/run?api_key=${key}` } };
    case 'syntax-error': {
      const first = steps(context)[0];
      const type = typeof first?.type === 'string' ? first.type : 'unknown';
      return syntaxError(`1 validation error for WorkflowSpecificationV1\nsteps.0\n  Input tag '${type}' found using 'type' does not match any of the expected tags`, [
        blockErrorEntry({
          block_id: step,
          block_type: type,
          property_details: `Input tag '${type}' found using 'type' does not match any of the expected tags: 'roboflow_core/roboflow_object_detection_model@v2', …`,
        }),
      ]);
    }
    case 'definition-error':
      return {
        status: 400,
        body: {
          message: 'Found duplicated input steps names',
          error_type: 'DuplicatedNameError',
          context: 'workflow_compilation | specification_validation',
          inner_error_type: null,
          inner_error_message: 'None',
        },
      };
    case 'hang':
    case 'reset':
    case 'huge':
      return scenario;
  }
}

/** The reference checks of the engine's graph construction (`graph_constructor.py`), for
 * `/workflows/validate` when no error scenario is chosen: a reference to a step or input that
 * does not exist gives its InvalidReferenceTargetError, with the engine's `blocks_errors`. */
function referenceError(specification: JsonObject): Answer | undefined {
  const stepNames = new Set(steps({ apiKey: undefined, specification, inputs: {} }).map((step) => step.name));
  const inputNames = new Set((Array.isArray(specification.inputs) ? specification.inputs.filter(isObject) : []).map((input) => input.name));
  /** The node a selector points at (`$steps.det` for `$steps.det.predictions`), when it does not exist. */
  const missingTarget = (value: Json): string | undefined => {
    if (typeof value !== 'string') return undefined;
    const [root, name] = value.split('.');
    if (root === '$steps' && !stepNames.has(name)) return `$steps.${name}`;
    if (root === '$inputs' && !inputNames.has(name)) return `$inputs.${name}`;
    return undefined;
  };
  const answer = (target: string, blockError: JsonObject): Answer => ({
    status: 400,
    body: workflowErrorResponse({
      message: `Workflow references '${target}' which points to a non-existent ${target.startsWith('$inputs.') ? 'input parameter' : 'block'}.`,
      error_type: 'InvalidReferenceTargetError',
      context: 'workflow_compilation | execution_graph_construction',
      inner_error_type: 'None',
      inner_error_message: 'None',
      blocks_errors: [blockErrorEntry({ ...blockError, property_details: `Invalid reference to ${target}` })],
    }),
  });
  for (const step of steps({ apiKey: undefined, specification, inputs: {} })) {
    for (const [property, value] of Object.entries(step)) {
      if (property === 'type' || property === 'name') continue;
      const target = (Array.isArray(value) ? value : [value]).map(missingTarget).find((t) => t !== undefined);
      if (target) return answer(target, { block_id: step.name ?? null, block_type: step.type ?? null, property_name: property });
    }
  }
  for (const output of Array.isArray(specification.outputs) ? specification.outputs.filter(isObject) : []) {
    const target = missingTarget(output.selector ?? null);
    if (target) return answer(target, { block_id: '$outputs', property_name: output.name ?? null });
  }
  return undefined;
}

/** `POST /workflows/validate`: the body is the raw definition (extra top-level keys, such as a
 * body `api_key`, are ignored like pydantic's default `extra="ignore"` does). */
function validationAnswer(scenario: FakeScenarioName, definition: unknown, apiKey: string | undefined, serverUrl: string): Answer | 'hang' | 'reset' | 'huge' {
  if (!isObject(definition)) {
    return { status: 422, body: { detail: [{ type: 'dict_type', loc: ['body'], msg: 'Input should be a valid dictionary', input: null }] } };
  }
  if (scenario !== 'success') {
    // Error scenarios answer as on a run; the successful ones (outputs) become the route's "ok".
    const answer = answerFor(scenario, { apiKey, specification: definition, inputs: {} }, serverUrl);
    return typeof answer === 'object' && answer.status === 200 && typeof answer.body !== 'string' ? { status: 200, body: { status: 'ok' } } : answer;
  }
  const missing = ['version', 'inputs', 'steps', 'outputs'].filter((section) => !(section in definition));
  if (missing.length > 0) {
    return syntaxError(missing.map((section) => `${section}\n  Field required`).join('\n'), []);
  }
  return referenceError(definition) ?? { status: 200, body: { status: 'ok' } };
}

const selectorSchema = (kind: string): JsonObject => ({
  type: 'string',
  pattern: '^\\$(inputs|steps)\\.',
  reference: true,
  selected_element: 'any_data',
  kind: [{ name: kind, description: '', docs: '' }],
});

/**
 * A release of a core block newer than any bundled catalog (`roboflow_core/open_ai@v99`), as a
 * newer server would describe it: `images` (required) and `prompt` in, `output` out.
 */
export function newerReleaseBlock(type: string): JsonObject {
  return {
    manifest_type_identifier: type,
    manifest_type_identifier_aliases: [],
    human_friendly_block_name: 'Newer Release',
    fully_qualified_block_class_name: 'inference.core.workflows.core_steps.newer.NewerReleaseBlock',
    block_source: 'workflows_core',
    block_schema: {
      type: 'object',
      name: 'Newer Release',
      short_description: 'A block version released after the bundled catalog.',
      block_type: 'model',
      properties: {
        type: { const: type },
        name: { type: 'string' },
        images: { anyOf: [selectorSchema('image')] },
        prompt: { anyOf: [{ type: 'string' }, selectorSchema('string')], default: null },
      },
      required: ['type', 'name', 'images'],
    },
    outputs_manifest: [{ name: 'output', kind: [{ name: 'string', description: '', docs: '' }] }],
    execution_engine_compatibility: '>=1.3.0,<2.0.0',
    input_dimensionality_offsets: {},
    dimensionality_reference_property: null,
    output_dimensionality_offset: 0,
  };
}

/** A server with one custom block (as a self-hosted server with plugins would describe it), and any newer releases asked for. */
function blocksDescription(newerReleases: readonly string[] = []): JsonObject {
  return {
    blocks: [
      ...newerReleases.map(newerReleaseBlock),
      {
        manifest_type_identifier: 'acme/plate_reader@v1',
        manifest_type_identifier_aliases: ['PlateReader'],
        human_friendly_block_name: 'Plate Reader',
        fully_qualified_block_class_name: 'acme_blocks.plate_reader.v1.PlateReaderBlockV1',
        block_source: 'acme_blocks',
        block_schema: {
          type: 'object',
          name: 'Plate Reader',
          short_description: 'Reads licence plates.',
          block_type: 'model',
          properties: {
            type: { enum: ['acme/plate_reader@v1', 'PlateReader'] },
            name: { type: 'string' },
            images: { anyOf: [selectorSchema('image')] },
            region: { anyOf: [{ enum: ['eu', 'us'] }, selectorSchema('string')], default: 'eu' },
          },
          required: ['type', 'name', 'images'],
        },
        outputs_manifest: [{ name: 'plates', kind: [{ name: 'string', description: '', docs: '' }] }],
        execution_engine_compatibility: '>=1.3.0,<2.0.0',
        input_dimensionality_offsets: {},
        dimensionality_reference_property: null,
        output_dimensionality_offset: 0,
      },
    ],
    declared_kinds: [{ name: 'string', description: 'String value', docs: '' }],
    kinds_connections: {},
    primitives_connections: [],
    universal_query_language_description: { operations_description: [], operators_descriptions: [] },
    dynamic_block_definition_schema: {},
  };
}

// ---- HTTP plumbing -----------------------------------------------------------------------

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, answer: Answer): void {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json',
    'content-length': Buffer.byteLength(text),
    ...answer.headers,
  });
  response.end(text);
}

/** Streams a valid `/workflows/run` answer of about `totalBytes`, respecting back-pressure and
 * stopping when the client goes away. Content-Length is left out so the client must count. */
async function streamHugeAnswer(response: ServerResponse, totalBytes: number): Promise<void> {
  const head = '{"outputs":[{"image":{"type":"base64","value":"';
  const tail = '"}}]}';
  const chunk = Buffer.alloc(1024 * 1024, 'A');
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write(head);
  let remaining = Math.max(0, totalBytes - head.length - tail.length);
  while (remaining > 0 && !response.destroyed) {
    const piece = remaining >= chunk.length ? chunk : chunk.subarray(0, remaining);
    remaining -= piece.length;
    if (!response.write(piece)) {
      await new Promise<void>((resolve) => {
        const resume = (): void => {
          response.off('drain', resume);
          response.off('close', resume);
          resolve();
        };
        response.on('drain', resume);
        response.on('close', resume);
      });
    }
  }
  if (!response.destroyed) response.end(tail);
}

export async function startFakeInferenceServer(options: FakeInferenceServerOptions = {}): Promise<FakeInferenceServer> {
  let current = asScenario(options.scenario ?? 'success');
  let describe: FakeDescribeAnswer = options.describe ?? {};
  let behaviour: FakeServerBehaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
  const requests: RecordedRequest[] = [];
  const pendingTimers = new Set<NodeJS.Timeout>();
  const serverUuid = randomUUID();
  let serverUrl = '';

  const wait = (ms: number, response: ServerResponse): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        resolve();
      }, ms);
      pendingTimers.add(timer);
      response.once('close', () => {
        clearTimeout(timer);
        pendingTimers.delete(timer);
        resolve();
      });
    });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const requestUrl = new URL(request.url ?? '/', 'http://127.0.0.1');
    let body: unknown;
    let bodyIsJson = rawBody.length > 0;
    try {
      body = rawBody.length > 0 ? JSON.parse(rawBody) : undefined;
    } catch {
      bodyIsJson = false;
    }
    const route = `${request.method ?? 'GET'} ${requestUrl.pathname.replace(/\/+$/, '') || '/'}`;
    const apiKey = resolveApiKey(request, requestUrl, body, behaviour.apiKeyFrom);
    const chosen = scenarioFromRequest(request, body);
    const scenario: FakeScenario = chosen === undefined ? current : { ...current, name: chosen };
    const isControl = route.includes('/__fake/');
    if (!isControl) {
      requests.push({
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers: request.headers,
        body: rawBody,
        apiKey,
        scenario: route === 'POST /workflows/run' || route === 'POST /workflows/validate' ? scenario.name : undefined,
      });
    }

    switch (route) {
      case 'POST /__fake/scenario':
        if (isScenarioName(body) || (isObject(body) && isScenarioName(body.name))) {
          current = asScenario(body as FakeScenarioName | FakeScenario);
          return send(response, { status: 200, body: { scenario: current.name } });
        }
        return send(response, { status: 400, body: { message: `Unknown scenario; expected one of ${FAKE_SCENARIOS.join(', ')}` } });
      case 'POST /__fake/configure':
        behaviour = { ...DEFAULT_BEHAVIOUR, ...(isObject(body) ? (body as Partial<FakeServerBehaviour>) : {}) };
        return send(response, { status: 200, body: behaviour as unknown as Json });
      case 'GET /__fake/requests':
        return send(response, { status: 200, body: requests as unknown as Json });
      case 'POST /__fake/reset':
        requests.length = 0;
        current = { name: 'success' };
        behaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
        return send(response, { status: 200, body: { scenario: current.name } });
      case 'GET /info':
      case 'GET /healthz':
      case 'GET /readiness':
        if (behaviour.version === null) return send(response, { status: 404, body: { detail: 'Not Found' } });
        return send(response, { status: 200, body: { name: 'Roboflow Inference Server', version: behaviour.version, uuid: serverUuid } });
      case 'POST /workflows/blocks/describe': {
        const failure = describe.scenario && describe.scenario !== 'success' ? answerFor(describe.scenario, { apiKey, specification: {}, inputs: {} }, serverUrl) : undefined;
        if (failure === 'hang') return;
        if (failure === 'reset') return void request.socket.destroy();
        if (failure && failure !== 'huge') return send(response, failure);
        return send(response, { status: 200, body: blocksDescription(describe.newerReleases) });
      }
      case 'POST /workflows/validate': {
        if (!bodyIsJson) return send(response, { status: 422, body: { detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {} }] } });
        if (options.requireApiKey && apiKey === undefined) return send(response, { status: 401, body: { status: 401, message: 'Unauthorized api_key' } });
        if (scenario.delayMs) await wait(scenario.delayMs, response);
        if (response.destroyed) return;
        const answer = validationAnswer(scenario.name, body, apiKey, serverUrl);
        if (answer === 'hang') return;
        if (answer === 'reset') return void request.socket.destroy();
        if (answer === 'huge') return streamHugeAnswer(response, scenario.hugeBytes ?? DEFAULT_HUGE_BYTES);
        return send(response, answer);
      }
      case 'POST /workflows/run':
      case 'POST /infer/workflows':
        break;
      default:
        return send(response, { status: 404, body: { detail: 'Not Found' } });
    }

    // FastAPI validates the body before any workflow code runs.
    if (!bodyIsJson || !isObject(body)) {
      return send(response, { status: 422, body: { detail: [{ type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {} }] } });
    }
    const missing = ['specification', 'inputs'].filter((field) => !isObject(body[field]));
    if (missing.length > 0) {
      return send(response, { status: 422, body: { detail: missing.map((field) => ({ type: 'missing', loc: ['body', field], msg: 'Field required', input: null })) } });
    }
    if (options.requireApiKey && apiKey === undefined) {
      return send(response, { status: 401, body: { status: 401, message: 'Unauthorized api_key' } });
    }

    if (scenario.delayMs) await wait(scenario.delayMs, response);
    if (response.destroyed) return;
    const answer = answerFor(scenario.name, { apiKey, specification: body.specification as JsonObject, inputs: body.inputs as JsonObject }, serverUrl);
    if (answer === 'hang') return; // the socket stays open until the client gives up or close()
    if (answer === 'reset') return void request.socket.destroy();
    if (answer === 'huge') return streamHugeAnswer(response, scenario.hugeBytes ?? DEFAULT_HUGE_BYTES);
    send(response, answer);
  }

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, { status: 500, body: { message: `fake server bug: ${String(error)}` } });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  serverUrl = `http://127.0.0.1:${port}`;

  return {
    url: serverUrl,
    port,
    requests,
    setScenario(scenario) {
      current = asScenario(scenario);
    },
    setDescribeAnswer(answer) {
      describe = answer;
    },
    configure(changes) {
      behaviour = { ...DEFAULT_BEHAVIOUR, ...changes };
    },
    close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
