import type { Redactor } from '../redaction/redactor';
import { excerptOfText, parseErrorBody } from './errorBody';
import { describeHttpFailure } from './failureMessages';
import { httpExchange } from './httpExchange';
import { describeNetworkError } from './networkErrors';
import { normaliseServerUrl } from './serverUrl';
import { attributeBlockErrorsToSteps } from './stepAttribution';
import type { ServerFailure, ServerFailureKind } from './types';

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Options shared by every call to the inference server. */
export interface ServerCallOptions {
  /** Checked with `normaliseServerUrl` on every call. */
  serverUrl: string;
  /** Every string of the result goes through it; the API key is added to it. */
  redactor: Redactor;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Larger answers are cut off and reported as `too-large`. 64 MB by default. */
  maxResponseBytes?: number;
  /** For tests; the global `fetch` otherwise. */
  fetchImpl?: typeof fetch;
}

export interface ServerCallRequest {
  method: 'GET' | 'POST';
  /** Route on the server, e.g. `/workflows/run`. */
  endpoint: string;
  /** Sent in the body's `api_key` and as `Authorization: Bearer` (see httpExchange). */
  apiKey?: string;
  jsonBody?: unknown;
  defaultTimeoutMs: number;
  /** The definition sent, so that error answers naming a step by its block type name the step. */
  specification?: unknown;
}

/** A JSON answer with a 2xx status, already redacted. */
export interface ServerJsonAnswer {
  ok: true;
  json: unknown;
  serverUrl: string;
  durationMs: number;
  responseBytes: number;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;
}

/** A visible-ASCII check: a key with spaces or line breaks is a paste accident, and a line
 * break in a header would be refused by fetch with a confusing error. */
function isUsableApiKey(apiKey: string): boolean {
  return /^[\x21-\x7e]+$/.test(apiKey);
}

export async function callServer(options: ServerCallOptions, request: ServerCallRequest): Promise<ServerJsonAnswer | ServerFailure> {
  const { redactor } = options;
  const fail = (kind: ServerFailureKind, message: string, extra: Partial<ServerFailure> = {}): ServerFailure => {
    const failure: ServerFailure = { ok: false, kind, message, blockErrors: [], durationMs: 0 };
    for (const [key, value] of Object.entries(extra)) {
      if (value !== undefined) Object.assign(failure, { [key]: value });
    }
    // Last pass over everything we built, server text and our own sentences alike.
    return redactor.redactDeep(failure);
  };

  const apiKey = request.apiKey?.trim();
  if (request.apiKey !== undefined) redactor.add(request.apiKey);
  if (apiKey !== undefined && apiKey !== '' && !isUsableApiKey(apiKey)) {
    return fail('invalid-request', 'The API key contains spaces, line breaks or other unexpected characters. Set it again.');
  }
  const checkedUrl = normaliseServerUrl(options.serverUrl);
  if (!checkedUrl.ok) return fail('invalid-request', checkedUrl.message);
  const serverUrl = checkedUrl.url;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const timeoutMs = options.timeoutMs ?? request.defaultTimeoutMs;

  const outcome = await httpExchange({
    url: `${serverUrl}${request.endpoint}`,
    method: request.method,
    apiKey: apiKey === '' ? undefined : apiKey,
    jsonBody: request.jsonBody,
    signal: options.signal,
    timeoutMs,
    maxResponseBytes,
    fetchImpl: options.fetchImpl ?? fetch,
  });

  if (outcome.type === 'no-answer') {
    const { durationMs } = outcome;
    switch (outcome.reason) {
      case 'cancelled':
        return fail('cancelled', 'The request was cancelled.', { durationMs });
      case 'timeout':
        return fail('timeout', `The inference server at ${serverUrl} did not answer within ${Math.round(timeoutMs / 1000)} s. It may still be loading models; try again, or raise the timeout.`, { durationMs });
      default:
        return fail('network', describeNetworkError(outcome.error, serverUrl, checkedUrl.isLoopback), { durationMs });
    }
  }
  if (outcome.type === 'too-large') {
    return fail('too-large', `The answer from ${serverUrl} is larger than the ${formatMegabytes(maxResponseBytes)} limit, so reading stopped. Exclude large outputs (images) from the run, or raise the limit.`, {
      status: outcome.status,
      durationMs: outcome.durationMs,
    });
  }

  const { status, durationMs } = outcome;
  const bodyText = outcome.body.toString('utf8');
  let json: unknown;
  let isJson = true;
  try {
    json = JSON.parse(bodyText);
  } catch {
    isJson = false;
  }

  if (status >= 200 && status < 300) {
    if (!isJson) {
      const excerpt = excerptOfText(redactor.redact(bodyText), 120);
      return fail('malformed', `The server at ${serverUrl} answered with something that is not JSON${excerpt ? `: "${excerpt}"` : ' (an empty body)'}. Is this URL an inference server?`, { status, durationMs });
    }
    return { ok: true, json: redactor.redactDeep(json), serverUrl, durationMs, responseBytes: outcome.body.length };
  }

  const parsed = isJson ? parseErrorBody(redactor.redactDeep(json)) : { blockErrors: [], serverMessage: excerptOfText(redactor.redact(bodyText)) };
  // Without a definition (or steps), the block errors stay as the server wrote them.
  parsed.blockErrors = attributeBlockErrorsToSteps(parsed.blockErrors, request.specification);
  const message = describeHttpFailure(parsed, {
    status,
    serverUrl,
    endpoint: request.endpoint,
    apiKeySent: apiKey !== undefined && apiKey !== '',
    redirectLocation: outcome.headers.get('location') ?? undefined,
  });
  return fail('http', message, { status, ...parsed, durationMs });
}
