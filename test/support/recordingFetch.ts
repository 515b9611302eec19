/**
 * A stand-in for `fetch` that records every request (method, URL, body) and answers with what
 * the test gives, or fails as undici fails when no answer came. For clients that take a
 * `fetchImpl`, when a test needs an exact status, header or body the fake servers do not send.
 */

export interface RecordedRequest {
  method: string;
  url: string;
  /** The body as sent, when there was one. */
  body?: string;
}

export interface RecordingFetch {
  fetchImpl: typeof fetch;
  sent: RecordedRequest[];
}

/** Answers every request with `respond()`; whatever `respond` throws is what `fetch` throws. */
export function recordingFetch(respond: () => Response): RecordingFetch {
  const sent: RecordedRequest[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const body = init?.body;
    sent.push({ method: init?.method ?? 'GET', url: String(input), ...(typeof body === 'string' && { body }) });
    return respond();
  };
  return { fetchImpl, sent };
}

/** An answer with this status, body (JSON unless the headers say otherwise) and headers. */
export function answer(status: number, body: string | null, headers: Record<string, string> = {}): () => Response {
  return () => new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** No answer, as undici reports it: `TypeError('fetch failed', { cause })`, the cause carrying `code`. */
export function unreachable(code?: string): RecordingFetch {
  return recordingFetch(() => {
    const cause = code === undefined ? new Error('other side closed') : Object.assign(new Error(`connect ${code}`), { code });
    throw new TypeError('fetch failed', { cause });
  });
}
