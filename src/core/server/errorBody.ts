import type { BlockError, RequestValidationIssue, ServerErrorDetails } from './types';

/**
 * Reads the error bodies of the inference server (`with_route_exceptions`): the full
 * `WorkflowErrorResponse` (message, error_type, context, inner_error_*, blocks_errors,
 * python_blocks_*), the short `{message, error_type, …}` form, the bare `{message}`, hosted
 * `{status, message}` and FastAPI's `{detail}` (a string, or a list of issues for 422).
 */
export type ParsedErrorBody = ServerErrorDetails;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A meaningful string: the server writes `str(None)` ("None") for absent inner errors. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === 'None' ? undefined : trimmed;
}

function blockError(entry: unknown): BlockError | undefined {
  if (!isRecord(entry)) return undefined;
  const traceback = isRecord(entry.block_traceback) ? entry.block_traceback : {};
  const error: BlockError = {
    blockId: text(entry.block_id) ?? null,
    blockType: text(entry.block_type) ?? null,
    propertyName: text(entry.property_name) ?? null,
    details: text(entry.property_details) ?? text(entry.block_details) ?? null,
  };
  const tracebackText = text(traceback.traceback);
  const stdout = text(traceback.stdout);
  const stderr = text(traceback.stderr);
  if (tracebackText !== undefined) error.traceback = tracebackText;
  if (stdout !== undefined) error.stdout = stdout;
  if (stderr !== undefined) error.stderr = stderr;
  return error;
}

function validationIssue(entry: unknown): RequestValidationIssue | undefined {
  if (!isRecord(entry)) return undefined;
  const location = Array.isArray(entry.loc) ? entry.loc.map(String).join('.') : '';
  return { location, message: text(entry.msg) ?? 'invalid' };
}

export function parseErrorBody(body: unknown): ParsedErrorBody {
  if (!isRecord(body)) return { blockErrors: [] };
  const parsed: ParsedErrorBody = {
    serverMessage: text(body.message) ?? text(body.detail),
    errorType: text(body.error_type),
    innerErrorType: text(body.inner_error_type),
    innerMessage: text(body.inner_error_message),
    context: text(body.context),
    blockErrors: Array.isArray(body.blocks_errors)
      ? body.blocks_errors.map(blockError).filter((error): error is BlockError => error !== undefined)
      : [],
  };
  if (Array.isArray(body.detail)) {
    parsed.validationIssues = body.detail.map(validationIssue).filter((issue): issue is RequestValidationIssue => issue !== undefined);
  }
  if (body.python_blocks_output_streams != null) parsed.pythonBlocksOutputStreams = body.python_blocks_output_streams;
  if (body.python_blocks_debug_traces != null) parsed.pythonBlocksDebugTraces = body.python_blocks_debug_traces;
  for (const key of Object.keys(parsed) as Array<keyof ParsedErrorBody>) {
    if (parsed[key] === undefined) delete parsed[key];
  }
  return parsed;
}

/** For bodies that are not JSON (a proxy's HTML page, a stack dump): a short readable excerpt. */
export function excerptOfText(body: string, maxLength = 300): string | undefined {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
  const readable = (title ?? body.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  if (readable === '') return undefined;
  return readable.length > maxLength ? `${readable.slice(0, maxLength)}…` : readable;
}
