import { readCappedBody } from './readCappedBody';

/** One HTTP request/response with the safety rails every server call needs: an overall
 * deadline (connect, headers and body), cancellation, a response size cap, and no redirects
 * (a redirect would carry the key to wherever the server points). Nothing here logs: the body
 * carries the API key, so it is never written anywhere but the socket. */

export interface HttpExchangeRequest {
  url: string;
  method: 'GET' | 'POST';
  /** Sent as the JSON body's `api_key` field (when the body is an object) and as
   * `Authorization: Bearer …`; never in the URL or another header. */
  apiKey?: string;
  jsonBody?: unknown;
  signal?: AbortSignal;
  timeoutMs: number;
  maxResponseBytes: number;
  fetchImpl: typeof fetch;
}

export type HttpExchangeOutcome =
  | { type: 'answered'; status: number; headers: Headers; body: Buffer; durationMs: number }
  | { type: 'too-large'; status: number; receivedBytes: number; durationMs: number }
  | { type: 'no-answer'; reason: 'timeout' | 'cancelled' | 'network'; error?: unknown; durationMs: number };

const USER_AGENT = 'roboflow-workflows-vscode';

function requestHeaders(request: HttpExchangeRequest): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
  if (request.jsonBody !== undefined) headers['content-type'] = 'application/json';
  if (request.apiKey !== undefined) headers.authorization = `Bearer ${request.apiKey}`;
  return headers;
}

/**
 * The body as sent. Every inference version reads a body `api_key` (it is what the official SDK
 * sends by default), while the header is read only from inference 1.5.0 on, unless
 * ALLOW_API_KEY_FROM_HEADERS=False, and not by hosted and dedicated fronts: so both, always.
 */
function requestBody(request: HttpExchangeRequest): string | undefined {
  if (request.jsonBody === undefined) return undefined;
  const body = request.jsonBody;
  const carriesKey = request.apiKey !== undefined && typeof body === 'object' && body !== null && !Array.isArray(body);
  return JSON.stringify(carriesKey ? { ...body, api_key: request.apiKey } : body);
}

export async function httpExchange(request: HttpExchangeRequest): Promise<HttpExchangeOutcome> {
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  if (request.signal?.aborted) return { type: 'no-answer', reason: 'cancelled', durationMs: 0 };

  const controller = new AbortController();
  let stoppedBecause: 'timeout' | 'cancelled' | undefined;
  const stop = (reason: 'timeout' | 'cancelled'): void => {
    stoppedBecause ??= reason;
    controller.abort();
  };
  const onCallerAbort = (): void => stop('cancelled');
  // Removed in `finally`, whatever happens.
  request.signal?.addEventListener('abort', onCallerAbort);
  const timer = setTimeout(() => stop('timeout'), request.timeoutMs);
  try {
    const response = await request.fetchImpl(request.url, {
      method: request.method,
      headers: requestHeaders(request),
      body: requestBody(request),
      signal: controller.signal,
      redirect: 'manual',
    });
    const declaredBytes = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declaredBytes > request.maxResponseBytes) {
      controller.abort();
      return { type: 'too-large', status: response.status, receivedBytes: 0, durationMs: elapsed() };
    }
    const body = await readCappedBody(response.body, request.maxResponseBytes);
    if (!body.complete) {
      controller.abort();
      return { type: 'too-large', status: response.status, receivedBytes: body.receivedBytes, durationMs: elapsed() };
    }
    return { type: 'answered', status: response.status, headers: response.headers, body: body.bytes, durationMs: elapsed() };
  } catch (error) {
    return { type: 'no-answer', reason: stoppedBecause ?? 'network', error, durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onCallerAbort);
  }
}
