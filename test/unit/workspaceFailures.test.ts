// What a user reads when a call to the Roboflow REST API fails: every HTTP status the API answers
// (with and without its own words), no answer at all (refused, DNS, cancelled, timeout), a key that
// cannot be sent, a redirect and an answer too big to read. Each request goes to a stand-in
// `fetch` that records what was sent (test/support/recordingFetch.ts), so the exact message and
// the exact request are checked.
import assert from 'node:assert/strict';
import { REDACTED, Redactor } from '../../src/core/redaction/redactor';
import { apiErrorText, describeNoAnswer, type ApiFailure } from '../../src/core/workspace/apiFailures';
import type { ApiCallOptions } from '../../src/core/workspace/restClient';
import { fetchWorkspaceOfKey, listWorkflows, type ApiResult } from '../../src/core/workspace/workspaceApi';
import { answer, methodsAndUrls, recordingFetch, unreachable } from '../support/recordingFetch';
import { findLeak } from '../support/secretLeaks';

const API_KEY = 'rf-FailT3stKey-4b8d0e6f2a91';
const API_URL = 'https://api.roboflow.com';
const WORKSPACE = 'acme-vision';
const LIST = 'the workflows of workspace `acme-vision`';

function options(fetchImpl: typeof fetch, extra: Partial<ApiCallOptions> = {}): ApiCallOptions {
  return { apiKey: API_KEY, redactor: new Redactor(), fetchImpl, ...extra };
}

function failure<T>(result: ApiResult<T>): ApiFailure {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  const text = JSON.stringify(result);
  assert.equal(findLeak(text, API_KEY), undefined, `the key leaked: ${text}`);
  return result as ApiFailure;
}

describe('Roboflow API failures as the user reads them', () => {
  describe('an HTTP error status, with the API\'s own words when it gave some', () => {
    const cases: Array<[status: number, body: string, message: string]> = [
      [
        400,
        '{"error": {"message": "Invalid workflow config.", "type": "GraphMethodException", "hint": "Send config as a JSON string."}}',
        `The Roboflow API rejected the request for ${LIST} (400). The API says: Invalid workflow config. Send config as a JSON string.`,
      ],
      [
        401,
        '{"error": {"message": "This API key does not exist (or has been revoked).", "type": "OAuthException"}}',
        'The Roboflow API refused the API key (401): it is wrong, revoked or expired. Set it again with "Roboflow Workflows: Set Roboflow API Key". The API says: This API key does not exist (or has been revoked).',
      ],
      [402, '{"error": "Your workspace has run out of credits."}', 'The workspace\'s plan does not allow this (402). The API says: Your workspace has run out of credits.'],
      [
        403,
        '{"status": 403, "message": "Forbidden"}',
        `The API key may not access ${LIST} (403): the key may belong to another workspace, lack the permission, or the workspace's plan may not include it. The API says: Forbidden`,
      ],
      [
        404,
        '{"error": {"message": "  Unsupported get request. Object does not exist.\\n", "type": "GraphMethodException"}}',
        `Not found (404): ${LIST}. It may have been renamed or moved to Trash, or the key belongs to another workspace. The API says: Unsupported get request. Object does not exist.`,
      ],
      [422, '{"detail": [{"loc": ["query", "name"], "msg": "field required"}]}', `The Roboflow API answered HTTP 422 for ${LIST}.`],
      [429, '{"error": "Too many requests."}', 'The Roboflow API is rate-limiting requests (429). Wait a moment and try again. The API says: Too many requests.'],
      [500, 'null', `The Roboflow API failed (500) while handling ${LIST}; this is usually temporary. Try again in a moment.`],
      [
        502,
        '{"error": null, "message": "Internal error. Request to Roboflow API failed."}',
        `The Roboflow API failed (502) while handling ${LIST}; this is usually temporary. Try again in a moment. The API says: Internal error. Request to Roboflow API failed.`,
      ],
      [503, '<html><body>503 Service Unavailable</body></html>', `The Roboflow API failed (503) while handling ${LIST}; this is usually temporary. Try again in a moment.`],
    ];
    for (const [status, body, message] of cases) {
      it(`${status}: ${message.slice(0, 60)}…`, async () => {
        const { fetchImpl, sent } = recordingFetch(answer(status, body));
        assert.deepEqual(failure(await listWorkflows(options(fetchImpl), WORKSPACE)), { ok: false, kind: 'http', message, status });
        assert.deepEqual(methodsAndUrls(sent), [{ method: 'GET', url: `${API_URL}/${WORKSPACE}/workflows?api_key=${API_KEY}` }]);
      });
    }

    it('an answer that is not a 2xx (a browser-style fetch gives status 0 for a redirect) is never read as success', async () => {
      const { fetchImpl } = recordingFetch(() => Response.error());
      assert.deepEqual(failure(await listWorkflows(options(fetchImpl), WORKSPACE)), { ok: false, kind: 'http', message: `The Roboflow API answered HTTP 0 for ${LIST}.`, status: 0 });
    });

    it('names the request that failed: the key\'s workspace', async () => {
      const { fetchImpl } = recordingFetch(answer(500, '{}'));
      assert.equal(failure(await fetchWorkspaceOfKey(options(fetchImpl))).message, 'The Roboflow API failed (500) while handling the workspace of the API key; this is usually temporary. Try again in a moment.');
    });
  });

  describe('the API\'s own words (apiErrorText)', () => {
    it('joins `error.message` and `error.hint`, trimmed, leaving out a blank one', () => {
      assert.equal(apiErrorText('{"error": {"message": " Workflow not found. ", "hint": "\\tCheck the slug.\\n"}}'), 'Workflow not found. Check the slug.');
      assert.equal(apiErrorText('{"error": {"message": "   ", "hint": "Reload the workflow before saving."}}'), 'Reload the workflow before saving.');
    });

    it('reads `{"error": "…"}` and a top-level `message`, in that order', () => {
      assert.equal(apiErrorText('{"error": "Not allowed.", "message": "Upgrade your plan."}'), 'Not allowed. Upgrade your plan.');
      assert.equal(apiErrorText('{"message": "Unauthorized api_key"}'), 'Unauthorized api_key');
    });

    it('finds no words in an answer that is not a JSON object or says nothing', () => {
      for (const body of ['null', '"Internal error"', '42', 'true', '[{"message": "in a list"}]', '<html>502</html>', '', '{}', '{"error": {}}', '{"error": {"message": ""}}', '{"error": ["a list"]}']) {
        assert.equal(apiErrorText(body), undefined, body);
      }
    });

    it('keeps 300 characters of a long message and marks the cut', () => {
      const exact = 'x'.repeat(300);
      assert.equal(apiErrorText(JSON.stringify({ message: exact })), exact);
      assert.equal(apiErrorText(JSON.stringify({ message: `${exact}yz` })), `${exact}…`);
    });
  });

  describe('no answer at all', () => {
    const cases: Array<[code: string | undefined, message: string]> = [
      ['ECONNREFUSED', `Could not reach the Roboflow API at ${API_URL}: the connection was refused.`],
      ['ENOTFOUND', `Could not find the host of ${API_URL} (DNS lookup failed). Check your internet connection.`],
      ['EAI_AGAIN', `Could not find the host of ${API_URL} (DNS lookup failed). Check your internet connection.`],
      ['ECONNRESET', `Could not reach the Roboflow API at ${API_URL} (ECONNRESET).`],
      [undefined, `Could not reach the Roboflow API at ${API_URL}.`],
    ];
    for (const [code, message] of cases) {
      it(`${code ?? 'no error code'}: ${message}`, async () => {
        const { fetchImpl, sent } = unreachable(code);
        assert.deepEqual(failure(await listWorkflows(options(fetchImpl), WORKSPACE)), { ok: false, kind: 'network', message });
        assert.equal(sent.length, 1);
      });
    }

    it('cancelled before it was sent: "Cancelled.", and nothing goes out', async () => {
      const { fetchImpl, sent } = recordingFetch(answer(200, '{"workflows": []}'));
      const abort = new AbortController();
      abort.abort();
      assert.deepEqual(failure(await listWorkflows(options(fetchImpl, { signal: abort.signal }), WORKSPACE)), { ok: false, kind: 'cancelled', message: 'Cancelled.' });
      assert.equal(sent.length, 0);
    });

    it('a deadline is given in ms below one second, else in whole seconds', () => {
      const at = (ms: number): string => describeNoAnswer('timeout', undefined, API_URL, ms);
      assert.equal(at(999), `The Roboflow API at ${API_URL} did not answer within 999 ms. Try again; check your network.`);
      assert.equal(at(1000), `The Roboflow API at ${API_URL} did not answer within 1 s. Try again; check your network.`);
      assert.equal(at(30_000), `The Roboflow API at ${API_URL} did not answer within 30 s. Try again; check your network.`);
    });
  });

  describe('an API key that cannot be sent', () => {
    for (const [label, apiKey] of [
      ['none', ''],
      ['only blanks', ' \n'],
    ]) {
      it(`${label}: asks to set one, sends nothing, and masks no blanks in later text`, async () => {
        const { fetchImpl, sent } = recordingFetch(answer(200, '{"workflows": []}'));
        const redactor = new Redactor();
        assert.deepEqual(await listWorkflows(options(fetchImpl, { apiKey, redactor }), WORKSPACE), {
          ok: false,
          kind: 'invalid-request',
          message: 'No Roboflow API key is set. Run "Roboflow Workflows: Set Roboflow API Key".',
        });
        assert.equal(sent.length, 0);
        assert.equal(redactor.redact('line one \nline two'), 'line one \nline two');
      });
    }

    for (const [label, apiKey] of [
      ['a space inside', 'rf-abc def-123'],
      ['a letter outside ASCII first', 'érf-abcdef123'],
      ['a line break inside', 'rf-abc\ndef-123'],
    ]) {
      it(`${label}: asks to set it again, sends nothing, and still masks it in later text`, async () => {
        const { fetchImpl, sent } = recordingFetch(answer(200, '{"workflows": []}'));
        const redactor = new Redactor();
        assert.deepEqual(await listWorkflows(options(fetchImpl, { apiKey, redactor }), WORKSPACE), {
          ok: false,
          kind: 'invalid-request',
          message: 'The API key contains spaces, line breaks or other unexpected characters. Set it again.',
        });
        assert.equal(sent.length, 0);
        assert.equal(redactor.redact(`key: ${apiKey}`), `key: ${REDACTED}`);
      });
    }

    it('a key pasted with a trailing line break is sent without it', async () => {
      const { fetchImpl, sent } = recordingFetch(answer(200, '{"workflows": []}'));
      assert.deepEqual(await listWorkflows(options(fetchImpl, { apiKey: `${API_KEY}\n` }), WORKSPACE), { ok: true, value: [] });
      assert.deepEqual(methodsAndUrls(sent), [{ method: 'GET', url: `${API_URL}/${WORKSPACE}/workflows?api_key=${API_KEY}` }]);
    });
  });

  describe('a redirect is never followed, and names only the origin it points to', () => {
    const redirectMessage = (status: number, where: string): string =>
      `The Roboflow API answered ${LIST} with a redirect (${status}) to ${where}. Redirects are not followed, so the API key is never forwarded: set "roboflowWorkflows.apiUrl" to the final address.`;
    const cases: Array<[label: string, status: number, location: string | undefined, where: string]> = [
      ['to another host, the key in its query', 301, `https://app.roboflow.com/login?next=%2F&api_key=${API_KEY}`, 'https://app.roboflow.com'],
      ['300 Multiple Choices is a redirect too', 300, 'https://mirror.example.com/acme-vision/workflows', 'https://mirror.example.com'],
      ['to a path on the same host', 308, '/v2/acme-vision/workflows', API_URL],
      ['to an address that is not a URL', 302, 'https://[not-a-host/', 'an unknown address'],
      ['without a Location', 307, undefined, 'an unknown address'],
    ];
    for (const [label, status, location, where] of cases) {
      it(`${status} ${label}: "${where}"`, async () => {
        const { fetchImpl, sent } = recordingFetch(answer(status, null, location === undefined ? {} : { location }));
        assert.deepEqual(failure(await listWorkflows(options(fetchImpl), WORKSPACE)), { ok: false, kind: 'redirect', message: redirectMessage(status, where), status });
        // Asked of fetch itself, so that no redirect carries the key in its query to another host.
        assert.deepEqual(sent.map((request) => request.redirect), ['manual']);
      });
    }
  });

  describe('an answer too big to read', () => {
    it('past the default 16 MB: says so, with the status', async () => {
      const { fetchImpl } = recordingFetch(answer(200, '{}', { 'content-length': String(17 * 1024 * 1024) }));
      assert.deepEqual(failure(await listWorkflows(options(fetchImpl), WORKSPACE)), {
        ok: false,
        kind: 'too-large',
        message: `The answer of the Roboflow API for ${LIST} is larger than 16 MB, so reading stopped.`,
        status: 200,
      });
    });

    it('past a cap of 2 MB: names 2 MB', async () => {
      const { fetchImpl } = recordingFetch(answer(200, '{}', { 'content-length': String(3 * 1024 * 1024) }));
      const result = failure(await listWorkflows(options(fetchImpl, { maxResponseBytes: 2 * 1024 * 1024 }), WORKSPACE));
      assert.equal(result.message, `The answer of the Roboflow API for ${LIST} is larger than 2 MB, so reading stopped.`);
    });
  });
});
