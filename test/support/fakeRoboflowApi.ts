/**
 * A stand-in for the Roboflow REST API's workflow endpoints (roboflow-python `rfapi.py`, "Phase 2"),
 * for unit, integration and end-to-end tests. It binds 127.0.0.1 on a random port, keeps one
 * workspace in memory and records every request.
 *
 *   POST /?api_key=…  (GET too)                    → {"workspace": "<slug>"}
 *   GET  /{ws}/workflows                           → {"workflows": [{id, name, url, updatedAt}]}
 *   GET  /{ws}/workflows/{url}                     → {"workflow": {id, name, url, config, updatedAt}}
 *   GET  /{ws}/workflows/{url}/versions            → {"versions": [{id, createdAt, config}]} newest first
 *   POST /{ws}/updateWorkflow  body {id, name, url, config}  → {"workflow": {url}}; saves a version
 *   POST /{ws}/createWorkflow  query name, url, config, template  → {"workflow": {id, url}}
 *
 * The key is read from `?api_key=` only, like the real API. A wrong key gets a 401 whose message
 * quotes the key (servers do that), so tests see that nothing shown repeats it.
 *
 * Modes (`setMode`, or `POST /__fake/mode {"mode", "delayMs"}` from another process) make every API
 * route answer: 401, 403, 404, 409 (conflict), 500, 502, malformed JSON, a redirect to another host
 * with the key in its query, a lying shape (200 with the wrong fields), or never (hang). `delayMs`
 * delays every answer. `POST /__fake/edit {"url", "definition"}` changes a workflow as a colleague
 * would in the web app; `GET /__fake/requests`, `GET /__fake/state`, `POST /__fake/reset`.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_API_MODES = ['ok', 'unauthorized', 'forbidden', 'not-found', 'conflict', 'server-error', 'bad-gateway', 'malformed-json', 'redirect', 'wrong-shape', 'hang'] as const;
export type FakeApiMode = (typeof FAKE_API_MODES)[number];

export const FAKE_WORKSPACE = 'acme-vision';

export interface FakeWorkflowVersion {
  id: string;
  createdAt: string;
  config: string;
}

export interface FakeWorkflow {
  id: string;
  name: string;
  url: string;
  config: string;
  updatedAt: string;
  versions: FakeWorkflowVersion[];
}

export interface FakeApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
}

export interface FakeRoboflowApi {
  url: string;
  apiKey: string;
  workspace: string;
  requests: FakeApiRequest[];
  setMode(mode: FakeApiMode, delayMs?: number): void;
  /** Changes a workflow as someone in the web app would (a new Live version). */
  edit(url: string, definition: Record<string, unknown>): void;
  workflow(url: string): FakeWorkflow | undefined;
  reset(): void;
  close(): Promise<void>;
}

export const DETECT_DEFINITION = {
  version: '1.0',
  inputs: [{ type: 'WorkflowImage', name: 'image' }],
  steps: [{ type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'detector', images: '$inputs.image', model_id: 'yolov8n-640' }],
  outputs: [{ type: 'JsonField', name: 'predictions', selector: '$steps.detector.predictions' }],
};

export const COUNT_DEFINITION = {
  version: '1.0',
  inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: 'WorkflowParameter', name: 'confidence', default_value: 0.4 }],
  steps: [
    { type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'people', images: '$inputs.image', model_id: 'yolov8n-640', confidence: '$inputs.confidence', class_filter: ['person'] },
    { type: 'roboflow_core/property_definition@v1', name: 'count', data: '$steps.people.predictions', operations: [{ type: 'SequenceLength' }] },
  ],
  outputs: [{ type: 'JsonField', name: 'people', selector: '$steps.count.output' }],
};

/** Each answer's time: one second after the previous one, so every save has its own. */
class Clock {
  private ms = Date.parse('2026-03-01T09:00:00.000Z');
  next(): string {
    this.ms += 1000;
    return new Date(this.ms).toISOString();
  }
}

function seed(clock: Clock): Map<string, FakeWorkflow> {
  const workflows = new Map<string, FakeWorkflow>();
  const add = (id: string, name: string, url: string, config: string): void => {
    const at = clock.next();
    workflows.set(url, { id, name, url, config, updatedAt: at, versions: [{ id: `${id}-v1`, createdAt: at, config }] });
  };
  add('wf_detect_01', 'Detect Objects', 'detect-objects', JSON.stringify({ specification: DETECT_DEFINITION }));
  add('wf_count_02', 'Count People', 'count-people', JSON.stringify({ specification: COUNT_DEFINITION }));
  // Saved bare by an older SDK: readable, and wrapped on the next save.
  add('wf_legacy_03', 'Legacy Bare Config', 'legacy-bare', JSON.stringify(DETECT_DEFINITION));
  return workflows;
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

function apiError(response: ServerResponse, status: number, message: string, type = 'GraphMethodException'): void {
  send(response, status, { error: { message, type, hint: 'See https://docs.roboflow.com' } });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeRoboflowApi(options: { apiKey: string; port?: number; workspace?: string }): Promise<FakeRoboflowApi> {
  const workspace = options.workspace ?? FAKE_WORKSPACE;
  let clock = new Clock();
  let workflows = seed(clock);
  let mode: FakeApiMode = 'ok';
  let delayMs = 0;
  const requests: FakeApiRequest[] = [];
  const sockets = new Set<import('node:net').Socket>();

  const saveVersion = (workflow: FakeWorkflow, config: string): void => {
    const at = clock.next();
    workflow.config = config;
    workflow.updatedAt = at;
    workflow.versions.unshift({ id: `${workflow.id}-v${workflow.versions.length + 1}`, createdAt: at, config });
  };

  const fake: FakeRoboflowApi = {
    url: '',
    apiKey: options.apiKey,
    workspace,
    requests,
    setMode(next, delay = 0) {
      mode = next;
      delayMs = delay;
    },
    edit(url, definition) {
      const workflow = workflows.get(url);
      if (!workflow) throw new Error(`no workflow ${url}`);
      saveVersion(workflow, JSON.stringify({ specification: definition }));
    },
    workflow: (url) => workflows.get(url),
    reset() {
      clock = new Clock();
      workflows = seed(clock);
      mode = 'ok';
      delayMs = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  async function control(response: ServerResponse, path: string, body: string): Promise<void> {
    const json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    if (path === '/__fake/mode') {
      if (!(FAKE_API_MODES as readonly string[]).includes(String(json.mode))) return send(response, 400, { error: `unknown mode ${String(json.mode)}` });
      fake.setMode(json.mode as FakeApiMode, Number(json.delayMs ?? 0));
      return send(response, 200, { mode });
    }
    if (path === '/__fake/edit') {
      fake.edit(String(json.url), json.definition as Record<string, unknown>);
      return send(response, 200, { workflow: workflows.get(String(json.url)) });
    }
    if (path === '/__fake/reset') {
      fake.reset();
      return send(response, 200, { ok: true });
    }
    if (path === '/__fake/requests') return send(response, 200, { requests });
    if (path === '/__fake/state') return send(response, 200, { workflows: [...workflows.values()] });
    return send(response, 404, { error: 'unknown control route' });
  }

  async function api(response: ServerResponse, method: string, segments: string[], query: URLSearchParams, body: string): Promise<void> {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const key = query.get('api_key');
    switch (mode) {
      case 'hang':
        return; // never answers; the client's deadline or cancellation ends it
      case 'unauthorized':
        return apiError(response, 401, `This API key does not exist (or has been revoked): ${key ?? ''}`, 'OAuthException');
      case 'forbidden':
        return apiError(response, 403, 'Your plan does not include this feature.');
      case 'not-found':
        return apiError(response, 404, 'Unsupported get request. Object does not exist.');
      case 'conflict':
        return apiError(response, 409, 'The workflow was modified by another request.');
      case 'server-error':
        return send(response, 500, { error: { message: `Internal error while loading workflow for key ${key ?? ''}` } });
      case 'bad-gateway':
        response.writeHead(502, { 'content-type': 'text/html' });
        return void response.end('<html><body>502 Bad Gateway</body></html>');
      case 'malformed-json':
        return send(response, 200, '{"workflows": [{"name": "trunc');
      case 'redirect':
        response.writeHead(302, { location: `https://elsewhere.example.com/steal?api_key=${encodeURIComponent(key ?? '')}` });
        return void response.end();
      case 'wrong-shape':
        return send(response, 200, { workflows: 'not a list', workflow: { id: 7, url: '../../etc', config: { not: 'a string' } }, versions: {}, workspace: { toString: 1 } });
      default:
        break;
    }
    if (key !== options.apiKey) return apiError(response, 401, `This API key does not exist (or has been revoked): ${key ?? ''}`, 'OAuthException');
    if (segments.length === 0) return send(response, 200, { workspace, welcome: 'Welcome to the Roboflow API.' });
    if (segments[0] !== workspace) return apiError(response, 403, `The API key does not have access to workspace ${segments[0]}.`);
    const [, route, slug, sub] = segments;
    if (method === 'GET' && route === 'workflows' && slug === undefined) {
      return send(response, 200, { workflows: [...workflows.values()].map(({ id, name, url, updatedAt }) => ({ id, name, url, updatedAt })) });
    }
    if (method === 'GET' && route === 'workflows' && slug !== undefined) {
      const workflow = workflows.get(slug);
      if (!workflow) return apiError(response, 404, `Workflow ${slug} not found.`);
      if (sub === 'versions') return send(response, 200, { versions: workflow.versions });
      if (sub !== undefined) return apiError(response, 404, 'Unknown route.');
      const { id, name, url, config, updatedAt } = workflow;
      return send(response, 200, { workflow: { id, name, url, config, updatedAt } });
    }
    if (method === 'POST' && route === 'updateWorkflow') {
      let json: Record<string, unknown>;
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return apiError(response, 400, 'Body is not JSON.');
      }
      for (const field of ['id', 'name', 'url', 'config']) if (typeof json[field] !== 'string') return apiError(response, 400, `"${field}" is required and must be a string.`);
      const workflow = workflows.get(String(json.url));
      if (!workflow || workflow.id !== json.id) return apiError(response, 404, `Workflow ${String(json.url)} not found.`);
      workflow.name = String(json.name);
      saveVersion(workflow, String(json.config));
      return send(response, 200, { workflow: { url: workflow.url }, status: 'updated' });
    }
    if (method === 'POST' && route === 'createWorkflow') {
      const fields = ['name', 'url', 'config', 'template'].map((f) => query.get(f));
      if (fields.some((f) => f === null)) return apiError(response, 400, 'name, url, config and template are required query parameters.');
      const [name, url, config] = fields as string[];
      if (workflows.has(url)) return apiError(response, 409, `A workflow with url ${url} already exists.`);
      const id = `wf_new_${workflows.size + 1}`;
      const at = clock.next();
      workflows.set(url, { id, name, url, config, updatedAt: at, versions: [{ id: `${id}-v1`, createdAt: at, config }] });
      return send(response, 201, { workflow: { id, url } });
    }
    return apiError(response, 404, 'Unknown route.');
  }

  const server = http.createServer((request, response) => {
    void (async () => {
      const parsed = new URL(request.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(request);
      if (parsed.pathname.startsWith('/__fake/')) return control(response, parsed.pathname, body);
      requests.push({ method: request.method ?? 'GET', path: parsed.pathname, query: Object.fromEntries(parsed.searchParams), body });
      const segments = parsed.pathname.split('/').filter((s) => s !== '').map(decodeURIComponent);
      return api(response, request.method ?? 'GET', segments, parsed.searchParams, body);
    })().catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
