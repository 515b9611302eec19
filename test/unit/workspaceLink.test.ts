// Link files, config wrapping and sync state: the pure half of "Working with a Roboflow workspace".
import assert from 'node:assert/strict';
import { linkPathFor, parseLinkFile, serializeLinkFile, workflowPathFor, type WorkflowLink } from '../../src/core/workspace/linkFile';
import { checkVersionList, checkWorkflowDetail, checkWorkflowList, readTimestamp } from '../../src/core/workspace/responses';
import { computeSyncState, localDefinition, localDefinitionHash } from '../../src/core/workspace/syncState';
import { canonicalJson, definitionHash, formatDefinition, unwrapConfig, wrapConfig } from '../../src/core/workspace/workflowConfig';

const DEFINITION = { version: '1.0', inputs: [], steps: [], outputs: [{ type: 'JsonField', name: 'x', selector: '$inputs.x' }] };

describe('Workspace workflow config', () => {
  it('wraps as {"specification": …} and unwraps both shapes', () => {
    assert.equal(wrapConfig(DEFINITION), JSON.stringify({ specification: DEFINITION }));
    assert.deepEqual(unwrapConfig(wrapConfig(DEFINITION)), { ok: true, definition: DEFINITION, wrapped: true });
    assert.deepEqual(unwrapConfig(`\uFEFF${JSON.stringify(DEFINITION)}`), { ok: true, definition: DEFINITION, wrapped: false });
  });

  it('explains configs it cannot open', () => {
    assert.deepEqual(unwrapConfig('{}'), { ok: false, message: 'It has no definition yet (its `config` is empty).' });
    assert.deepEqual(unwrapConfig('{"specification": 3}'), { ok: false, message: 'Its `config.specification` is not a JSON object.' });
    assert.deepEqual(unwrapConfig('nope'), { ok: false, message: 'Its `config` is not valid JSON.' });
    assert.deepEqual(unwrapConfig('[1]'), { ok: false, message: 'Its `config` is not a JSON object.' });
  });

  it('reads a bare definition that has only some of version, inputs, steps and outputs', () => {
    const partial = { version: '1.0', steps: [] };
    assert.deepEqual(unwrapConfig(JSON.stringify(partial)), { ok: true, definition: partial, wrapped: false });
  });

  it('explains a config that is `null`, or an object that is not a definition', () => {
    assert.deepEqual(unwrapConfig('null'), { ok: false, message: 'Its `config` is not a JSON object.' });
    assert.deepEqual(unwrapConfig('{"name": "Detect", "description": "no definition here"}'), { ok: false, message: 'Its `config` holds neither `specification` nor a workflow definition.' });
  });

  it('drops only a byte-order mark at the start: one inside a name stays', () => {
    const named = { ...DEFINITION, outputs: [{ type: 'JsonField', name: 'x\uFEFFy', selector: '$inputs.x' }] };
    assert.deepEqual(unwrapConfig(wrapConfig(named)), { ok: true, definition: named, wrapped: true });
  });

  it('writes canonical JSON compactly, keys sorted at every level, arrays in order', () => {
    assert.equal(canonicalJson({ b: [3, { d: null, c: 'x' }, []], a: {} }), '{"a":{},"b":[3,{"c":"x","d":null},[]]}');
  });

  it('hashes content, not formatting or key order', () => {
    const reordered = { outputs: DEFINITION.outputs, steps: [], inputs: [], version: '1.0' };
    assert.equal(canonicalJson(reordered), canonicalJson(DEFINITION));
    assert.equal(definitionHash(reordered), definitionHash(DEFINITION));
    assert.equal(localDefinitionHash(formatDefinition(DEFINITION)), definitionHash(DEFINITION));
    assert.equal(localDefinitionHash('// a comment\n' + JSON.stringify(DEFINITION)), definitionHash(DEFINITION));
    assert.notEqual(definitionHash({ ...DEFINITION, version: '1.1' }), definitionHash(DEFINITION));
    assert.equal(localDefinitionHash('{"version": '), undefined);
    assert.match(definitionHash(DEFINITION), /^sha256:[0-9a-f]{64}$/);
  });
});

describe('Link files', () => {
  let link: WorkflowLink;
  beforeEach(() => {
    link = {
      format: 1,
      workspace: 'acme-vision',
      id: 'wf_1',
      url: 'detect',
      name: 'Detect',
      pulled: { definitionHash: definitionHash(DEFINITION), updatedAt: '2026-03-01T09:00:01.000Z', at: '2026-03-02T10:00:00.000Z' },
    };
  });

  it('round-trips', () => {
    assert.deepEqual(parseLinkFile(serializeLinkFile(link)), { ok: true, link });
  });

  it('writes two-space JSON with its schema first and a final newline', () => {
    assert.equal(
      serializeLinkFile(link),
      `{
  "$schema": "https://roboflow-workflows-community.github.io/schemas/workflow-link.schema.json",
  "format": 1,
  "workspace": "acme-vision",
  "id": "wf_1",
  "url": "detect",
  "name": "Detect",
  "pulled": {
    "definitionHash": "${definitionHash(DEFINITION)}",
    "updatedAt": "2026-03-01T09:00:01.000Z",
    "at": "2026-03-02T10:00:00.000Z"
  }
}
`,
    );
  });

  it('keeps the version restored, when there is one', () => {
    const restored: WorkflowLink = { ...link, pulled: { ...link.pulled, versionId: 'wf_1-v3' } };
    assert.deepEqual(parseLinkFile(serializeLinkFile(restored)), { ok: true, link: restored });
  });

  it('reads a link edited by hand: comments and trailing commas are fine', () => {
    const text = `{
  // pulled from acme-vision
  "format": 1,
  "workspace": "acme-vision",
  "id": "wf_1",
  "url": "detect",
  "name": "Detect",
  "pulled": {
    "definitionHash": "${link.pulled.definitionHash}",
    "updatedAt": "2026-03-01T09:00:01.000Z",
    "at": "2026-03-02T10:00:00.000Z",
  },
}
`;
    assert.deepEqual(parseLinkFile(text), { ok: true, link });
  });

  it('without a name, or with an empty one, shows the slug; without `at`, an empty `at`', () => {
    const { name: _name, ...unnamed } = link;
    const { at: _at, ...undated } = link.pulled;
    assert.deepEqual(parseLinkFile(JSON.stringify({ ...unnamed, pulled: undated })), { ok: true, link: { ...link, name: 'detect', pulled: { ...undated, at: '' } } });
    assert.deepEqual(parseLinkFile(JSON.stringify({ ...link, name: '' })), { ok: true, link: { ...link, name: 'detect' } });
  });

  it('refuses a file that is not one JSON object: null, a list, a string, a number, a cut-off object', () => {
    const full = serializeLinkFile(link);
    const cut = full.slice(0, full.lastIndexOf('}'));
    for (const text of ['null', '[]', '"detect"', '42', cut]) {
      assert.deepEqual(parseLinkFile(text), { ok: false, message: 'The link file is not a JSON object.' }, text);
    }
  });

  it('refuses a `pulled` that is not an object, and a hash with anything before or after it', () => {
    assert.deepEqual(parseLinkFile(JSON.stringify({ ...link, pulled: [link.pulled] })), { ok: false, message: 'The link file has no `pulled` object.' });
    const hash = definitionHash(DEFINITION);
    for (const definitionHashText of [`x${hash}`, `${hash}0`, `${hash}\n`]) {
      assert.deepEqual(parseLinkFile(JSON.stringify({ ...link, pulled: { ...link.pulled, definitionHash: definitionHashText } })), { ok: false, message: 'The link file has no valid `pulled.definitionHash`.' }, definitionHashText);
    }
  });

  it('names the link beside the workflow and back', () => {
    assert.equal(linkPathFor('/w/detect.workflow.json'), '/w/detect.workflow.roboflow.json');
    assert.equal(workflowPathFor('/w/detect.workflow.roboflow.json'), '/w/detect.workflow.json');
    assert.equal(linkPathFor('/w/detect.json'), undefined);
  });

  it('rejects broken links with the field at fault', () => {
    const without = (key: string): string => JSON.stringify({ ...link, [key]: undefined });
    assert.deepEqual(parseLinkFile(without('workspace')), { ok: false, message: 'The link file has no usable `workspace`.' });
    assert.deepEqual(parseLinkFile(without('id')), { ok: false, message: 'The link file has no `id`.' });
    assert.deepEqual(parseLinkFile(JSON.stringify({ ...link, url: '../x' })), { ok: false, message: 'The link file has no usable `url` (the workflow slug).' });
    assert.deepEqual(parseLinkFile(JSON.stringify({ ...link, pulled: { definitionHash: 'md5:1' } })), { ok: false, message: 'The link file has no valid `pulled.definitionHash`.' });
    assert.deepEqual(parseLinkFile(JSON.stringify({ ...link, format: 2 })), { ok: false, message: 'The link file has format 2; this version reads format 1.' });
    assert.deepEqual(parseLinkFile('['), { ok: false, message: 'The link file is not a JSON object.' });
    // An inherited property is not a field.
    assert.deepEqual(parseLinkFile('{"__proto__": {"workspace": "x"}}'), { ok: false, message: 'The link file has no usable `workspace`.' });
  });
});

describe('Sync state', () => {
  const pulled = 'sha256:' + 'a'.repeat(64);
  const other = 'sha256:' + 'b'.repeat(64);
  const third = 'sha256:' + 'c'.repeat(64);
  const cases: Array<[string | undefined, string | undefined, string, boolean]> = [
    [pulled, pulled, 'in-sync', true],
    [other, pulled, 'local-changes', true],
    [undefined, pulled, 'local-changes', true],
    [pulled, other, 'workspace-changed', true],
    [other, third, 'both-changed', true],
    [other, other, 'in-sync', true],
    [pulled, undefined, 'in-sync', false],
    [other, undefined, 'local-changes', false],
    [undefined, undefined, 'local-changes', false],
  ];
  for (const [localHash, remoteHash, state, remoteKnown] of cases) {
    it(`local ${localHash?.slice(7, 8) ?? 'unparseable'}, workspace ${remoteHash?.slice(7, 8) ?? 'unknown'} → ${state}`, () => {
      assert.deepEqual(computeSyncState({ pulledHash: pulled, localHash, remoteHash }), { state, remoteKnown });
    });
  }
});

describe('The local file\'s definition', () => {
  it('is read with comments and trailing commas, and hashed like the same JSON without them', () => {
    const text = `// detect people\n${JSON.stringify(DEFINITION, null, 2).replace(/\n}$/, ',\n}')}`;
    assert.deepEqual(localDefinition(text), DEFINITION);
    assert.equal(localDefinitionHash(text), definitionHash(DEFINITION));
  });

  it('is nothing when the file is not one JSON object: null, a number, a string, a list, a cut-off object', () => {
    for (const text of ['null', '42', '"text"', '[]', '{"version": "1.0", "steps": [']) {
      assert.equal(localDefinition(text), undefined, text);
      assert.equal(localDefinitionHash(text), undefined, text);
    }
  });
});

describe('Workspace API answers', () => {
  it('reads timestamps as ISO strings, epoch seconds or ms, and Firestore objects', () => {
    assert.equal(readTimestamp('2026-03-01T09:00:00Z'), '2026-03-01T09:00:00.000Z');
    assert.equal(readTimestamp(1772355600), '2026-03-01T09:00:00.000Z');
    assert.equal(readTimestamp(1772355600000), '2026-03-01T09:00:00.000Z');
    assert.equal(readTimestamp({ _seconds: 1772355600, _nanoseconds: 0 }), '2026-03-01T09:00:00.000Z');
    assert.equal(readTimestamp('yesterday'), undefined);
    assert.equal(readTimestamp({ toString: () => '2026' }), undefined);
  });

  it('skips list entries it could not open, and fails when none is usable', () => {
    assert.deepEqual(checkWorkflowList({ workflows: [{ url: 'ok', name: 'OK' }, { url: '../x' }, 'junk', { name: 'no slug' }] }), { ok: true, value: [{ name: 'OK', url: 'ok' }] });
    assert.deepEqual(checkWorkflowList({ workflows: [{ url: '/' }] }), { ok: false, message: 'None of the listed workflows has a usable `url` slug.' });
    assert.deepEqual(checkWorkflowList(Object.create({ workflows: [] }) as unknown), { ok: false, message: 'The answer has no `workflows` list.' });
  });

  it('needs id, slug and config string on one workflow', () => {
    assert.deepEqual(checkWorkflowDetail({ workflow: { url: 'a', config: '{}' } }), { ok: false, message: 'The workflow in the answer has no `id` (needed to save it back).' });
    assert.deepEqual(checkWorkflowDetail({ workflow: { id: 'i', url: 'a', config: {} } }), { ok: false, message: 'The workflow in the answer has no `config` string.' });
    assert.deepEqual(checkWorkflowDetail({ workflow: { id: 'i', url: 'b', config: '{}' } }, 'a'), { ok: false, message: 'The answer describes workflow `b`, not `a`.' });
    assert.deepEqual(checkWorkflowDetail({ workflow: { id: 5, url: 'a', config: '{}', name: 'A' } }, 'a'), { ok: true, value: { id: '5', name: 'A', url: 'a', config: '{}' } });
  });

  it('reads versions by `id` or `version` (both spellings appear in roboflow-python)', () => {
    assert.deepEqual(checkVersionList({ versions: [{ version: '1', created: '2026-01-01' }, { version: 2, created: '2026-02-01' }] }), {
      ok: true,
      value: [
        { id: '2', createdAt: '2026-02-01T00:00:00.000Z' },
        { id: '1', createdAt: '2026-01-01T00:00:00.000Z' },
      ],
    });
    assert.deepEqual(checkVersionList({ versions: [{ id: 'v1' }] }), { ok: true, value: [{ id: 'v1' }] });
  });
});
