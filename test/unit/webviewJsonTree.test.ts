import assert from 'node:assert/strict';
import { jsonTree } from '../../src/webview/jsonTree';
import { useDom } from '../support/dom';

/** The visible text of the tree's only top-level line. */
const root = (value: unknown) => jsonTree(value, 'out:0:x').querySelector(':scope > li')!;
const children = (li: Element) => Array.from(li.querySelectorAll(':scope > details > ul.json-children > li'));
const summary = (li: Element) => li.querySelector(':scope > details > summary')?.textContent;

describe('preview JSON tree: values', () => {
  useDom();

  it('shows strings quoted and escaped as JSON, numbers, booleans and null as they are', () => {
    assert.equal(root('say "hi"\n').textContent, '"say \\"hi\\"\\n"');
    assert.equal(root('say "hi"\n').querySelector('.json-string')?.textContent, '"say \\"hi\\"\\n"');
    assert.equal(root(-1.5e-7).querySelector('.json-number')?.textContent, '-1.5e-7');
    assert.equal(root(0).querySelector('.json-number')?.textContent, '0');
    assert.equal(root(true).querySelector('.json-boolean')?.textContent, 'true');
    assert.equal(root(false).querySelector('.json-boolean')?.textContent, 'false');
    assert.equal(root(null).querySelector('.json-null')?.textContent, 'null');
  });

  it('shows a value JSON cannot hold (undefined) in the null style rather than failing', () => {
    assert.equal(root(undefined).querySelector('.json-null')?.textContent, 'undefined');
  });

  it('shows a string of 240 characters whole', () => {
    const s = root('x'.repeat(240)).querySelector('.json-string')!;
    assert.equal(s.textContent, `"${'x'.repeat(240)}"`);
    assert.equal(s.hasAttribute('title'), false);
  });

  it('never cuts an emoji in half', () => {
    const s = root('y'.repeat(239) + '😀' + 'z'.repeat(10)).querySelector('.json-string')!;
    assert.equal(s.textContent, `"${'y'.repeat(239)}" … 12 more characters`);
    // Every high surrogate (U+D800–U+DBFF) starts a pair; the character after the range does not.
    const cutAfter = (code: number) => root('y'.repeat(239) + String.fromCharCode(code) + 'z'.repeat(10)).querySelector('.json-string .muted')!.textContent;
    assert.deepEqual([0xd800, 0xdbff, 0xdc00].map(cutAfter), [' … 11 more characters', ' … 11 more characters', ' … 10 more characters']);
  });

  it('cuts a longer string at 240 characters and says how many more there are', () => {
    const s = root('y'.repeat(240) + 'z'.repeat(10)).querySelector('.json-string')!;
    assert.equal(s.textContent, `"${'y'.repeat(240)}" … 10 more characters`);
    assert.equal(s.getAttribute('title'), '250 characters');
    assert.equal(s.querySelector('.muted')?.textContent, ' … 10 more characters');
  });

  it('shows markup in strings as text', () => {
    const tree = jsonTree({ '<b>k</b>': '<img src=x onerror=alert(1)>' }, 'p');
    assert.equal(tree.querySelector('img'), null);
    assert.equal(tree.querySelector('b'), null);
    assert.equal(tree.querySelector('.json-key')?.textContent, '"<b>k</b>"');
  });
});

describe('preview JSON tree: objects and lists', () => {
  useDom();

  it('opens the top level, with a count of keys, and folds what is inside', () => {
    const li = root({ a: 1, b: { c: [1, 2, 3] } });
    const top = li.querySelector(':scope > details')!;
    assert.equal(top.hasAttribute('open'), true);
    assert.equal(summary(li), '{ 2 keys }');
    const [a, b] = children(li);
    assert.equal(a.textContent, '"a": 1');
    assert.equal(a.querySelector('.json-key')?.textContent, '"a"');
    assert.equal(summary(b), '"b": { 1 key }');
    assert.equal(b.querySelector(':scope > details')?.hasAttribute('open'), false, 'second level folded');
    const [c] = children(b);
    assert.equal(summary(c), '"c": [ 3 items ]');
    assert.deepEqual(children(c).map((x) => x.textContent), ['0: 1', '1: 2', '2: 3']);
    assert.deepEqual(children(c).map((x) => x.querySelector('.json-index')?.textContent), ['0', '1', '2']);
  });

  it('says "1 item" and "1 key" for one', () => {
    assert.equal(summary(root(['only'])), '[ 1 item ]');
    assert.equal(summary(root({ only: 1 })), '{ 1 key }');
  });

  it('styles a fold\'s brackets as punctuation and its count as muted', () => {
    const parts = Array.from(root({ a: [1, 2] }).querySelector(':scope > details > ul > li > details > summary')!.childNodes).map((n) => [(n as Element).getAttribute?.('class') ?? '#text', n.textContent]);
    assert.deepEqual(parts, [['json-key', '"a"'], ['#text', ': '], ['json-punct', '['], ['muted', ' 2 items '], ['json-punct', ']']]);
  });

  it('shows empty objects and lists as {} and [] without a fold', () => {
    assert.equal(root({}).textContent, '{}');
    assert.equal(root([]).textContent, '[]');
    assert.equal(root({}).querySelector('details'), null);
    assert.equal(root({}).querySelector('.json-punct')?.textContent, '{}');
    assert.equal(root([]).querySelector('.json-punct')?.textContent, '[]');
    assert.equal(children(root({ e: [] }))[0].textContent, '"e": []');
  });

  it('shows the first 100 entries of a long list and counts the rest', () => {
    const items = children(root(Array.from({ length: 105 }, (_, i) => i)));
    assert.equal(items.length, 101);
    assert.equal(items[99].textContent, '99: 99');
    assert.equal(items[100].textContent, '… 5 more');
    assert.equal(items[100].getAttribute('class'), 'muted');
    const exactly = children(root(Array.from({ length: 100 }, (_, i) => i)));
    assert.equal(exactly.length, 100);
    assert.equal(exactly.at(-1)?.textContent, '99: 99', 'exactly 100: nothing left out');
  });

  it('keys each fold by its path, so open folds stay open when the results are drawn again', () => {
    const tree = jsonTree({ a: { b: [{ c: 1 }] } }, 'out:0:x');
    assert.deepEqual(Array.from(tree.querySelectorAll('details')).map((d) => d.getAttribute('data-key')), ['json:out:0:x', 'json:out:0:x/a', 'json:out:0:x/a/b', 'json:out:0:x/a/b/0']);
  });
});
