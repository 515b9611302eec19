import assert from 'node:assert/strict';
import { findNodeAtOffset, parseTree, type Node } from 'jsonc-parser';
import { bundledCatalog } from '../../src/core/catalog/bundled';
import { changedRegion } from '../../src/core/incremental/changedRegion';
import { leafEditIn } from '../../src/core/incremental/leafEdit';
import { movedRange, RangeTouchesEdit, withMovedRanges } from '../../src/core/incremental/shiftRanges';
import { treeWithLeaf } from '../../src/core/incremental/shiftTree';
import { buildWorkflowModel } from '../../src/core/model/workflow';

/** The differing middle, one character at a time: what changedRegion must agree with. */
function naiveRegion(before: string, after: string) {
  let start = 0;
  while (start < Math.min(before.length, after.length) && before[start] === after[start]) start++;
  let end = 0;
  while (end < Math.min(before.length, after.length) - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { offset: start, length: before.length - start - end, newText: after.slice(start, after.length - end) };
}

describe('incremental: the changed region of an edit', () => {
  it('agrees with a character-by-character diff around every block boundary', () => {
    const filler = (n: number, seed: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((i * 7 + seed) % 26))).join('');
    for (const prefix of [0, 1, 4095, 4096, 4097, 8191, 8192, 8193]) {
      for (const suffix of [0, 1, 4095, 4096, 4097, 8200]) {
        const head = filler(prefix, 1);
        const tail = filler(suffix, 3);
        for (const [removed, inserted] of [['', 'X'], ['Q', ''], ['QQ', 'XYZ'], ['', '']]) {
          const before = head + removed + tail;
          const after = head + inserted + tail;
          assert.deepEqual(changedRegion(before, after), naiveRegion(before, after), `prefix ${prefix}, suffix ${suffix}, ${removed}→${inserted}`);
        }
      }
    }
  });

  it('finds the middle when a repeated text makes the edit ambiguous, as the naive diff does', () => {
    const before = 'a'.repeat(5000);
    const after = 'a'.repeat(5001);
    assert.deepEqual(changedRegion(before, after), { offset: 5000, length: 0, newText: 'a' });
    assert.deepEqual(changedRegion('', 'abc'), { offset: 0, length: 0, newText: 'abc' });
    assert.deepEqual(changedRegion('abc', ''), { offset: 0, length: 3, newText: '' });
  });
});

describe('incremental: moving ranges past an edit of [10, 20) that grew by 5', () => {
  const move = (offset: number, length: number, extra: object = {}) => movedRange({ offset, length, ...extra }, 10, 20, 5);

  it('keeps ranges before, moves ranges after, grows ranges around', () => {
    assert.deepEqual(move(0, 10), { offset: 0, length: 10 }, 'ends where the edit starts');
    assert.deepEqual(move(20, 3), { offset: 25, length: 3 }, 'starts where the edit ends');
    assert.deepEqual(move(30, 0), { offset: 35, length: 0 });
    assert.deepEqual(move(10, 10), { offset: 10, length: 15 }, 'exactly the edited literal');
    assert.deepEqual(move(5, 20), { offset: 5, length: 25 });
    assert.deepEqual(move(5, 20, { newText: '' }), { offset: 5, length: 25, newText: '' }, 'a deletion around it still applies');
  });

  it('refuses ranges inside or across the edit, and a replacement around it (its text is stale)', () => {
    for (const [offset, length] of [[12, 2], [5, 8], [15, 10], [11, 9]]) {
      assert.throws(() => move(offset, length), RangeTouchesEdit, `${offset}+${length}`);
    }
    assert.throws(() => move(5, 20, { newText: 'old' }), RangeTouchesEdit);
  });

  it('copies plain data with every range in it moved, leaving what was shared shared', () => {
    const shared = { offset: 30, length: 1 };
    const path = ['steps', 0, 'name'];
    const data = { a: shared, b: [shared, { range: { offset: 1, length: 2 } }], path, n: 3, s: 'x', none: null, skipMe: { offset: 30, length: 1 } };
    const moved = withMovedRanges(data, 10, 20, 5, new Set(['skipMe']));
    assert.deepEqual(moved, { a: { offset: 35, length: 1 }, b: [{ offset: 35, length: 1 }, { range: { offset: 1, length: 2 } }], path, n: 3, s: 'x', none: null });
    assert.equal(moved.a, moved.b[0], 'shared before, shared after');
    assert.equal(moved.path, path, 'a path carries no offsets: the same array');
    assert.notEqual(moved.b, data.b);
    assert.deepEqual(data.a, { offset: 30, length: 1 }, 'the original is untouched');
    assert.throws(() => withMovedRanges({ findings: [{ range: { offset: 12, length: 1 } }] }, 10, 20, 5), RangeTouchesEdit);
  });

  it('moves only objects with a numeric offset and length, and ranges in lists that hold other values too', () => {
    const values = ['a', 1, null, true];
    const data = { offsetOnly: { offset: 30, note: 'x' }, lengthOnly: { length: 30 }, mixed: ['label', { offset: 30, length: 1 }], values };
    const moved = withMovedRanges(data, 10, 20, 5);
    assert.deepEqual(moved, { offsetOnly: { offset: 30, note: 'x' }, lengthOnly: { length: 30 }, mixed: ['label', { offset: 35, length: 1 }], values });
    assert.equal(moved.values, values, 'plain values (null too) carry no offsets: the same array');
  });
});

describe('incremental: a tree with one leaf replaced', () => {
  /** A tree without parent links, for comparing. */
  const plain = (node: Node): unknown => ({
    type: node.type,
    offset: node.offset,
    length: node.length,
    ...(node.value !== undefined || !node.children ? { value: node.value } : {}),
    ...(node.colonOffset !== undefined ? { colonOffset: node.colonOffset } : {}),
    ...(node.children ? { children: node.children.map(plain) } : {}),
  });

  it('is what parsing the edited text gives, with the old tree untouched', () => {
    const before = '{"a": [1, "two", {"b": 0.5}], "c": {"d": true}, "e": "end"}';
    // `"c"` is a key: its property's colon moves with it.
    for (const [needle, replacement, value] of [['"two"', '"twenty-two"', 'twenty-two'], ['0.5', '0.75', 0.75], ['true', 'false', false], ['1', '100', 100], ['"end"', '""', ''], ['"c"', '"cc"', 'cc']] as const) {
      const oldRoot = parseTree(before)!;
      const snapshot = JSON.stringify(plain(oldRoot));
      const offset = before.indexOf(needle);
      const after = before.slice(0, offset) + replacement + before.slice(offset + needle.length);
      const leaf = findNodeAtOffset(oldRoot, offset)!;
      const { root, leaf: newLeaf } = treeWithLeaf(oldRoot, leaf, value, replacement.length - needle.length);
      assert.deepEqual(plain(root), plain(parseTree(after)!), `${needle} → ${replacement}`);
      assert.equal(newLeaf.value, value);
      assert.equal(after.slice(newLeaf.offset, newLeaf.offset + newLeaf.length), replacement);
      assert.equal(JSON.stringify(plain(oldRoot)), snapshot, 'the old tree is unchanged');
      assert.equal('parent' in root, false, 'the root has no parent key, as jsonc-parser builds it');
      let node: Node | undefined = newLeaf;
      while (node?.parent) node = node.parent;
      assert.equal(node, root, 'parent links lead to the new root');
    }
  });

  it('moves a node that starts right where the leaf ends, as in a list missing its comma', () => {
    const oldRoot = parseTree('[1"a"]')!;
    const { root } = treeWithLeaf(oldRoot, oldRoot.children![0], 12, 1);
    assert.deepEqual(plain(root), plain(parseTree('[12"a"]')!));
    assert.equal(root.children![1].offset, 3);
  });
});

describe('incremental: the literal an edit changes', () => {
  const catalog = bundledCatalog();
  /** What leafEditIn finds for the edit from `before` to `after`: the leaf's text in `before`, and the rest. */
  function leafEdit(before: string, after: string) {
    const model = buildWorkflowModel(parseTree(before)!, catalog);
    const edit = leafEditIn(model, before, after, changedRegion(before, after));
    return edit && { leaf: before.slice(edit.leaf.offset, edit.leaf.offset + edit.leaf.length), at: edit.leaf.offset, step: edit.step.index, key: edit.key, delta: edit.delta, newValue: edit.newValue };
  }
  const doc = (steps: unknown[]) => JSON.stringify({ version: '1.0', inputs: [{ type: 'WorkflowImage', name: 'image' }], steps, outputs: [] });
  const det = (fields: object) => ({ type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image', model_id: 'yolov8n-640', ...fields });

  it('is the value of the property the edit falls in, with its key, or a list item without one', () => {
    const before = doc([det({ confidence: 0.4, class_filter: ['car', 'bus'] })]);
    assert.deepEqual(leafEdit(before, before.replace('0.4', '0.45')), { leaf: '0.4', at: before.indexOf('0.4'), step: 0, key: 'confidence', delta: 1, newValue: 0.45 });
    assert.deepEqual(leafEdit(before, before.replace('"bus"', '"buses"')), { leaf: '"bus"', at: before.indexOf('"bus"'), step: 0, key: undefined, delta: 2, newValue: 'buses' });
  });

  it('is the literal a pasted value replaces, however far back the change reaches', () => {
    // A step whose first property is a literal; the new model id differs from its first to its last character.
    const before = doc([{ confidence: 0.4, model_id: 'people-detection-o4rdr/7', type: 'roboflow_core/roboflow_object_detection_model@v2', name: 'det', images: '$inputs.image' }]);
    const after = before.replace('people-detection-o4rdr/7', 'hard-hats-detection-x1/9');
    assert.deepEqual(changedRegion(before, after), { offset: before.indexOf('people'), length: 24, newText: 'hard-hats-detection-x1/9' });
    assert.deepEqual(leafEdit(before, after), { leaf: '"people-detection-o4rdr/7"', at: before.indexOf('"people'), step: 0, key: 'model_id', delta: 0, newValue: 'hard-hats-detection-x1/9' });
    assert.deepEqual(leafEdit(before, before.replace('0.4', '0.5')), { leaf: '0.4', at: before.indexOf('0.4'), step: 0, key: 'confidence', delta: 0, newValue: 0.5 });
  });

  it('is none when the edit reaches from the key into its value', () => {
    const before = doc([det({ confidence: 0.4 })]);
    const after = before.replace('"confidence":0.4', '"confidencX":0.5');
    assert.deepEqual(changedRegion(before, after), { offset: before.indexOf('e":0.4'), length: 6, newText: 'X":0.5' });
    assert.equal(leafEdit(before, after), undefined);
  });

  it('is none when a `$` appears or disappears (a selector may start or stop)', () => {
    const before = doc([det({ class_filter: ['car'] })]);
    assert.equal(leafEdit(before, before.replace('"$inputs.image"', '"inputs.image"')), undefined);
    assert.equal(leafEdit(before, before.replace('"car"', '"$car"')), undefined);
  });

  it('is a step that is itself a literal, edited at its start or end, and none for an edit across steps or outside them', () => {
    const before = doc([5, 6, 7]);
    const at = (needle: string) => before.indexOf(needle);
    assert.deepEqual(leafEdit(before, before.replace('[5,', '[56,')), { leaf: '5', at: at('[5,') + 1, step: 0, key: undefined, delta: 1, newValue: 56 });
    assert.deepEqual(leafEdit(before, before.replace(',6,', ',76,')), { leaf: '6', at: at(',6,') + 1, step: 1, key: undefined, delta: 1, newValue: 76 });
    assert.equal(leafEdit(before, before.replace('6,7]', '9,9]')), undefined, 'two steps changed');
    assert.equal(leafEdit(before, before.replace('"1.0"', '"1.1"')), undefined, 'the version changed');
  });
});
