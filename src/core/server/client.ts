import { callServer, type ServerCallOptions } from './serverCall';
import type { BlocksDescriptionResult, ServerFailure, ServerInfoResult, WorkflowRunResult, WorkflowValidationResult } from './types';

/** Client for the Roboflow inference server's HTTP API (reference §f). A POST that carries the API
 * key sends it as the JSON body's `api_key` (read by every server version) and as
 * `Authorization: Bearer`, never in the URL; every result is redacted. */

export type { ServerCallOptions } from './serverCall';
export { DEFAULT_MAX_RESPONSE_BYTES } from './serverCall';

export const DEFAULT_RUN_TIMEOUT_MS = 120_000;
export const DEFAULT_INFO_TIMEOUT_MS = 10_000;
export const DEFAULT_DESCRIBE_TIMEOUT_MS = 60_000;
export const DEFAULT_VALIDATE_TIMEOUT_MS = 60_000;

export interface RunWorkflowOptions extends ServerCallOptions {
  /** Roboflow API key; omit for a local server that needs none. */
  apiKey?: string;
  /** The workflow definition (`{version, inputs, steps, outputs}`). */
  specification: Record<string, unknown>;
  /** Runtime values by input name; images as `{type: 'base64' | 'url', value}`. */
  inputs: Record<string, unknown>;
  /** Output names the server should leave out (large images, for instance). */
  excludedFields?: string[];
  /** Sends `disable_sinks: true` so sinks (e-mail, webhooks, uploads) do not fire during a preview. */
  disableSinks?: boolean;
  /** Sends `debug: true`: custom Python blocks' stdout/stderr come back. */
  debug?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(message: string, durationMs: number, status = 200): ServerFailure {
  return { ok: false, kind: 'malformed', message, status, blockErrors: [], durationMs };
}

/** `POST {server}/workflows/run` with `{specification, inputs}`. */
export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowRunResult> {
  // Options left undefined are left out: JSON.stringify drops undefined fields.
  const body = {
    specification: options.specification,
    inputs: options.inputs,
    excluded_fields: options.excludedFields,
    disable_sinks: options.disableSinks,
    debug: options.debug,
  };

  const answer = await callServer(options, {
    method: 'POST',
    endpoint: '/workflows/run',
    apiKey: options.apiKey,
    jsonBody: body,
    defaultTimeoutMs: DEFAULT_RUN_TIMEOUT_MS,
    specification: options.specification,
  });
  if (!answer.ok) return answer;
  const { json, durationMs, responseBytes, serverUrl } = answer;
  if (!isRecord(json) || !Array.isArray(json.outputs) || !json.outputs.every(isRecord)) {
    return options.redactor.redactDeep(
      malformed(`The server at ${serverUrl} answered with JSON that has no \`outputs\` list of objects. Is this URL an inference server?`, durationMs),
    );
  }
  return {
    ok: true,
    outputs: json.outputs,
    durationMs,
    responseBytes,
    ...(json.profiler_trace != null && { profilerTrace: json.profiler_trace }),
    ...(json.python_blocks_output_streams != null && { pythonBlocksOutputStreams: json.python_blocks_output_streams }),
    ...(json.python_blocks_debug_traces != null && { pythonBlocksDebugTraces: json.python_blocks_debug_traces }),
  };
}

/** `GET {server}/info`: name and version of the server; no API key is sent. */
export async function fetchServerInfo(options: ServerCallOptions): Promise<ServerInfoResult> {
  const answer = await callServer(options, { method: 'GET', endpoint: '/info', defaultTimeoutMs: DEFAULT_INFO_TIMEOUT_MS });
  if (!answer.ok) return answer;
  const { json, durationMs, serverUrl } = answer;
  if (!isRecord(json) || typeof json.name !== 'string' || typeof json.version !== 'string') {
    return options.redactor.redactDeep(malformed(`The server at ${serverUrl} answered /info without a name and version. Is this URL an inference server?`, durationMs));
  }
  const info = { name: json.name, version: json.version, ...(typeof json.uuid === 'string' && { uuid: json.uuid }) };
  return { ok: true, info, durationMs };
}

export interface DescribeBlocksOptions extends ServerCallOptions {
  /** Optional: hosted servers describe blocks without a key. */
  apiKey?: string;
  executionEngineVersion?: string;
}

/** `POST {server}/workflows/blocks/describe`: the raw description, for the catalog converter. */
export async function describeBlocks(options: DescribeBlocksOptions): Promise<BlocksDescriptionResult> {
  // Without a version, none is sent (JSON.stringify drops undefined fields).
  const body = { dynamic_blocks_definitions: [], execution_engine_version: options.executionEngineVersion };
  const answer = await callServer(options, {
    method: 'POST',
    endpoint: '/workflows/blocks/describe',
    apiKey: options.apiKey,
    jsonBody: body,
    defaultTimeoutMs: DEFAULT_DESCRIBE_TIMEOUT_MS,
  });
  if (!answer.ok) return answer;
  const { json, durationMs, responseBytes, serverUrl } = answer;
  if (!isRecord(json) || !Array.isArray(json.blocks)) {
    return options.redactor.redactDeep(malformed(`The server at ${serverUrl} answered /workflows/blocks/describe without a \`blocks\` list.`, durationMs));
  }
  return { ok: true, description: json, durationMs, responseBytes };
}

export interface ValidateWorkflowOptions extends ServerCallOptions {
  /** Roboflow API key; omit for a local server that needs none. */
  apiKey?: string;
  /** The workflow definition, sent as the whole body. */
  specification: Record<string, unknown>;
}

/**
 * `POST {server}/workflows/validate`: the server compiles the definition without running it.
 * Its verdict is `{"status": "ok"}`, or an error answer (a `ServerFailure` with the engine's
 * `error_type` and `blocks_errors`).
 *
 * The body is the raw definition, so the key's body copy becomes a top-level `api_key` beside
 * `version`, `inputs`, `steps` and `outputs`. That is harmless: the engine's definition model
 * (`build_workflow_definition_entity` in roboflow_workflows' syntactic_parser) sets no `extra`, so
 * pydantic's default `extra="ignore"` drops the field before compiling. It is also what hosted
 * and dedicated fronts authenticate with (their middleware reads a query or body `api_key`, not
 * the header). The route itself reads only `?api_key=`, which is never used: keys stay out of URLs.
 */
export async function validateWorkflow(options: ValidateWorkflowOptions): Promise<WorkflowValidationResult> {
  const answer = await callServer(options, {
    method: 'POST',
    endpoint: '/workflows/validate',
    apiKey: options.apiKey,
    jsonBody: options.specification,
    defaultTimeoutMs: DEFAULT_VALIDATE_TIMEOUT_MS,
    specification: options.specification,
  });
  if (!answer.ok) return answer;
  const { json, durationMs, serverUrl } = answer;
  if (!isRecord(json) || json.status !== 'ok') {
    return options.redactor.redactDeep(malformed(`The server at ${serverUrl} answered /workflows/validate without \`{"status": "ok"}\`. Is this URL an inference server?`, durationMs));
  }
  return { ok: true, durationMs };
}
