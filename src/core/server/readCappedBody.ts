/** Reads a response body up to `maxBytes`, and stops reading (without buffering the rest) as
 * soon as it is exceeded: a runaway or hostile server must not exhaust the extension host's memory. */

export type CappedBody = { complete: true; bytes: Buffer } | { complete: false; receivedBytes: number };

export async function readCappedBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<CappedBody> {
  if (body === null) return { complete: true, bytes: Buffer.alloc(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => undefined);
      return { complete: false, receivedBytes: total };
    }
    chunks.push(value);
  }
  return { complete: true, bytes: Buffer.concat(chunks, total) };
}
