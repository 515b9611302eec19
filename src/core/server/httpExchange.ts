import { readCappedBody } from './readCappedBody';

/** One HTTP request/response with the safety rails every server call needs: an overall
 * deadline (connect, headers and body), cancellation, a response size cap, and no redirects
 * (a redirect would carry the Authorization header to wherever the server points). */

export interface HttpExchangeRequest {
  url: string;
  method: 'GET' | 'POST';
  /** Sent only as `Authorization: Bearer …`. */
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
  request.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const timer = setTimeout(() => stop('timeout'), request.timeoutMs);
  try {
    const response = await request.fetchImpl(request.url, {
      method: request.method,
      headers: requestHeaders(request),
      body: request.jsonBody === undefined ? undefined : JSON.stringify(request.jsonBody),
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
