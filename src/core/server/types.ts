/** What the inference server client returns. Every string in these values has already been
 * through the caller's `Redactor`; the UI should still redact again before display. */

export type ServerFailureKind =
  /** Refused before sending: the server URL or API key cannot be used. */
  | 'invalid-request'
  /** The server answered with an HTTP error status (or a redirect, which is not followed). */
  | 'http'
  /** No answer: connection refused, unknown host, TLS failure, connection reset. */
  | 'network'
  | 'timeout'
  | 'cancelled'
  /** The answer was larger than `maxResponseBytes`; reading stopped there. */
  | 'too-large'
  /** A success status with a body that is not JSON, or not shaped as expected. */
  | 'malformed';

/** One entry of the server's `blocks_errors`. The server sends null for unknown fields. */
export interface BlockError {
  blockId: string | null;
  blockType: string | null;
  propertyName: string | null;
  /** `property_details`, else `block_details`. */
  details: string | null;
  /** `block_traceback.traceback`: a Python traceback (custom Python blocks, failing steps). */
  traceback?: string;
  /** `block_traceback.stdout` / `stderr` of a custom Python block. */
  stdout?: string;
  stderr?: string;
}

/** One entry of FastAPI's 422 `detail`: what in the request body was wrong. */
export interface RequestValidationIssue {
  /** The `loc` path joined with dots, e.g. `body.inputs`. */
  location: string;
  message: string;
}

/** What an error body says, read from any of the server's error shapes (see errorBody.ts). */
export interface ServerErrorDetails {
  /** The server's `error_type`, e.g. `WorkflowSyntaxError`, `StepExecutionError`. */
  errorType?: string;
  /** The server's own `message` (or `detail`), as sent. */
  serverMessage?: string;
  innerErrorType?: string;
  /** The server's `inner_error_message`. */
  innerMessage?: string;
  /** The server's `context`, e.g. `workflow_compilation | execution_graph_construction`. */
  context?: string;
  blockErrors: BlockError[];
  validationIssues?: RequestValidationIssue[];
  /** `python_blocks_output_streams` / `python_blocks_debug_traces` when `debug` was on. */
  pythonBlocksOutputStreams?: unknown;
  pythonBlocksDebugTraces?: unknown;
}

export interface ServerFailure extends ServerErrorDetails {
  ok: false;
  kind: ServerFailureKind;
  /** A complete, human explanation of what went wrong and what to do about it. */
  message: string;
  status?: number;
  durationMs: number;
}

export interface WorkflowRunSuccess {
  ok: true;
  /** One object per batch element, keyed by the workflow's output names. */
  outputs: Array<Record<string, unknown>>;
  durationMs: number;
  /** Size of the response body as received (after HTTP decompression). */
  responseBytes: number;
  profilerTrace?: unknown;
  pythonBlocksOutputStreams?: unknown;
  pythonBlocksDebugTraces?: unknown;
}

export type WorkflowRunResult = WorkflowRunSuccess | ServerFailure;

/** `GET /info`. */
export interface ServerInfo {
  name: string;
  version: string;
  uuid?: string;
}

export type ServerInfoResult = { ok: true; info: ServerInfo; durationMs: number } | ServerFailure;

/** `POST /workflows/blocks/describe`, unconverted. */
export type BlocksDescriptionResult = { ok: true; description: unknown; durationMs: number; responseBytes: number } | ServerFailure;

/** `POST /workflows/validate`: the server compiles the definition (a failure carries its verdict). */
export type WorkflowValidationResult = { ok: true; durationMs: number } | ServerFailure;
