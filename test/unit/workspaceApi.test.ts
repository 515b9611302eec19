// The Roboflow REST API client against the fake API: documented answers, every failure mode
// (401, 403, 404, 409, 5xx, slow, malformed, redirect, lying shapes), cancellation, and the key
// never in a message although it travels in the query string.
import assert from 'node:assert/strict';
import { Redactor } from '../../src/core/redaction/redactor';
import type { ApiFailure } from '../../src/core/workspace/apiFailures';
import type { ApiCallOptions } from '../../src/core/workspace/restClient';
import { unwrapConfig } from '../../src/core/workspace/workflowConfig';
import { createWorkflow, fetchWorkflow, fetchWorkspaceOfKey, listWorkflows, listWorkflowVersions, updateWorkflow, type ApiResult } from '../../src/core/workspace/workspaceApi';
import { COUNT_DEFINITION, DETECT_DEFINITION, FAKE_WORKSPACE, startFakeRoboflowApi, type FakeApiMode, type FakeRoboflowApi } from '../support/fakeRoboflowApi';
import { findLeak } from '../support/secretLeaks';

const API_KEY = 'rf-UnitT3stKey-9c1e2b7a55d0';

let api: FakeRoboflowApi;

function options(extra: Partial<ApiCallOptions> = {}): ApiCallOptions {
  return { apiUrl: api.url, apiKey: API_KEY, redactor: new Redactor(), ...extra };
}

function failure<T>(result: ApiResult<T>): ApiFailure {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  const text = JSON.stringify(result);
  assert.equal(findLeak(text, API_KEY), undefined, `the key leaked: ${text}`);
  return result as ApiFailure;
}

function value<T>(result: ApiResult<T>): T {
  assert.ok(result.ok, `expected success, got ${JSON.stringify(result)}`);
  return result.value;
}

describe('Roboflow workspace API client', () => {
  before(async () => {
    api = await startFakeRoboflowApi({ apiKey: API_KEY });
  });
  after(() => api.close());
  beforeEach(() => api.reset());

  it('finds the key\'s workspace, sending the key only as the api_key query parameter', async () => {
    assert.deepEqual(value(await fetchWorkspaceOfKey(options())), { workspace: FAKE_WORKSPACE });
    const [request] = api.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/');
    assert.equal(request.query.api_key, API_KEY);
    assert.equal(request.body, '');
  });

  it('lists the workspace\'s workflows by name, with slug and last change', async () => {
    const workflows = value(await listWorkflows(options(), FAKE_WORKSPACE));
    assert.deepEqual(
      workflows.map((w) => [w.name, w.url, w.updatedAt]),
      [
        ['Count People', 'count-people', '2026-03-01T09:00:02.000Z'],
        ['Detect Objects', 'detect-objects', '2026-03-01T09:00:01.000Z'],
        ['Legacy Bare Config', 'legacy-bare', '2026-03-01T09:00:03.000Z'],
      ],
    );
  });

  it('reads one workflow and unwraps its config, wrapped or bare', async () => {
    const detect = value(await fetchWorkflow(options(), FAKE_WORKSPACE, 'detect-objects'));
    assert.equal(detect.id, 'wf_detect_01');
    assert.deepEqual(unwrapConfig(detect.config), { ok: true, definition: DETECT_DEFINITION, wrapped: true });
    const legacy = value(await fetchWorkflow(options(), FAKE_WORKSPACE, 'legacy-bare'));
    assert.deepEqual(unwrapConfig(legacy.config), { ok: true, definition: DETECT_DEFINITION, wrapped: false });
  });

  it('saves with updateWorkflow: body {id, name, url, config}, config wrapped as {"specification": …}', async () => {
    value(await updateWorkflow(options(), { workspace: FAKE_WORKSPACE, id: 'wf_legacy_03', name: 'Legacy Bare Config', url: 'legacy-bare', definition: COUNT_DEFINITION }));
    const request = api.requests.at(-1)!;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, `/${FAKE_WORKSPACE}/updateWorkflow`);
    const body = JSON.parse(request.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['config', 'id', 'name', 'url']);
    assert.deepEqual(JSON.parse(body.config as string), { specification: COUNT_DEFINITION });
    assert.equal(findLeak(request.body, API_KEY), undefined, 'the key is not in the body');
    assert.equal(api.workflow('legacy-bare')!.versions.length, 2);
  });

  it('creates with createWorkflow: name, url, config (wrapped) and template in the query', async () => {
    value(await createWorkflow(options(), { workspace: FAKE_WORKSPACE, name: 'New Flow', url: 'new-flow', definition: DETECT_DEFINITION }));
    const request = api.requests.at(-1)!;
    assert.equal(request.path, `/${FAKE_WORKSPACE}/createWorkflow`);
    assert.equal(request.query.name, 'New Flow');
    assert.equal(request.query.template, '{}');
    assert.deepEqual(JSON.parse(request.query.config), { specification: DETECT_DEFINITION });
    const again = failure(await createWorkflow(options(), { workspace: FAKE_WORKSPACE, name: 'New Flow', url: 'new-flow', definition: DETECT_DEFINITION }));
    assert.equal(again.status, 409);
  });

  it('lists versions newest first, each with its config', async () => {
    api.edit('count-people', DETECT_DEFINITION);
    const versions = value(await listWorkflowVersions(options(), FAKE_WORKSPACE, 'count-people'));
    assert.deepEqual(versions.map((v) => [v.id, v.createdAt]), [
      ['wf_count_02-v2', '2026-03-01T09:00:04.000Z'],
      ['wf_count_02-v1', '2026-03-01T09:00:02.000Z'],
    ]);
    assert.deepEqual(unwrapConfig(versions[1].config!), { ok: true, definition: COUNT_DEFINITION, wrapped: true });
  });

  const statusCases: Array<[FakeApiMode, number, RegExp]> = [
    ['unauthorized', 401, /^The Roboflow API refused the API key \(401\): it is wrong, revoked or expired\./],
    ['forbidden', 403, /^The API key may not access the workflows of workspace `acme-vision` \(403\).*The API says: Your plan does not include this feature\./],
    ['not-found', 404, /^Not found \(404\): the workflows of workspace `acme-vision`\./],
    ['conflict', 409, /because of a conflict \(409\)/],
    ['server-error', 500, /^The Roboflow API failed \(500\) while handling the workflows of workspace `acme-vision`; this is usually temporary\./],
    ['bad-gateway', 502, /^The Roboflow API failed \(502\)/],
  ];
  for (const [mode, status, message] of statusCases) {
    it(`explains a ${status} (${mode}) without repeating the key the server echoed`, async () => {
      api.setMode(mode);
      const result = failure(await listWorkflows(options(), FAKE_WORKSPACE));
      assert.equal(result.kind, 'http');
      assert.equal(result.status, status);
      assert.match(result.message, message);
    });
  }

  it('a wrong key: 401, and the key the server quotes back is masked', async () => {
    const result = failure(await listWorkflows(options({ apiKey: 'rf-wrong-key-0000111122223333' }), FAKE_WORKSPACE));
    assert.equal(result.status, 401);
    assert.ok(!result.message.includes('rf-wrong-key-0000111122223333'), result.message);
    assert.match(result.message, /\[REDACTED\]/);
  });

  it('malformed JSON: a clear sentence, no crash', async () => {
    api.setMode('malformed-json');
    const result = failure(await listWorkflows(options(), FAKE_WORKSPACE));
    assert.equal(result.kind, 'malformed');
    assert.match(result.message, /answered the workflows of workspace `acme-vision` with something that is not JSON \(HTTP 200\)/);
  });

  it('a lying server (200 with the wrong shapes): each call says what was missing', async () => {
    api.setMode('wrong-shape');
    assert.match(failure(await listWorkflows(options(), FAKE_WORKSPACE)).message, /has no `workflows` list/);
    assert.match(failure(await fetchWorkflow(options(), FAKE_WORKSPACE, 'detect-objects')).message, /no usable `url` slug|not `detect-objects`|no `config` string/);
    assert.match(failure(await listWorkflowVersions(options(), FAKE_WORKSPACE, 'detect-objects')).message, /has no `versions` list/);
    assert.match(failure(await fetchWorkspaceOfKey(options())).message, /names no workspace/);
  });

  it('a redirect is not followed, and only the target\'s origin is named (its query carries the key)', async () => {
    api.setMode('redirect');
    const result = failure(await fetchWorkflow(options(), FAKE_WORKSPACE, 'detect-objects'));
    assert.equal(result.kind, 'redirect');
    assert.match(result.message, /redirect \(302\) to https:\/\/elsewhere\.example\.com\. Redirects are not followed/);
    assert.equal(api.requests.length, 1);
  });

  it('a slow answer past the deadline is a timeout; cancelling stops a hanging one', async () => {
    api.setMode('ok', 2_000);
    const slow = failure(await listWorkflows(options({ timeoutMs: 200 }), FAKE_WORKSPACE));
    assert.equal(slow.kind, 'timeout');
    assert.equal(slow.message, `The Roboflow API at ${api.url} did not answer within 200 ms. Try again; check your network.`);
    api.setMode('hang');
    const abort = new AbortController();
    const pending = listWorkflows(options({ signal: abort.signal }), FAKE_WORKSPACE);
    abort.abort();
    assert.equal(failure(await pending).kind, 'cancelled');
  });

  it('refuses slugs that would change the request path, and a non-https remote API URL', async () => {
    assert.equal(failure(await fetchWorkflow(options(), FAKE_WORKSPACE, '../secrets')).kind, 'invalid-request');
    const insecure = failure(await listWorkflows(options({ apiUrl: 'http://api.example.com' }), FAKE_WORKSPACE));
    assert.match(insecure.message, /Use https:\/\/ for api\.example\.com/);
    assert.equal(api.requests.length, 0);
  });

  it('an answer bigger than the cap stops reading', async () => {
    const result = failure(await listWorkflows(options({ maxResponseBytes: 100 }), FAKE_WORKSPACE));
    assert.equal(result.kind, 'too-large');
  });
});
