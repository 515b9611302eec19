/**
 * A stand-in for `fetch` that records every request as the server would receive it and answers
 * with what the test gives, or fails as undici fails when no answer came. For clients that take a
 * `fetchImpl`, when a test needs an exact status, header or body the fake servers do not send.
 */

export interface RecordedRequest {
  url: string;
  method: string | undefined;
  headers: Record<string, string>;
  body: string | undefined;
  redirect: RequestRedirect | undefined;
}

export interface RecordingFetch {
  fetchImpl: typeof fetch;
  sent: RecordedRequest[];
}

/** Answers every request with `respond()`; whatever `respond` throws is what `fetch` throws. */
export function recordingFetch(respond: () => Response | Promise<Response>): RecordingFetch {
  const sent: RecordedRequest[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    sent.push({
      url: String(input),
      method: init?.method,
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body as string | undefined,
      redirect: init?.redirect,
    });
    return respond();
  };
  return { fetchImpl, sent };
}

/** Each request's method (GET when none was given), URL and body when it had one: what the API acts on. */
export function methodsAndUrls(sent: RecordedRequest[]): { method: string; url: string; body?: string }[] {
  return sent.map(({ method, url, body }) => ({ method: method ?? 'GET', url, ...(body !== undefined && { body }) }));
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
