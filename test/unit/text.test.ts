import assert from 'node:assert/strict';
import { inferFormatting } from '../../src/core/text/formatting';
import { applyTextEdits, appendAllToArrayEdits, diffEdit, editsOverlap, formattingOf, removePropertyEdits, replaceValueEdit, setProperties, setValueEdits } from '../../src/core/text/jsonEdits';
import { LineIndex } from '../../src/core/text/lineIndex';
import { editDistance, nearest } from '../../src/core/text/nearest';
import { couldBeSecret, describeHiddenValue, looksLikeRandomToken, quoteUserString, showUserString } from '../../src/core/text/secretText';

/** The text helpers every message, quick fix and CLI position goes through, with exact results. */

describe('text: edit distance and "did you mean"', () => {
  it('counts insertions, deletions and substitutions', () => {
    assert.equal(editDistance('', ''), 0);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', ''), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('flaw', 'lawn'), 2);
    assert.equal(editDistance('ab', 'ba'), 2, 'a swap is two edits');
    assert.equal(editDistance('abcd', 'abd'), 1);
    assert.equal(editDistance('abd', 'abcd'), 1);
  });

  it('stops at the limit, answering limit + 1', () => {
    assert.equal(editDistance('a', 'abcdef', 2), 3, 'the lengths alone are too far apart');
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3, 'a row past the limit');
    assert.equal(editDistance('abcdef', 'abcxyz', 3), 3, 'exactly at the limit is an answer');
    assert.equal(editDistance('abcdef', 'abcxyz', 2), 3);
    assert.equal(editDistance('abc', 'abd', 1), 1);
  });

  it('suggests the closest names first, at most three, and nothing far away', () => {
    const steps = ['detection', 'detections', 'crop', 'classifier', 'model_b'];
    assert.deepEqual(nearest('detecton', steps), ['detection', 'detections']);
    assert.deepEqual(nearest('crp', steps), ['crop']);
    assert.deepEqual(nearest('zzzzzz', steps), []);
    assert.deepEqual(nearest('model_a', ['model_b', 'model_c', 'model_d', 'model_e']), ['model_b', 'model_c', 'model_d'], 'ties by name, three at most');
    assert.deepEqual(nearest('model_a', ['model_b', 'model_c'], 1), ['model_b']);
  });

  it('compares block ids by their stem, ignores case, namespace, version and separators, and prefers the spelling typed', () => {
    const blocks = ['roboflow_core/roboflow_object_detection_model@v2', 'roboflow_core/roboflow_object_detection_model@v1', 'roboflow_core/roboflow_classification_model@v2', 'ObjectDetectionModel'];
    assert.deepEqual(nearest('roboflow_core/roboflow_object_detection_model@v3', blocks), [
      'roboflow_core/roboflow_object_detection_model@v1',
      'roboflow_core/roboflow_object_detection_model@v2',
      'ObjectDetectionModel',
    ], 'same stem first (ties by name), then the other spelling of it');
    assert.deepEqual(nearest('ROBOFLOW_OBJECT_DETECTION_MODEL', blocks.slice(0, 2)), ['roboflow_core/roboflow_object_detection_model@v1', 'roboflow_core/roboflow_object_detection_model@v2']);
    assert.deepEqual(nearest('objectdetection', ['ObjectDetectionModel', 'Crop']), ['ObjectDetectionModel'], 'a fragment of 4+ characters of the stem');
    assert.deepEqual(nearest('obj', ['ObjectDetectionModel']), [], 'a fragment shorter than 4 is not a suggestion');
    assert.deepEqual(nearest('a-b c', ['a_bc']), ['a_bc'], 'separators do not count');
  });

  it('ranks by stem distance, then by the whole spelling, then by length', () => {
    assert.deepEqual(nearest('blur', ['blurs', 'blu', 'b_lur']), ['b_lur', 'blu', 'blurs']);
    assert.deepEqual(nearest('cropx', ['crops', 'crop']), ['crop', 'crops'], 'equal distances: the shorter name');
  });
});

describe('text: line index', () => {
  it('maps offsets to 0-based lines and characters, at line starts, ends and beyond', () => {
    const index = new LineIndex('ab\ncd\n\nefg');
    assert.deepEqual(index.position(0), { line: 0, character: 0 });
    assert.deepEqual(index.position(2), { line: 0, character: 2 }, 'the newline belongs to its line');
    assert.deepEqual(index.position(3), { line: 1, character: 0 });
    assert.deepEqual(index.position(5), { line: 1, character: 2 });
    assert.deepEqual(index.position(6), { line: 2, character: 0 });
    assert.deepEqual(index.position(7), { line: 3, character: 0 });
    assert.deepEqual(index.position(10), { line: 3, character: 3 });
    assert.deepEqual(new LineIndex('').position(0), { line: 0, character: 0 });
    assert.deepEqual(new LineIndex('a\r\nb').position(3), { line: 1, character: 0 }, 'CRLF: the line starts after \\n');
  });

  it('finds the right line among many', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
    const index = new LineIndex(text);
    for (const line of [0, 1, 2, 499, 500, 998, 999]) {
      const offset = text.indexOf(`line ${line}`) + 2;
      assert.deepEqual(index.position(offset), { line, character: 2 });
    }
  });
});

describe('text: formatting of an existing document', () => {
  it('reads the indent size, tabs and line ends the document uses', () => {
    assert.deepEqual(inferFormatting('{\n    "a": 1,\n    "b": {\n        "c": 2\n    }\n}'), { insertSpaces: true, tabSize: 4, eol: '\n' });
    assert.deepEqual(inferFormatting('{\r\n  "a": [\r\n    1\r\n  ]\r\n}'), { insertSpaces: true, tabSize: 2, eol: '\r\n' });
    assert.deepEqual(inferFormatting('{\n\t"a": {\n\t\t"b": 1\n\t}\n}'), { insertSpaces: false, tabSize: 4, eol: '\n' });
    assert.deepEqual(inferFormatting('{"a": 1}'), { insertSpaces: true, tabSize: 2, eol: '\n' }, 'no indented line: two spaces');
    assert.deepEqual(inferFormatting('{\n   "a": 1\n}'), { insertSpaces: true, tabSize: 3, eol: '\n' });
  });

  it('goes by the majority of indented lines, and only lines that start with JSON', () => {
    assert.deepEqual(inferFormatting('{\n\t"a": 1,\n  "b": 2,\n  "c": 3\n}').insertSpaces, true, 'one tab against two space indents');
    assert.deepEqual(inferFormatting('{\n\t"a": 1,\n\t"b": 2,\n  "c": 3\n}').insertSpaces, false);
    assert.deepEqual(inferFormatting('{\n\t"a": 1,\n  "c": 3\n}').insertSpaces, true, 'a tie keeps spaces');
    assert.equal(inferFormatting('{\n    "a": "x\n  y"\n}').tabSize, 4, 'an indented line inside a string is not an indent');
    assert.equal(inferFormatting('{\n    "a": [\n  ]\n}').tabSize, 2, 'a closing bracket counts');
  });

  it('gives an empty document two spaces and \\n', () => {
    assert.deepEqual(formattingOf(''), { insertSpaces: true, tabSize: 2, eol: '\n' });
    assert.deepEqual(formattingOf('  \r\n'), { insertSpaces: true, tabSize: 2, eol: '\n' });
    assert.deepEqual(formattingOf('{\r\n    "a": 1\r\n}'), { insertSpaces: true, tabSize: 4, eol: '\r\n' });
  });
});

describe('text: edits', () => {
  it('finds the one differing middle between two texts', () => {
    assert.deepEqual(diffEdit('abcdef', 'abXYef'), { offset: 2, length: 2, newText: 'XY' });
    assert.deepEqual(diffEdit('abc', 'abc'), { offset: 3, length: 0, newText: '' });
    assert.deepEqual(diffEdit('abc', 'abxc'), { offset: 2, length: 0, newText: 'x' });
    assert.deepEqual(diffEdit('aaa', 'aa'), { offset: 2, length: 1, newText: '' }, 'the shared prefix is taken first');
    assert.deepEqual(diffEdit('', 'new'), { offset: 0, length: 0, newText: 'new' });
    assert.deepEqual(diffEdit('old', ''), { offset: 0, length: 3, newText: '' });
    for (const [before, after] of [['abcdef', 'abXYef'], ['aaa', 'aa'], ['xyz', 'xyzxyz'], ['{"a":1}', '{"a":12}']]) {
      assert.equal(applyTextEdits(before, [diffEdit(before, after)]), after);
    }
  });

  it('counts touching edits as overlapping, and apart ones as not', () => {
    const at = (offset: number, length: number) => [{ offset, length, newText: '' }];
    assert.equal(editsOverlap(at(0, 2), at(2, 1)), true, 'touching');
    assert.equal(editsOverlap(at(2, 1), at(0, 2)), true);
    assert.equal(editsOverlap(at(0, 2), at(3, 1)), false);
    assert.equal(editsOverlap(at(3, 1), at(0, 2)), false);
    assert.equal(editsOverlap(at(1, 5), at(2, 1)), true, 'inside');
    assert.equal(editsOverlap([], at(0, 1)), false);
    assert.equal(editsOverlap(at(10, 0), [...at(0, 1), ...at(10, 0)]), true, 'any pair');
  });

  it('replaces a value with its JSON', () => {
    assert.deepEqual(replaceValueEdit({ offset: 4, length: 3 }, 'a"b'), { offset: 4, length: 3, newText: '"a\\"b"' });
    assert.deepEqual(replaceValueEdit({ offset: 0, length: 1 }, 0.5), { offset: 0, length: 1, newText: '0.5' });
  });

  it('sets, removes and adds properties in the document\'s own layout', () => {
    const text = '{\n    "version": "1.0",\n    "steps": []\n}';
    assert.equal(applyTextEdits(text, setValueEdits(text, ['version'], '1.1')), '{\n    "version": "1.1",\n    "steps": []\n}');
    assert.equal(applyTextEdits(text, removePropertyEdits(text, ['version'])), '{\n    "steps": []\n}');
    const grown = setProperties(text, [], [['inputs', []], ['outputs', []]]);
    assert.ok(grown);
    assert.equal(grown.offset, 0);
    assert.equal(applyTextEdits(text, [grown]), '{\n    "version": "1.0",\n    "steps": [],\n    "inputs": [],\n    "outputs": []\n}');
    assert.equal(setProperties(text, ['missing'], [['a', 1]]), undefined);
  });

  it('appends to an array after its last element, in that element\'s layout, or creates it after `version`', () => {
    const text = '{\n  "version": "1.0",\n  "inputs": [\n    {"type": "WorkflowImage", "name": "image"}\n  ],\n  "steps": []\n}';
    const added = applyTextEdits(text, appendAllToArrayEdits(text, ['inputs'], [{ type: 'WorkflowParameter', name: 'a' }, { type: 'WorkflowParameter', name: 'b' }]));
    assert.equal(added, '{\n  "version": "1.0",\n  "inputs": [\n    {"type": "WorkflowImage", "name": "image"},\n    {"type": "WorkflowParameter", "name": "a"},\n    {"type": "WorkflowParameter", "name": "b"}\n  ],\n  "steps": []\n}');
    const oneLine = '{"version": "1.0", "inputs": [{"name": "x"}]}';
    assert.equal(applyTextEdits(oneLine, appendAllToArrayEdits(oneLine, ['inputs'], [{ name: 'y' }])), '{"version": "1.0", "inputs": [{"name": "x"}, {"name": "y"}]}');
    const none = '{\n  "version": "1.0",\n  "steps": []\n}';
    assert.equal(applyTextEdits(none, appendAllToArrayEdits(none, ['inputs'], [{ name: 'a' }, { name: 'b' }])), '{\n  "version": "1.0",\n  "inputs": [\n    {\n      "name": "a"\n    },\n    {\n      "name": "b"\n    }\n  ],\n  "steps": []\n}');
    assert.deepEqual(appendAllToArrayEdits(none, ['inputs'], []), []);
  });
});

describe('text: never quoting a value that could be a secret', () => {
  it('takes long random-looking runs for tokens, and words, model ids and short runs for text', () => {
    assert.equal(looksLikeRandomToken('aB3dE5gH7jK9mN1p'), true, '16 characters, both cases and digits');
    assert.equal(looksLikeRandomToken('aB3dE5gH7jK9mN1'), false, '15 characters');
    assert.equal(looksLikeRandomToken('ab3de5gh7jk9mn1pqr'), false, 'one case and under 32');
    assert.equal(looksLikeRandomToken('ab3de5gh7jk9mn1pqrab3de5gh7jk9mn'), true, 'one case at 32');
    assert.equal(looksLikeRandomToken('abcdefghABCDEFGHijkl'), false, 'no digit');
    assert.equal(looksLikeRandomToken('1234567890123456789'), false, 'no letter');
    assert.equal(looksLikeRandomToken('aB3dE5gH 7jK9mN1p'), false, 'a space');
    assert.equal(looksLikeRandomToken('my-Project-Name/12'), false, 'a model id');
    assert.equal(looksLikeRandomToken('aB3dE5gH7jK9mN1p+/=.~_-'), true, 'base64 and URL characters');
  });

  it('recognises provider keys, auth headers, credentials in query strings and URLs, and tokens among words; never a selector', () => {
    assert.equal(couldBeSecret('sk-proj-' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4'), true);
    assert.equal(couldBeSecret('Bearer abcdefgh12'), true);
    assert.equal(couldBeSecret('basic dXNlcjpwYXNz'), true);
    assert.equal(couldBeSecret('Bearer short'), false, 'under 8 characters after the scheme');
    assert.equal(couldBeSecret('https://h.example/in?token=abcdef'), true);
    assert.equal(couldBeSecret('https://h.example/in?x=1&api-key=abcdef'), true);
    assert.equal(couldBeSecret('https://h.example/in?token=abc'), false, 'too short to be one');
    assert.equal(couldBeSecret('https://h.example/in?monkey=abcdefgh'), false, 'a name that only ends in "key"');
    assert.equal(couldBeSecret('https://user:hunter2@h.example/'), true);
    assert.equal(couldBeSecret('https://user:pw@h.example/'), false, 'a password under 3 characters');
    assert.equal(couldBeSecret('count the cars aB3dE5gH7jK9mN1p please'), true);
    assert.equal(couldBeSecret('count the cars'), false);
    assert.equal(couldBeSecret('$inputs.aB3dE5gH7jK9mN1p'), false);
  });

  it('describes instead of quoting: the kind of a recognised key, the length of anything else', () => {
    const key = 'sk-proj-' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4';
    assert.match(describeHiddenValue(key), /^an? .*OpenAI.*, not shown$/);
    assert.doesNotMatch(describeHiddenValue(key), /A1b2/);
    assert.match(describeHiddenValue(`the key is ${key}`), /^text holding an? .*OpenAI.*, not shown$/);
    assert.equal(describeHiddenValue('aB3dE5gH7jK9mN1p'), 'a value that may be a credential (16 characters, not shown)');
    assert.equal(quoteUserString('aB3dE5gH7jK9mN1p'), 'a value that may be a credential (16 characters, not shown)');
    assert.equal(showUserString('aB3dE5gH7jK9mN1p'), 'a value that may be a credential (16 characters, not shown)');
  });

  it('quotes ordinary text, cut at the limit', () => {
    assert.equal(quoteUserString('cars'), '"cars"');
    assert.equal(quoteUserString('say "hi"'), '"say \\"hi\\""');
    assert.equal(quoteUserString('x'.repeat(40)), `"${'x'.repeat(40)}"`);
    assert.equal(quoteUserString('x'.repeat(41)), `"${'x'.repeat(40)}…"`);
    assert.equal(quoteUserString('abcdef', 3), '"abc…"');
    assert.equal(showUserString('det'), 'det');
  });
});
