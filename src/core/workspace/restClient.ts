import type { Redactor } from '../redaction/redactor';
import { httpExchange } from '../server/httpExchange';
import { normaliseApiUrl } from './apiUrl';
import { apiErrorText, describeApiStatus, describeNoAnswer, type ApiFailure } from './apiFailures';

/**
 * One call to the Roboflow REST API, on the same rails as the inference server client
 * (httpExchange): a deadline, cancellation, a capped body, no redirects followed. The API reads the
 * key from the query string only, so it goes there and nowhere else (no Authorization header, no
 * body copy); the URL is never put in a message, and every failure goes through the redactor.
 */

export const DEFAULT_API_TIMEOUT_MS = 30_000;
export const DEFAULT_API_MAX_BYTES = 16 * 1024 * 1024;

export interface ApiCallOptions {
  /** `roboflowWorkflows.apiUrl`, checked on every call; the default when empty. */
  apiUrl?: string;
  apiKey: string;
  /** The API key is added to it; every message goes through it. */
  redactor: Redactor;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxResponseBytes?: number;
  fetchImpl?: typeof fetch;
}

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Path segments, each percent-encoded here: ['acme', 'workflows', 'my-flow']. */
  path: readonly string[];
  query?: Readonly<Record<string, string>>;
  jsonBody?: unknown;
  /** For messages: "the workflow `my-flow` of workspace `acme`". */
  what: string;
}

export type ApiAnswer = { ok: true; json: unknown; status: number } | ApiFailure;

export async function callRoboflowApi(options: ApiCallOptions, request: ApiRequest): Promise<ApiAnswer> {
  const { redactor } = options;
  const fail = (kind: ApiFailure['kind'], message: string, status?: number): ApiFailure =>
    redactor.redactDeep({ ok: false, kind, message, ...(status !== undefined && { status }) });
  const apiKey = options.apiKey.trim();
  if (apiKey === '') return fail('invalid-request', 'No Roboflow API key is set. Run "Roboflow Workflows: Set Roboflow API Key".');
  // Before the next check: a key refused there is still a secret. add() also adds its trimmed form.
  redactor.add(options.apiKey);
  if (!/^[\x21-\x7e]+$/.test(apiKey)) return fail('invalid-request', 'The API key contains spaces, line breaks or other unexpected characters. Set it again.');
  redactor.add(encodeURIComponent(apiKey));
  const checked = normaliseApiUrl(options.apiUrl);
  if (!checked.ok) return fail('invalid-request', checked.message);

  const query = new URLSearchParams({ ...request.query, api_key: apiKey });
  const url = `${checked.url}/${request.path.map(encodeURIComponent).join('/')}?${query.toString()}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_API_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_API_MAX_BYTES;
  const outcome = await httpExchange({
    url,
    method: request.method,
    jsonBody: request.jsonBody,
    signal: options.signal,
    timeoutMs,
    maxResponseBytes,
    fetchImpl: options.fetchImpl ?? fetch,
  });
  if (outcome.type === 'no-answer') return fail(outcome.reason, describeNoAnswer(outcome.reason, outcome.error, checked.url, timeoutMs));
  if (outcome.type === 'too-large') {
    return fail('too-large', `The answer of the Roboflow API for ${request.what} is larger than ${Math.round(maxResponseBytes / (1024 * 1024))} MB, so reading stopped.`, outcome.status);
  }
  const { status, headers, body } = outcome;
  if (status >= 300 && status < 400) {
    const location = headers.get('location');
    let where = 'an unknown address';
    if (location !== null) {
      try {
        where = new URL(location, checked.url).origin; // the origin only: the rest may carry the key
      } catch {
        // keep "an unknown address"
      }
    }
    return fail('redirect', `The Roboflow API answered ${request.what} with a redirect (${status}) to ${where}. Redirects are not followed, so the API key is never forwarded: set "roboflowWorkflows.apiUrl" to the final address.`, status);
  }
  const text = body.toString('utf8');
  if (status < 200 || status >= 300) return fail('http', describeApiStatus(status, request.what, apiErrorText(text)), status);
  try {
    return { ok: true, json: JSON.parse(text) as unknown, status };
  } catch {
    return fail('malformed', `The Roboflow API answered ${request.what} with something that is not JSON (HTTP ${status}). Is "roboflowWorkflows.apiUrl" the Roboflow API?`, status);
  }
}
