// What the workspace calls make of the Roboflow API's answers: the key's workspace, the list of
// workflows, one workflow, its versions, and timestamps in every spelling a JSON API uses. Answers
// are parsed from JSON text, as they arrive.
import assert from 'node:assert/strict';
import { checkVersionList, checkWorkflowDetail, checkWorkflowList, checkWorkspaceInfo, readTimestamp } from '../../src/core/workspace/responses';

const answer = (text: string): unknown => JSON.parse(text);

describe('Workspace API answers, read field by field', () => {
  describe('the key\'s workspace', () => {
    it('reads the slug, also when the workspace comes as an object with its `url`', () => {
      assert.deepEqual(checkWorkspaceInfo(answer('{"workspace": "acme-vision"}')), { ok: true, value: { workspace: 'acme-vision' } });
      assert.deepEqual(checkWorkspaceInfo(answer('{"workspace": {"name": "Acme Vision", "url": "acme-vision"}}')), { ok: true, value: { workspace: 'acme-vision' } });
    });

    it('an answer of `null` names no workspace', () => {
      assert.deepEqual(checkWorkspaceInfo(answer('null')), { ok: false, message: 'The answer names no workspace (expected `{"workspace": "<workspace-slug>"}`).' });
    });
  });

  describe('the list of workflows', () => {
    it('an empty workspace is an empty list, not a failure', () => {
      assert.deepEqual(checkWorkflowList(answer('{"workflows": []}')), { ok: true, value: [] });
    });

    it('keeps each workflow\'s id (a number becomes its digits) and last change', () => {
      const text = '{"workflows": [{"id": "wf_1", "name": "Detect", "url": "detect", "updatedAt": "2026-03-01T09:00:01Z"}, {"id": 42, "name": "Count", "url": "count"}]}';
      assert.deepEqual(checkWorkflowList(answer(text)), {
        ok: true,
        value: [
          { name: 'Count', url: 'count', id: '42' },
          { name: 'Detect', url: 'detect', id: 'wf_1', updatedAt: '2026-03-01T09:00:01.000Z' },
        ],
      });
    });

    it('an id that is not finite, blank or an object is left out', () => {
      const text = '{"workflows": [{"id": 1e400, "name": "A", "url": "a"}, {"id": " ", "name": "B", "url": "b"}, {"id": {"$oid": "65f0"}, "name": "C", "url": "c"}]}';
      assert.deepEqual(checkWorkflowList(answer(text)), {
        ok: true,
        value: [
          { name: 'A', url: 'a' },
          { name: 'B', url: 'b' },
          { name: 'C', url: 'c' },
        ],
      });
    });

    it('a blank or overlong name (over 500 characters) shows the slug instead', () => {
      const longest = 'N'.repeat(500);
      const list = { workflows: [{ name: '   ', url: 'blank' }, { name: `${longest}!`, url: 'too-long' }, { name: longest, url: 'longest' }] };
      assert.deepEqual(checkWorkflowList(answer(JSON.stringify(list))), {
        ok: true,
        value: [
          { name: 'blank', url: 'blank' },
          { name: longest, url: 'longest' },
          { name: 'too-long', url: 'too-long' },
        ],
      });
    });

    it('skips `null` entries', () => {
      assert.deepEqual(checkWorkflowList(answer('{"workflows": [null, {"name": "Detect", "url": "detect"}]}')), { ok: true, value: [{ name: 'Detect', url: 'detect' }] });
    });

    it('sorts by name, then by slug', () => {
      const text = '{"workflows": [{"name": "Same", "url": "same-b"}, {"name": "Beta", "url": "a-first-slug"}, {"name": "Alpha", "url": "z-last-slug"}, {"name": "Same", "url": "same-a"}]}';
      const result = checkWorkflowList(answer(text));
      assert.ok(result.ok);
      assert.deepEqual(
        result.value.map((w) => w.url),
        ['z-last-slug', 'a-first-slug', 'same-a', 'same-b'],
      );
    });
  });

  describe('one workflow', () => {
    it('an answer without a `workflow` object says so', () => {
      assert.deepEqual(checkWorkflowDetail(answer('{"workflows": []}'), 'detect'), { ok: false, message: 'The answer has no `workflow` object.' });
    });

    it('keeps its last change, however the API spells the field', () => {
      assert.deepEqual(checkWorkflowDetail(answer('{"workflow": {"id": "wf_1", "name": "Detect", "url": "detect", "config": "{}", "updatedAt": "2026-03-01T09:00:01Z"}}'), 'detect'), {
        ok: true,
        value: { id: 'wf_1', name: 'Detect', url: 'detect', config: '{}', updatedAt: '2026-03-01T09:00:01.000Z' },
      });
      const firestore = checkWorkflowDetail(answer('{"workflow": {"id": "wf_1", "url": "detect", "config": "{}", "modified": {"_seconds": 1772355600, "_nanoseconds": 0}}}'), 'detect');
      assert.deepEqual(firestore, { ok: true, value: { id: 'wf_1', name: 'detect', url: 'detect', config: '{}', updatedAt: '2026-03-01T09:00:00.000Z' } });
    });
  });

  describe('the versions of a workflow', () => {
    it('a workflow never saved twice may have no versions: an empty list', () => {
      assert.deepEqual(checkVersionList(answer('{"versions": []}')), { ok: true, value: [] });
    });

    it('skips `null` entries', () => {
      assert.deepEqual(checkVersionList(answer('{"versions": [null, {"id": "v1", "config": "{}"}]}')), { ok: true, value: [{ id: 'v1', config: '{}' }] });
    });

    it('a list where no version has an `id` or `version` is refused', () => {
      assert.deepEqual(checkVersionList(answer('{"versions": [{"created": "2026-01-01T00:00:00Z"}, {"id": ""}]}')), { ok: false, message: 'None of the listed versions has an `id` or `version`.' });
    });

    it('keeps the API\'s order unless every version is dated', () => {
      const text = '{"versions": [{"id": "v1"}, {"id": "v2", "created": "2026-01-01T00:00:00Z"}, {"id": "v3", "created": "2026-02-01T00:00:00Z"}]}';
      assert.deepEqual(checkVersionList(answer(text)), {
        ok: true,
        value: [
          { id: 'v1' },
          { id: 'v2', createdAt: '2026-01-01T00:00:00.000Z' },
          { id: 'v3', createdAt: '2026-02-01T00:00:00.000Z' },
        ],
      });
    });
  });

  describe('timestamps', () => {
    it('epoch numbers below 1e11 are seconds, from 1e11 on milliseconds', () => {
      assert.equal(readTimestamp(99_999_999_999), new Date(99_999_999_999_000).toISOString());
      assert.equal(readTimestamp(1e11), '1973-03-03T09:46:40.000Z');
    });

    it('the number 0 (or below) means "never", but an ISO string of the epoch is the epoch', () => {
      assert.equal(readTimestamp(0), undefined);
      assert.equal(readTimestamp(-1), undefined);
      assert.equal(readTimestamp('1970-01-01T00:00:00Z'), '1970-01-01T00:00:00.000Z');
      assert.equal(readTimestamp({ _seconds: 0 }), '1970-01-01T00:00:00.000Z');
    });

    it('reads protobuf-style `{seconds}` as well as Firestore\'s `{_seconds}`', () => {
      assert.equal(readTimestamp({ seconds: 1772355600, nanos: 0 }), '2026-03-01T09:00:00.000Z');
    });

    it('a time before 1970 or past the last date JavaScript can hold is unreadable', () => {
      assert.equal(readTimestamp({ _seconds: -1 }), undefined);
      assert.equal(readTimestamp('1969-12-31T23:59:59Z'), undefined);
      assert.equal(readTimestamp(8.64e15), '+275760-09-13T00:00:00.000Z');
      assert.equal(readTimestamp(8.64e15 + 1), undefined);
      assert.equal(readTimestamp({ _seconds: 8.64e12 + 1 }), undefined);
    });

    it('reads a date string of up to 64 characters, and does not try longer ones', () => {
      const cest = 'Mon Jun 01 2026 11:00:00 GMT+0200 (Central European Summer Time)';
      assert.equal(cest.length, 64);
      assert.equal(readTimestamp(cest), '2026-06-01T09:00:00.000Z');
      const hawaii = 'Wed Jul 01 2026 00:00:00 GMT-1000 (Hawaii-Aleutian Standard Time)';
      assert.equal(hawaii.length, 65);
      assert.equal(readTimestamp(hawaii), undefined);
    });
  });
});
