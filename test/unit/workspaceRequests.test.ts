// The requests each workspace call sends (method, URL, body), how each names itself when the API
// refuses it, and the slugs refused before anything is sent. Requests go to a stand-in `fetch`
// (test/support/recordingFetch.ts) that records them and gives the answer each test needs.
import assert from 'node:assert/strict';
import { Redactor } from '../../src/core/redaction/redactor';
import type { ApiCallOptions } from '../../src/core/workspace/restClient';
import {
  createWorkflow,
  fetchWorkflow,
  fetchWorkspaceOfKey,
  listWorkflows,
  listWorkflowVersions,
  slugFromName,
  updateWorkflow,
  type ApiResult,
} from '../../src/core/workspace/workspaceApi';
import { answer, methodsAndUrls, recordingFetch } from '../support/recordingFetch';

const API_KEY = 'rf-ReqT3stKey-7e1f9a0c3d55';
const API_URL = 'https://api.roboflow.com';
const WORKSPACE = 'acme-vision';
const DEFINITION = { version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }], steps: [], outputs: [{ type: 'JsonField', name: 'image', selector: '$inputs.image' }] };
const NOT_FOUND = '{"error": {"message": "Workflow not found.", "type": "GraphMethodException"}}';
const CONFLICT = '{"error": {"message": "The workflow was modified by another request.", "type": "GraphMethodException"}}';

function options(fetchImpl: typeof fetch): ApiCallOptions {
  return { apiKey: API_KEY, redactor: new Redactor(), fetchImpl };
}

describe('Roboflow workspace requests', () => {
  describe('what each call sends, and what it makes of the answer', () => {
    it('the key\'s workspace: POST to the API\'s root with only api_key in the query', async () => {
      const { fetchImpl, sent } = recordingFetch(answer(200, '{"workspace": "acme-vision", "welcome": "Welcome to the Roboflow API."}'));
      assert.deepEqual(await fetchWorkspaceOfKey(options(fetchImpl)), { ok: true, value: { workspace: WORKSPACE } });
      assert.deepEqual(methodsAndUrls(sent), [{ method: 'POST', url: `${API_URL}/?api_key=${API_KEY}` }]);
    });

    it('the workflows: GET /{workspace}/workflows', async () => {
      const { fetchImpl, sent } = recordingFetch(answer(200, '{"workflows": [{"id": "wf_1", "name": "Detect", "url": "detect"}]}'));
      assert.deepEqual(await listWorkflows(options(fetchImpl), WORKSPACE), { ok: true, value: [{ name: 'Detect', url: 'detect', id: 'wf_1' }] });
      assert.deepEqual(methodsAndUrls(sent), [{ method: 'GET', url: `${API_URL}/acme-vision/workflows?api_key=${API_KEY}` }]);
    });

    it('one workflow: GET /{workspace}/workflows/{slug}; a 404 names the workflow and its workspace', async () => {
      const { fetchImpl, sent } = recordingFetch(answer(404, NOT_FOUND));
      assert.deepEqual(await fetchWorkflow(options(fetchImpl), WORKSPACE, 'detect'), {
        ok: false,
        kind: 'http',
        status: 404,
        message: 'Not found (404): the workflow `detect` of workspace `acme-vision`. It may have been renamed or moved to Trash, or the key belongs to another workspace. The API says: Workflow not found.',
      });
      assert.deepEqual(methodsAndUrls(sent), [{ method: 'GET', url: `${API_URL}/acme-vision/workflows/detect?api_key=${API_KEY}` }]);
    });

    it('one workflow: an answer about another workflow is refused, naming the one asked for', async () => {
      const { fetchImpl } = recordingFetch(answer(200, '{"workflow": {"id": "wf_2", "name": "Other", "url": "other", "config": "{}"}}'));
      assert.deepEqual(await fetchWorkflow(options(fetchImpl), WORKSPACE, 'detect'), {
        ok: false,
        kind: 'malformed',
        message: 'Unexpected answer from the Roboflow API for the workflow `detect` of workspace `acme-vision`: The answer describes workflow `other`, not `detect`.',
      });
    });

    it('versions: GET /{workspace}/workflows/{slug}/versions; a 404 names the versions of the workflow', async () => {
      const { fetchImpl, sent } = recordingFetch(answer(404, NOT_FOUND));
      assert.deepEqual(await listWorkflowVersions(options(fetchImpl), WORKSPACE, 'detect'), {
        ok: false,
        kind: 'http',
        status: 404,
        message:
          'Not found (404): the versions of the workflow `detect` of workspace `acme-vision`. It may have been renamed or moved to Trash, or the key belongs to another workspace. The API says: Workflow not found.',
      });
      assert.deepEqual(methodsAndUrls(sent), [{ method: 'GET', url: `${API_URL}/acme-vision/workflows/detect/versions?api_key=${API_KEY}` }]);
    });

    it('a save: POST /{workspace}/updateWorkflow with {id, name, url, config} as JSON; a 409 says the workflow changed meanwhile', async () => {
      const { fetchImpl, sent } = recordingFetch(answer(409, CONFLICT));
      assert.deepEqual(await updateWorkflow(options(fetchImpl), { workspace: WORKSPACE, id: 'wf_1', name: 'Detect', url: 'detect', definition: DEFINITION }), {
        ok: false,
        kind: 'http',
        status: 409,
        message:
          'The Roboflow API refused to save the workflow `detect` of workspace `acme-vision` because of a conflict (409): it probably changed meanwhile. Compare with the workspace first. The API says: The workflow was modified by another request.',
      });
      assert.deepEqual(methodsAndUrls(sent), [
        {
          method: 'POST',
          url: `${API_URL}/acme-vision/updateWorkflow?api_key=${API_KEY}`,
          body: JSON.stringify({ id: 'wf_1', name: 'Detect', url: 'detect', config: JSON.stringify({ specification: DEFINITION }) }),
        },
      ]);
    });

    it('a save the API accepts gives nothing back but success, whatever JSON it answers', async () => {
      const { fetchImpl } = recordingFetch(answer(200, '{"status": "updated"}'));
      assert.deepEqual(await updateWorkflow(options(fetchImpl), { workspace: WORKSPACE, id: 'wf_1', name: 'Detect', url: 'detect', definition: DEFINITION }), { ok: true, value: undefined });
    });

    it('a new workflow: POST /{workspace}/createWorkflow with name, url, config and template in the query; a 409 names the new workflow', async () => {
      const { fetchImpl, sent } = recordingFetch(answer(409, '{"error": {"message": "A workflow with url new-flow already exists."}}'));
      assert.deepEqual(await createWorkflow(options(fetchImpl), { workspace: WORKSPACE, name: 'New Flow', url: 'new-flow', definition: DEFINITION }), {
        ok: false,
        kind: 'http',
        status: 409,
        message:
          'The Roboflow API refused to save the new workflow `new-flow` of workspace `acme-vision` because of a conflict (409): it probably changed meanwhile. Compare with the workspace first. The API says: A workflow with url new-flow already exists.',
      });
      const query = new URLSearchParams({ name: 'New Flow', url: 'new-flow', config: JSON.stringify({ specification: DEFINITION }), template: '{}', api_key: API_KEY });
      assert.deepEqual(methodsAndUrls(sent), [{ method: 'POST', url: `${API_URL}/acme-vision/createWorkflow?${query.toString()}` }]);
    });
  });

  describe('slugs that would change the request path are refused before anything is sent', () => {
    const refusal = (value: string, label: string): ApiResult<never> => ({
      ok: false,
      kind: 'invalid-request',
      message: `\`${value}\` is not a usable ${label} (letters, digits, \`-\`, \`_\`, \`.\`).`,
    });
    const calls: Array<[name: string, call: (o: ApiCallOptions, workspace: string, url: string) => Promise<ApiResult<unknown>>]> = [
      ['fetchWorkflow', (o, workspace, url) => fetchWorkflow(o, workspace, url)],
      ['listWorkflowVersions', (o, workspace, url) => listWorkflowVersions(o, workspace, url)],
      ['updateWorkflow', (o, workspace, url) => updateWorkflow(o, { workspace, id: 'wf_1', name: 'Detect', url, definition: DEFINITION })],
      ['createWorkflow', (o, workspace, url) => createWorkflow(o, { workspace, name: 'Detect', url, definition: DEFINITION })],
    ];
    for (const [name, call] of calls) {
      it(`${name}: a workspace with a slash, then a workflow slug with \`..\``, async () => {
        const { fetchImpl, sent } = recordingFetch(answer(200, '{}'));
        assert.deepEqual(await call(options(fetchImpl), 'acme/vision', 'detect'), refusal('acme/vision', 'workspace'));
        assert.deepEqual(await call(options(fetchImpl), WORKSPACE, '../secrets'), refusal('../secrets', 'workflow slug'));
        assert.equal(sent.length, 0);
      });
    }

    it('listWorkflows: a workspace with a space', async () => {
      const { fetchImpl, sent } = recordingFetch(answer(200, '{}'));
      assert.deepEqual(await listWorkflows(options(fetchImpl), 'acme vision'), refusal('acme vision', 'workspace'));
      assert.equal(sent.length, 0);
    });

    it('quotes at most 100 characters of a long slug', async () => {
      const { fetchImpl } = recordingFetch(answer(200, '{}'));
      const long = `${'a'.repeat(99)}/${'b'.repeat(50)}`;
      assert.deepEqual(await fetchWorkflow(options(fetchImpl), WORKSPACE, long), refusal(`${'a'.repeat(99)}/`, 'workflow slug'));
    });
  });

  describe('the slug of a new workflow, from its name', () => {
    const cases: Array<[name: string, slug: string]> = [
      ['Count People (v2)', 'count-people-v2'],
      ['  --Detect   Objects!! ', 'detect-objects'],
      ['PPE_check.final', 'ppe-check-final'],
      ['Ünïcode Flow', 'n-code-flow'],
      ['!!!', ''],
      ['x'.repeat(150), 'x'.repeat(100)],
      // Cut at 100 characters right after a separator: no dash is left at the end.
      [`${'a'.repeat(99)} b`, 'a'.repeat(99)],
    ];
    for (const [name, slug] of cases) {
      it(`${JSON.stringify(name.length > 40 ? `${name.slice(0, 12)}… (${name.length} characters)` : name)} → ${JSON.stringify(slug.length > 40 ? `${slug.slice(0, 12)}… (${slug.length})` : slug)}`, () => {
        assert.equal(slugFromName(name), slug);
      });
    }
  });
});
