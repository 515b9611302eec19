import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { Redactor } from '../../src/core/redaction/redactor';
import { describeBlocks, fetchServerInfo, runWorkflow, validateWorkflow } from '../../src/core/server/client';
import { httpExchange, type HttpExchangeOutcome, type HttpExchangeRequest } from '../../src/core/server/httpExchange';
import type { ServerFailure } from '../../src/core/server/types';
import { recordingFetch } from '../support/recordingFetch';

const json = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A body that arrives in chunks, without a Content-Length. */
function streamed(chunks: string[]): Response {
  const bytes = chunks.map((chunk) => new TextEncoder().encode(chunk));
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = bytes.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
  return new Response(body, { status: 200 });
}

const SERVER = 'https://inference.example.com';
const API_KEY = 'rfExch4ngeK3y0123456789';
const USER_AGENT = 'roboflow-workflows-vscode';

describe('server requests: what goes over the wire', () => {
  let specification: Record<string, unknown>;
  let inputs: Record<string, unknown>;
  beforeEach(() => {
    specification = {
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }],
      steps: [{ type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'detector', images: '$inputs.image', model_id: 'yolov8n-640' }],
      outputs: [{ type: 'JsonField', name: 'predictions', selector: '$steps.detector.predictions' }],
    };
    inputs = { image: { type: 'url', value: 'https://media.roboflow.com/inference/people-walking.jpg' } };
  });

  it('runs a workflow with a POST of {specification, inputs, api_key}, JSON headers and the Bearer key, and no option it was not given', async () => {
    const { fetchImpl, sent } = recordingFetch(() => json({ outputs: [] }));
    await runWorkflow({ serverUrl: `${SERVER}/`, apiKey: API_KEY, specification, inputs, redactor: new Redactor(), fetchImpl });
    assert.equal(sent.length, 1);
    const [request] = sent;
    assert.deepEqual({ ...request, body: undefined }, {
      url: `${SERVER}/workflows/run`,
      method: 'POST',
      headers: { accept: 'application/json', 'user-agent': USER_AGENT, 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: undefined,
      redirect: 'manual',
    });
    assert.deepEqual(JSON.parse(request.body!), { specification, inputs, api_key: API_KEY });
  });

  it('sends each run option exactly as given, false included', async () => {
    const { fetchImpl, sent } = recordingFetch(() => json({ outputs: [] }));
    await runWorkflow({ serverUrl: SERVER, specification, inputs, excludedFields: [], disableSinks: false, debug: true, redactor: new Redactor(), fetchImpl });
    assert.deepEqual(JSON.parse(sent[0].body!), { specification, inputs, excluded_fields: [], disable_sinks: false, debug: true });
  });

  it('asks GET /info with no body, no content type and no key', async () => {
    const { fetchImpl, sent } = recordingFetch(() => json({ name: 'Roboflow Inference Server', version: '1.8.3', uuid: 'a1b2' }));
    await fetchServerInfo({ serverUrl: 'http://localhost:9001', redactor: new Redactor(), fetchImpl });
    assert.deepEqual(sent, [{ url: 'http://localhost:9001/info', method: 'GET', headers: { accept: 'application/json', 'user-agent': USER_AGENT }, body: undefined, redirect: 'manual' }]);
  });

  it('describes blocks without a key or an engine version when given none', async () => {
    const { fetchImpl, sent } = recordingFetch(() => json({ blocks: [] }));
    await describeBlocks({ serverUrl: SERVER, redactor: new Redactor(), fetchImpl });
    assert.equal(sent[0].url, `${SERVER}/workflows/blocks/describe`);
    assert.deepEqual(sent[0].headers, { accept: 'application/json', 'user-agent': USER_AGENT, 'content-type': 'application/json' });
    assert.deepEqual(JSON.parse(sent[0].body!), { dynamic_blocks_definitions: [] });
  });

  it('treats a blank API key as no key: nothing in the header or the body', async () => {
    const { fetchImpl, sent } = recordingFetch(() => json({ outputs: [] }));
    const result = await runWorkflow({ serverUrl: SERVER, apiKey: ' \t ', specification, inputs, redactor: new Redactor(), fetchImpl });
    assert.equal(result.ok, true);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].headers.authorization, undefined);
    assert.deepEqual(JSON.parse(sent[0].body!), { specification, inputs });
  });

  it('validates with the definition itself as the body, the key beside its sections', async () => {
    const { fetchImpl, sent } = recordingFetch(() => json({ status: 'ok' }));
    await validateWorkflow({ serverUrl: SERVER, apiKey: API_KEY, specification, redactor: new Redactor(), fetchImpl });
    assert.equal(sent[0].url, `${SERVER}/workflows/validate`);
    assert.deepEqual(JSON.parse(sent[0].body!), { ...specification, api_key: API_KEY });
  });
});

describe('server requests: one exchange (httpExchange)', () => {
  let request: (overrides: Partial<HttpExchangeRequest>) => HttpExchangeRequest;
  beforeEach(() => {
    request = (overrides) => ({ url: `${SERVER}/workflows/run`, method: 'POST', timeoutMs: 10_000, maxResponseBytes: 1024, fetchImpl: fetch, ...overrides });
  });

  function answered(outcome: HttpExchangeOutcome): Extract<HttpExchangeOutcome, { type: 'answered' }> {
    assert.equal(outcome.type, 'answered', JSON.stringify(outcome));
    return outcome as Extract<HttpExchangeOutcome, { type: 'answered' }>;
  }

  it('puts the key into an object body, over a key the body already had', async () => {
    const { fetchImpl, sent } = recordingFetch(() => json({}));
    await httpExchange(request({ apiKey: 'k', jsonBody: { name: 'x', api_key: 'stale' }, fetchImpl }));
    assert.deepEqual(JSON.parse(sent[0].body!), { name: 'x', api_key: 'k' });
    assert.equal(sent[0].headers.authorization, 'Bearer k');
  });

  it('sends a body that is not an object as it is, the key only in the header', async () => {
    for (const [jsonBody, expected] of [
      [['a', 1], '["a",1]'],
      [null, 'null'],
      ['text', '"text"'],
      [7, '7'],
    ] as const) {
      const { fetchImpl, sent } = recordingFetch(() => json({}));
      await httpExchange(request({ apiKey: 'k', jsonBody, fetchImpl }));
      assert.equal(sent[0].body, expected, JSON.stringify(jsonBody));
      assert.equal(sent[0].headers.authorization, 'Bearer k');
      assert.equal(sent[0].headers['content-type'], 'application/json');
    }
  });

  it('sends a body without a key exactly as given, adding and removing nothing', async () => {
    const { fetchImpl, sent } = recordingFetch(() => json({}));
    await httpExchange(request({ jsonBody: { version: '1.0', api_key: 'written-in-the-document' }, fetchImpl }));
    assert.equal(sent[0].body, '{"version":"1.0","api_key":"written-in-the-document"}');
    assert.equal(sent[0].headers.authorization, undefined);
  });

  it('reads an answer whose declared size is exactly the limit, and refuses one byte more without reading it', async () => {
    const text = '{"outputs":[]}';
    const limit = Buffer.byteLength(text);
    const exact = answered(await httpExchange(request({ maxResponseBytes: limit, fetchImpl: recordingFetch(() => new Response(text, { headers: { 'content-length': String(limit) } })).fetchImpl })));
    assert.equal(exact.body.toString('utf8'), text);

    const over = await httpExchange(request({ maxResponseBytes: limit - 1, fetchImpl: recordingFetch(() => new Response(text, { status: 201, headers: { 'content-length': String(limit) } })).fetchImpl }));
    assert.deepEqual({ ...over, durationMs: 0 }, { type: 'too-large', status: 201, receivedBytes: 0, durationMs: 0 });
  });

  it('reads a streamed answer of exactly the limit, and stops at the chunk that goes over it', async () => {
    const exact = answered(await httpExchange(request({ maxResponseBytes: 10, fetchImpl: recordingFetch(() => streamed(['12345', '67890'])).fetchImpl })));
    assert.equal(exact.body.toString('utf8'), '1234567890');
    assert.equal(exact.status, 200);

    const over = await httpExchange(request({ maxResponseBytes: 8, fetchImpl: recordingFetch(() => streamed(['1234', '5678', '9', 'never read'])).fetchImpl }));
    assert.deepEqual({ ...over, durationMs: 0 }, { type: 'too-large', status: 200, receivedBytes: 9, durationMs: 0 });
  });

  it('measures the duration of the exchange itself', async () => {
    const before = performance.now();
    const outcome = await httpExchange(request({ fetchImpl: recordingFetch(() => json({})).fetchImpl }));
    const after = performance.now();
    assert.ok(outcome.durationMs >= 0 && outcome.durationMs <= after - before, `${outcome.durationMs} ms, outside 0..${after - before}`);
  });

  it('leaves no listener on the caller\'s signal, whether the server answered, failed or was cancelled', async () => {
    const caller = new AbortController();
    await httpExchange(request({ signal: caller.signal, fetchImpl: recordingFetch(() => json({})).fetchImpl }));
    assert.equal(getEventListeners(caller.signal, 'abort').length, 0, 'after an answer');

    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const failed = await httpExchange(request({ signal: caller.signal, fetchImpl: failing }));
    assert.equal(failed.type === 'no-answer' && failed.reason, 'network');
    assert.equal(getEventListeners(caller.signal, 'abort').length, 0, 'after a failure');

    let entered!: () => void;
    const fetchEntered = new Promise<void>((resolve) => (entered = resolve));
    const waitsForAbort = ((_url: unknown, init?: RequestInit) => {
      entered();
      return new Promise<Response>((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }) as typeof fetch;
    const pending = httpExchange(request({ signal: caller.signal, fetchImpl: waitsForAbort }));
    await fetchEntered;
    assert.equal(getEventListeners(caller.signal, 'abort').length, 1, 'listening while the request runs');
    caller.abort();
    const cancelled = await pending;
    assert.equal(cancelled.type === 'no-answer' && cancelled.reason, 'cancelled');
    assert.equal(getEventListeners(caller.signal, 'abort').length, 0, 'after a cancellation');
  });
});

describe('server answers: what a success returns', () => {
  let redactor: Redactor;
  beforeEach(() => {
    redactor = new Redactor();
  });
  const run = (fetchImpl: typeof fetch) => runWorkflow({ serverUrl: SERVER, specification: { version: '1.0', inputs: [], steps: [], outputs: [] }, inputs: {}, redactor, fetchImpl });

  it('returns the outputs, the duration and the size, and nothing the server did not send', async () => {
    const text = JSON.stringify({ outputs: [{ count: 2 }] });
    const result = await run(recordingFetch(() => new Response(text)).fetchImpl);
    assert.ok(result.ok);
    assert.deepEqual({ ...result, durationMs: 0 }, { ok: true, outputs: [{ count: 2 }], durationMs: 0, responseBytes: Buffer.byteLength(text) });
  });

  it('returns the profiler trace and custom Python blocks\' streams and traces when the server sends them', async () => {
    const body = {
      outputs: [{ count: 2 }],
      profiler_trace: [{ name: 'step_execution', ph: 'X', ts: 1, dur: 2 }],
      python_blocks_output_streams: { counter: [{ stdout: 'counted 2\n', stderr: '' }] },
      python_blocks_debug_traces: [{ step: 'counter', value: 2 }],
    };
    const result = await run(recordingFetch(() => json(body)).fetchImpl);
    assert.ok(result.ok);
    assert.deepEqual({ ...result, durationMs: 0, responseBytes: 0 }, {
      ok: true,
      outputs: body.outputs,
      durationMs: 0,
      responseBytes: 0,
      profilerTrace: body.profiler_trace,
      pythonBlocksOutputStreams: body.python_blocks_output_streams,
      pythonBlocksDebugTraces: body.python_blocks_debug_traces,
    });
  });

  it('reads a server\'s name, version and uuid from /info', async () => {
    const result = await fetchServerInfo({ serverUrl: SERVER, redactor, fetchImpl: recordingFetch(() => json({ name: 'Roboflow Inference Server', version: '1.8.3', uuid: 'f3c1-9a' })).fetchImpl });
    assert.ok(result.ok);
    assert.deepEqual(result.info, { name: 'Roboflow Inference Server', version: '1.8.3', uuid: 'f3c1-9a' });
    const withoutUuid = await fetchServerInfo({ serverUrl: SERVER, redactor, fetchImpl: recordingFetch(() => json({ name: 'Roboflow Inference Server', version: '1.8.3' })).fetchImpl });
    assert.deepEqual(withoutUuid.ok && withoutUuid.info, { name: 'Roboflow Inference Server', version: '1.8.3' });
  });

  describe('a success status with the wrong JSON', () => {
    function malformed(result: { ok: boolean }): string {
      assert.equal(result.ok, false);
      const failure = result as ServerFailure;
      assert.equal(failure.kind, 'malformed');
      assert.equal(failure.status, 200);
      return failure.message;
    }
    const noOutputs = `The server at ${SERVER} answered with JSON that has no \`outputs\` list of objects. Is this URL an inference server?`;

    it('refuses a run answer unless every output element is an object', async () => {
      for (const body of [null, [], {}, { outputs: {} }, { outputs: [1] }, { outputs: ['text'] }, { outputs: [null] }, { outputs: [[]] }, { outputs: [{ count: 2 }, 'x'] }]) {
        assert.equal(malformed(await run(recordingFetch(() => json(body)).fetchImpl)), noOutputs, JSON.stringify(body));
      }
    });

    it('refuses an /info answer without a name and a version', async () => {
      for (const body of [null, { name: 'Roboflow Inference Server' }, { version: '1.8.3' }, { name: 'x', version: 183 }]) {
        const result = await fetchServerInfo({ serverUrl: SERVER, redactor, fetchImpl: recordingFetch(() => json(body)).fetchImpl });
        assert.equal(malformed(result), `The server at ${SERVER} answered /info without a name and version. Is this URL an inference server?`, JSON.stringify(body));
      }
    });

    it('refuses a block description without a blocks list', async () => {
      for (const body of [null, [], { blocks: {} }, { declared_kinds: [] }]) {
        const result = await describeBlocks({ serverUrl: SERVER, redactor, fetchImpl: recordingFetch(() => json(body)).fetchImpl });
        assert.equal(malformed(result), `The server at ${SERVER} answered /workflows/blocks/describe without a \`blocks\` list.`, JSON.stringify(body));
      }
    });

    it('refuses a page that is not JSON, quoting its title, or saying it was empty', async () => {
      const page = '<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>';
      assert.equal(
        malformed(await run(recordingFetch(() => new Response(page, { headers: { 'content-type': 'text/html' } })).fetchImpl)),
        `The server at ${SERVER} answered with something that is not JSON: "Welcome to nginx!". Is this URL an inference server?`,
      );
      assert.equal(malformed(await run(recordingFetch(() => new Response('')).fetchImpl)), `The server at ${SERVER} answered with something that is not JSON (an empty body). Is this URL an inference server?`);
    });
  });
});
