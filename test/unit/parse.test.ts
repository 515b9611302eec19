import assert from 'node:assert/strict';
import { parseTree, type Node } from 'jsonc-parser';
import { duplicateKeys } from '../../src/core/parse/duplicateKeys';
import { nestingDepth, nestingTooDeep, parseJson } from '../../src/core/parse/parseJson';
import { properties, propertyNode, stringValue, valueNode } from '../../src/core/parse/tree';

/** The text a range covers. */
const covered = (text: string, range: { offset: number; length: number }) => text.slice(range.offset, range.offset + range.length);

describe('parse: nesting depth', () => {
  it('counts the deepest bracket and where it opens (the first one at that depth)', () => {
    const text = '{"a": [1, {"b": []}], "c": [[]]}';
    assert.deepEqual(nestingDepth(text), { depth: 4, offset: text.indexOf('[]') });
    assert.deepEqual(nestingDepth('[][][]'), { depth: 1, offset: 0 }, 'closing brackets bring the depth back down');
    assert.deepEqual(nestingDepth('[[]][[]]'), { depth: 2, offset: 1 }, 'the first place that reaches the depth, not a later one');
    assert.deepEqual(nestingDepth('42'), { depth: 0, offset: 0 });
  });

  it('skips brackets inside strings, stepping over escaped quotes but not escaped backslashes', () => {
    assert.deepEqual(nestingDepth('["[[[{{{", "]]]"]'), { depth: 1, offset: 0 });
    const escapedQuote = String.raw`["a\"[[[", [0]]`;
    assert.deepEqual(nestingDepth(escapedQuote), { depth: 2, offset: escapedQuote.indexOf('[0') }, 'the string goes on after \\"');
    const escapedBackslash = String.raw`["a\\", [[0]]]`;
    assert.deepEqual(nestingDepth(escapedBackslash), { depth: 3, offset: escapedBackslash.indexOf('[[0') + 1 }, 'the string ends after \\\\"');
    const threeBackslashes = String.raw`["a\\\"[[[", [0]]`;
    assert.deepEqual(nestingDepth(threeBackslashes), { depth: 2, offset: threeBackslashes.indexOf('[0') });
  });

  it('stops at a string that never closes, with the depth reached so far', () => {
    assert.deepEqual(nestingDepth('[[ "abc [[[['), { depth: 2, offset: 1 });
    assert.deepEqual(nestingDepth('[[ "abc\\" [[['), { depth: 2, offset: 1 }, 'an escaped quote does not close it');
  });

  it('gives the same answer twice (its scanner starts afresh each time)', () => {
    const text = '[[["x"]]]';
    nestingDepth('["unclosed');
    assert.deepEqual(nestingDepth(text), { depth: 3, offset: 2 });
    assert.deepEqual(nestingDepth(text), { depth: 3, offset: 2 });
  });

  it('reports a document too deep to check as an error on its deepest bracket, saying how deep', () => {
    const text = `{"steps": ${'['.repeat(7)}${']'.repeat(7)}}`;
    assert.deepEqual(nestingTooDeep(text), {
      code: 'nesting-too-deep',
      severity: 'error',
      message: 'The document is nested 8 levels deep, too deep to check. A workflow needs only a few levels: look for runaway brackets.',
      range: { offset: 16, length: 1 },
    });
  });
});

describe('parse: strict JSON', () => {
  it('parses an empty document to nothing, with no finding (the editor shows its own hint)', () => {
    assert.deepEqual(parseJson(''), { root: undefined, findings: [] });
    assert.deepEqual(parseJson('  \n').findings, []);
  });

  it('reports comments as json-comment, with a message that says why, on the comment', () => {
    const line = '{\n  // note\n  "version": "1.0"\n}';
    const [comment] = parseJson(line).findings;
    assert.deepEqual({ ...comment, text: covered(line, comment.range) }, {
      code: 'json-comment',
      severity: 'error',
      message: 'Comments are not allowed: the inference server parses strict JSON. Remove the comment.',
      range: comment.range,
      text: '// note',
    });
    const open = '{"a": 1} /* never closed';
    assert.deepEqual(
      parseJson(open).findings.map((f) => [f.code, f.message]),
      [['json-comment', 'Comments are not allowed: the inference server parses strict JSON. Remove the comment.']],
      'an unclosed comment is a comment',
    );
  });

  it('reports each syntax error as json-syntax, with its own message and a range of at least one character', () => {
    const cases: [string, string, string][] = [
      ['{"a": 1,}', 'Expected a property name in double quotes (a trailing comma is not allowed in strict JSON).', '}'],
      ['[1,]', 'Expected a value (a trailing comma is not allowed in strict JSON).', ']'],
      ['{"a": 1 "b": 2}', 'Expected a comma between elements.', '"b"'],
      ['{"a" 1}', 'Expected a colon after the property name.', '1'],
      ['[1] [2]', 'Expected the end of the document: only one JSON value is allowed.', '['],
      ['{"a": tru}', 'Invalid symbol: expected a JSON value (string, number, object, array, true, false or null).', 'tru'],
    ];
    for (const [text, message, marked] of cases) {
      const [first] = parseJson(text).findings;
      assert.deepEqual([first.code, first.severity, first.message, covered(text, first.range)], ['json-syntax', 'error', message, marked], text);
    }
    const [unclosed] = parseJson('{"a": 1').findings;
    assert.equal(unclosed.message, 'Expected a closing brace `}`.');
    assert.deepEqual(unclosed.range, { offset: 7, length: 1 }, 'an error at the very end still gets one character');
  });

  it('keeps the tree it could read beside the errors', () => {
    const text = '{"version": "1.0", "steps": [,]}';
    const { root, findings } = parseJson(text);
    assert.deepEqual(findings.map((f) => covered(text, f.range)), [',', ']']);
    assert.equal(stringValue(valueNode(root, 'version')), '1.0');
  });

  it('reports nesting the parser cannot recurse through instead of crashing', function () {
    this.timeout(60_000);
    const text = `{"steps": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const parsed = parseJson(text);
    assert.equal(parsed.root, undefined);
    assert.deepEqual(parsed.findings.map((f) => [f.code, f.range.offset]), [['nesting-too-deep', 100_009]]);
  });
});

describe('parse: keys written twice', () => {
  const tree = (text: string) => parseTree(text) as Node;

  it('reports every ignored copy with the one that counts (the last), at any depth, in document order', () => {
    const text = '{"a": {"x": 1, "x": 2, "x": 3}, "list": [0, {"y": 1, "y": 2}], "a": {}}';
    const found = duplicateKeys(tree(text)).map((d) => ({ key: d.key, path: d.path, ignored: d.ignored.offset, kept: d.kept.offset }));
    const at = (needle: string, from = 0) => text.indexOf(needle, from);
    assert.deepEqual(found, [
      { key: 'a', path: [], ignored: at('"a"'), kept: at('"a"', 2) },
      { key: 'x', path: ['a'], ignored: at('"x"'), kept: at('"x": 3') },
      { key: 'x', path: ['a'], ignored: at('"x": 2'), kept: at('"x": 3') },
      { key: 'y', path: ['list', 1], ignored: at('"y"'), kept: at('"y": 2') },
    ]);
  });

  it('looks inside the first property and the first element too', () => {
    const found = duplicateKeys(tree('[{"k": {"z": 1, "z": 2}}, 1]'));
    assert.deepEqual(found.map((d) => d.path), [[0, 'k']]);
  });

  it('finds nothing in a document without repeats, or without a tree', () => {
    assert.deepEqual(duplicateKeys(tree('{"a": [1, "s", null, true, {"b": 2}], "c": {"a": 1}}')), []);
    assert.deepEqual(duplicateKeys(undefined), []);
  });
});

describe('parse: tree helpers', () => {
  const root = parseTree('{"a": 1, "b": {"c": "x"}, "a": 2}') as Node;

  it('finds the first property of a name, its value and string values only', () => {
    assert.equal(propertyNode(root, 'a')?.children?.[1]?.value, 1, 'the first copy: the located tree reads the first');
    assert.equal(stringValue(valueNode(valueNode(root, 'b'), 'c')), 'x');
    assert.equal(stringValue(valueNode(root, 'a')), undefined, 'a number is not a string');
    assert.equal(propertyNode(valueNode(root, 'a'), 'x'), undefined, 'a number has no properties');
    assert.equal(valueNode(undefined, 'a'), undefined);
  });

  it('lists an object\'s pairs in document order, once per node', () => {
    const list = properties(root);
    assert.deepEqual(list.map((p) => [p.key, p.value?.type]), [['a', 'number'], ['b', 'object'], ['a', 'number']]);
    assert.equal(properties(root), list, 'the same list, not a new one');
    assert.deepEqual(properties(valueNode(root, 'a')), []);
  });
});
