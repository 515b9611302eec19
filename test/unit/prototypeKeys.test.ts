// Keys that name Object.prototype members (`toString`, `constructor`, `__proto__`…) in files,
// workflows and webview messages: issue 8 item 6. A sidecar `{"toString": "owner-key"}` made
// `SHARING_OPTION_VALUES[key]` a function ("allowed.includes is not a function"), which took the
// security lenses and the preview down for that workflow. Every parser is fuzzed with such keys,
// wrong types and duplicate keys.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { blocksFromDescribe } from '../../src/core/catalog/fromDescribe';
import { buildRunInputs } from '../../src/core/preview/runRequest';
import { checkSharingFile, toggleSharingOptionEdits } from '../../src/core/sharing/sidecar';
import { DEFAULT_SHARING_SETTINGS, parseSharingSettings, SHARING_CODES, SHARING_OPTION_VALUES } from '../../src/core/sharing/settings';
import { applyTextEdits } from '../../src/core/text/jsonEdits';
import { lintWorkflow } from '../../src/core/lint';
import { controlFor, parseDraft } from '../../src/protocol/inputValues';
import { parseHostMessage, parseWebviewMessage, type ParameterField } from '../../src/protocol/preview';
import { analysisOf, gpt } from '../support/securitySteps';
import { propertyRuns } from '../support/propertyRuns';

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'toLocaleString'];
const catalog = bundledCatalog();

function slice(text: string, range: { offset: number; length: number }): string {
  return text.slice(range.offset, range.offset + range.length);
}

describe('prototype keys: the sharing sidecar', () => {
  it('reads {"toString": "owner-key"} as an unknown key, with the defaults', () => {
    for (const key of PROTOTYPE_KEYS) {
      const text = `{ ${JSON.stringify(key)}: "owner-key" }`;
      const parsed = parseSharingSettings(text);
      assert.deepEqual(parsed.settings, DEFAULT_SHARING_SETTINGS, key);
      assert.deepEqual(
        parsed.findings.map((f) => [f.code, f.severity, slice(text, f.range)]),
        [[SHARING_CODES.unknownKey, 'warning', JSON.stringify(key)]],
        key,
      );
      assert.match(parsed.findings[0].message, new RegExp(`^Unknown sharing setting \`${key.replace(/[$_]/g, '\\$&')}\``));
      // The checks built on it (the lenses, the preview's share plan) keep working.
      assert.doesNotThrow(() => checkSharingFile(text, analysisOf([gpt('ask')])), key);
      assert.equal(toggleSharingOptionEdits(text, 'runAccess').value, 'owner-key');
    }
  });

  it('warns on every earlier copy of a duplicated key, on its exact range; the last one applies', () => {
    const text = '{\n  "runAccess": "owner-key",\n  "credentials": "owner-hidden",\n  "runAccess": "own-key"\n}';
    const parsed = parseSharingSettings(text);
    assert.deepEqual(parsed.settings, { runAccess: 'own-key', credentials: 'owner-hidden' });
    assert.deepEqual(parsed.duplicated, ['runAccess']);
    assert.deepEqual(
      parsed.findings.map((f) => [f.code, f.severity, f.range, f.message]),
      [[SHARING_CODES.duplicateKey, 'warning', { offset: 4, length: 11 }, '`runAccess` is set more than once; only the last one (line 4) applies. Remove this one.']],
    );
    assert.deepEqual(parsed.findings[0].related, [{ message: 'The `runAccess` that applies', range: { offset: 65, length: 11 } }]);
    // Toggling changes the copy that applies, so the toggle is visible.
    const toggled = applyTextEdits(text, toggleSharingOptionEdits(text, 'runAccess').edits);
    assert.equal(toggled, text.replace('"runAccess": "own-key"', '"runAccess": "owner-key"'));
    assert.equal(parseSharingSettings(toggled).settings.runAccess, 'owner-key');
  });

  it('fuzz: never throws; settings are always valid values; each duplicate is warned about on its key', () => {
    const key = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, 'runAccess', 'credentials', '$schema'), fc.string({ maxLength: 8 }));
    const value = fc.oneof(fc.constantFrom('owner-key', 'own-key', 'owner-hidden', 'user-provided', 'toString'), fc.jsonValue({ maxDepth: 2 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 8 }), (entries) => {
        const text = `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
        const parsed = parseSharingSettings(text);
        assert.ok(SHARING_OPTION_VALUES.runAccess.includes(parsed.settings.runAccess));
        assert.ok(SHARING_OPTION_VALUES.credentials.includes(parsed.settings.credentials));
        assert.deepEqual(Object.keys(parsed.settings).sort(), ['credentials', 'runAccess']);
        for (const f of parsed.findings) assert.ok(f.range.offset >= 0 && f.range.offset + f.range.length <= text.length);
        const counts = new Map<string, number>();
        for (const [k] of entries) counts.set(k, (counts.get(k) ?? 0) + 1);
        const expectedDuplicates = [...counts.values()].reduce((n, c) => n + c - 1, 0);
        const duplicates = parsed.findings.filter((f) => f.code === SHARING_CODES.duplicateKey);
        assert.equal(duplicates.length, expectedDuplicates);
        for (const f of duplicates) assert.ok(counts.get(JSON.parse(slice(text, f.range)))! > 1);
        // What applies is what JSON.parse reads: the last copy of each key.
        const plain = JSON.parse(text) as Record<string, unknown>;
        for (const option of ['runAccess', 'credentials'] as const) {
          const last = Object.prototype.hasOwnProperty.call(plain, option) ? plain[option] : undefined;
          const valid = (SHARING_OPTION_VALUES[option] as readonly unknown[]).includes(last);
          assert.equal(parsed.settings[option], valid ? last : DEFAULT_SHARING_SETTINGS[option]);
        }
        checkSharingFile(text, analysisOf([gpt('ask')]));
      }),
      { numRuns: propertyRuns(1500), seed: 8 },
    );
  });
});

describe('prototype keys: webview messages', () => {
  it('rejects inherited names as types, and prototype keys as extra fields', () => {
    for (const key of PROTOTYPE_KEYS) {
      assert.equal(parseWebviewMessage({ type: key }).ok, false, key);
      assert.equal(parseHostMessage({ type: key }).ok, false, key);
      const extra = JSON.parse(`{"type": "pickImage", "input": "image", ${JSON.stringify(key)}: 1}`);
      assert.equal(parseWebviewMessage(extra).ok, false, `pickImage + ${key}`);
      assert.equal(parseWebviewMessage(JSON.parse(`{"type": "copy", "target": {"scope": "all", ${JSON.stringify(key)}: 1}}`)).ok, false);
    }
    // A type only on the prototype is no type.
    assert.equal(parseWebviewMessage(Object.create({ type: 'ready' })).ok, false);
  });

  it('allows input names that are prototype keys in run values, and reads only own values', () => {
    const message = JSON.parse('{"type": "run", "runId": 1, "values": {"__proto__": "3", "toString": "x"}, "imageUrls": {"constructor": "https://e.com/a.jpg"}, "runSinks": false}');
    const parsed = parseWebviewMessage(message);
    assert.equal(parsed.ok, true);
    const fields: ParameterField[] = ['__proto__', 'toString', 'valueOf'].map((name) => ({ kind: 'parameter', name, control: 'text', kinds: ['string'], hasDefault: false }));
    const built = buildRunInputs({ fields: [...fields, { kind: 'image', name: 'hasOwnProperty' }], drafts: message.values, images: JSON.parse('{"hasOwnProperty": {"type": "url", "value": "https://e.com/b.jpg"}}'), credentials: JSON.parse('{"__proto__": "sk-x"}') });
    assert.ok(built.ok);
    assert.deepEqual(JSON.parse(JSON.stringify(built.value)), JSON.parse('{"__proto__": "sk-x", "toString": "x", "hasOwnProperty": {"type": "url", "value": "https://e.com/b.jpg"}}'));
    // An image input named like a prototype member with no image is still missing.
    const missing = buildRunInputs({ fields: [{ kind: 'image', name: 'constructor' }], drafts: {}, images: {}, credentials: {} });
    assert.deepEqual(missing, { ok: false, message: 'Choose an image for `constructor` (a file from the workspace, or a URL).' });
  });

  it('fuzz: validators never throw, and accept nothing with a key outside the message shape', () => {
    const valid = fc.constantFrom<Record<string, unknown>>(
      { type: 'ready' },
      { type: 'cancel' },
      { type: 'pickImage', input: 'image' },
      { type: 'setMode', mode: 'owner' },
      { type: 'command', command: 'showLog' },
      { type: 'setCredential', name: 'openai_api_key' },
      { type: 'copy', target: { scope: 'all' } },
      { type: 'run', runId: 1, values: {}, imageUrls: {}, runSinks: false },
    );
    const wrongValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(undefined, () => 1, Symbol('s'), new Date(0), Object.create(null)));
    fc.assert(
      fc.property(valid, fc.constantFrom(...PROTOTYPE_KEYS, 'extra'), wrongValue, fc.nat(), (base, key, value, which) => {
        // An extra key, prototype-named or not: rejected.
        const extra = JSON.parse(JSON.stringify(base));
        Object.defineProperty(extra, key, { value, enumerable: true, configurable: true, writable: true });
        assert.equal(parseWebviewMessage(extra).ok, false, `${JSON.stringify(base)} + ${key}`);
        // One field of the right name replaced by a value of the wrong type: never throws.
        const keys = Object.keys(base).filter((k) => k !== 'type');
        if (keys.length) {
          const replaced = { ...base, [keys[which % keys.length]]: value };
          const result = parseWebviewMessage(replaced);
          if (result.ok) assert.deepEqual(JSON.parse(JSON.stringify(result.message)), JSON.parse(JSON.stringify(replaced)));
        }
        parseHostMessage(extra);
      }),
      { numRuns: propertyRuns(3000), seed: 6 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        parseWebviewMessage(value);
        parseHostMessage(value);
      }),
      { numRuns: propertyRuns(2000), seed: 66 },
    );
  });
});

describe('prototype keys: workflows, catalogs and form values', () => {
  const workflow = (inputType: string, taskType: string) =>
    JSON.stringify({
      version: '1.0',
      inputs: [{ type: 'WorkflowImage', name: 'image' }, { type: inputType, name: 'x' }],
      steps: [{ type: 'roboflow_core/anthropic_claude@v1', name: 'c', images: '$inputs.image', task_type: taskType, prompt: '$inputs.x', api_key: '$inputs.x' }],
      outputs: [{ type: 'JsonField', name: 'out', selector: '$steps.c.output' }],
    });

  it('reports an input type or a task named like a prototype member instead of crashing', () => {
    for (const key of PROTOTYPE_KEYS) {
      const inputType = lintWorkflow(workflow(key, 'unconstrained'), catalog).findings;
      assert.ok(inputType.some((f) => f.code === 'unknown-input-type'), `input type ${key}`);
      const task = lintWorkflow(workflow('WorkflowParameter', key), catalog).findings;
      assert.ok(task.some((f) => f.code === 'invalid-value' && f.message.startsWith('`task_type` of Anthropic Claude step `c`')), `task ${key}: ${task.map((f) => f.code)}`);
    }
  });

  it('gives a JSON control, not a function, to an unknown kind named like a prototype member', () => {
    for (const key of PROTOTYPE_KEYS) assert.deepEqual(controlFor([key]), { control: 'json' });
    const field: ParameterField = { kind: 'parameter', name: 'n', control: 'text', kinds: ['string'], hasDefault: false };
    assert.deepEqual(parseDraft(field, (() => 'x') as unknown as string), { ok: false, message: '`n` expects text.' });
  });

  it('reads a server block whose $ref or default names a prototype member', () => {
    const [block] = blocksFromDescribe({
      blocks: [
        {
          manifest_type_identifier: 'acme/custom@v1',
          block_schema: { type: 'object', properties: { a: { $ref: '#/$defs/constructor' }, b: { type: 'string' } }, $defs: {} },
          outputs_manifest: [{ name: 'out', kind: [] }],
        },
      ],
    });
    assert.deepEqual(
      block.fields.map((f) => [f.name, f.literalTypes, 'default' in f]),
      [
        ['a', ['any'], false],
        ['b', ['string'], false],
      ],
    );
  });
});
