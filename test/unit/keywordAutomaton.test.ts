import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KeywordAutomaton, type Keyword } from '../../src/core/redaction/keywordAutomaton';
import { propertyRuns } from '../support/propertyRuns';

/** What the automaton must report, found the slow way: every start offset of every keyword, compared
 * exactly or with ASCII letters folded. Sorted as the automaton reports (by end, then longest first). */
function naiveMatches(keywords: readonly Keyword[], text: string, foldCase = true): string[] {
  const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const found: { index: number; start: number; end: number }[] = [];
  keywords.forEach((keyword, index) => {
    if (!keyword.text) return;
    const exact = !foldCase || keyword.caseSensitive;
    const haystack = exact ? text : fold(text);
    const needle = exact ? keyword.text : fold(keyword.text);
    for (let start = haystack.indexOf(needle); start !== -1; start = haystack.indexOf(needle, start + 1)) {
      found.push({ index, start, end: start + needle.length });
    }
  });
  return found.sort((a, b) => a.end - b.end || b.end - b.start - (a.end - a.start) || a.index - b.index).map(({ index, start, end }) => `${index}@${start}-${end}`);
}

function scanned(automaton: KeywordAutomaton, text: string): string[] {
  const found: { index: number; start: number; end: number }[] = [];
  automaton.scan(text, (index, start, end) => found.push({ index, start, end }));
  // Keywords of one length ending at one offset come in keyword order within a state; order them alike.
  return found.sort((a, b) => a.end - b.end || b.end - b.start - (a.end - a.start) || a.index - b.index).map(({ index, start, end }) => `${index}@${start}-${end}`);
}

/** Drives the automaton through its public tables, as the two-view scanner does. */
function drivenByTables(automaton: KeywordAutomaton, text: string): string[] {
  const { classOf, nextRow, firstReportingRow } = automaton.tables;
  const found: string[] = [];
  let row = 0;
  for (let i = 0; i < text.length; i++) {
    row = nextRow[row + classOf[text.charCodeAt(i)]];
    if (row >= firstReportingRow) automaton.keywordsEndingAt(row, (index) => found.push(`${index}@${i + 1}`));
    else automaton.keywordsEndingAt(row, (index) => assert.fail(`row ${row} below the first reporting row ${firstReportingRow} ends keyword ${index}`));
  }
  return found;
}

const letters = fc.constantFrom(...'abAB-é😀'.split(''));
const keywordText = fc.string({ unit: letters, minLength: 0, maxLength: 4 });
const keywordsArb = fc.array(fc.record({ text: keywordText, caseSensitive: fc.boolean() }), { minLength: 0, maxLength: 6 });
const textArb = fc.string({ unit: fc.constantFrom(...'abAB-é😀x'.split('')), maxLength: 40 });

describe('KeywordAutomaton against a naive search', () => {
  it('reports exactly the occurrences a naive search finds, with ASCII case folded for case-insensitive keywords', () => {
    fc.assert(
      fc.property(keywordsArb, textArb, (keywords, text) => {
        assert.deepEqual(scanned(new KeywordAutomaton(keywords), text), naiveMatches(keywords, text));
      }),
      { numRuns: propertyRuns(400) },
    );
  });

  it('without case folding, matches every keyword exactly, whatever its flag says', () => {
    fc.assert(
      fc.property(keywordsArb, textArb, (keywords, text) => {
        assert.deepEqual(scanned(new KeywordAutomaton(keywords, { foldCase: false }), text), naiveMatches(keywords, text, false));
      }),
      { numRuns: propertyRuns(400) },
    );
  });

  it('driven through its tables, reports at exactly the rows from firstReportingRow on', () => {
    fc.assert(
      fc.property(keywordsArb, textArb, (keywords, text) => {
        const automaton = new KeywordAutomaton(keywords, { foldCase: false });
        const expected = naiveMatches(keywords, text, false).map((m) => `${m.split('@')[0]}@${m.split('-')[1]}`);
        assert.deepEqual(drivenByTables(automaton, text).sort(), expected.sort());
      }),
      { numRuns: propertyRuns(400) },
    );
  });
});

describe('KeywordAutomaton', () => {
  it('reports the keywords ending at one place longest first, through the output links', () => {
    const automaton = new KeywordAutomaton(
      ['abcd', 'bcd', 'cd', 'd', 'xx'].map((text) => ({ text, caseSensitive: true })),
      { foldCase: false },
    );
    const found: string[] = [];
    automaton.scan('abcd', (index, start, end) => found.push(`${index}@${start}-${end}`));
    assert.deepEqual(found, ['0@0-4', '1@1-4', '2@2-4', '3@3-4']);
  });

  it('folds only ASCII letters: `É` and `é` stay different characters', () => {
    const automaton = new KeywordAutomaton([{ text: 'é', caseSensitive: false }]);
    const found: number[] = [];
    automaton.scan('Éé', (_index, start) => found.push(start));
    assert.deepEqual(found, [1]);
  });

  it('folds `@` and `[` (the codes beside A and Z) to nothing: they match only themselves', () => {
    const automaton = new KeywordAutomaton([
      { text: '@', caseSensitive: false },
      { text: '[', caseSensitive: false },
      { text: 'a', caseSensitive: false },
      { text: 'z', caseSensitive: false },
    ]);
    const found: string[] = [];
    automaton.scan('`@[{AZaz', (index, start) => found.push(`${index}@${start}`));
    assert.deepEqual(found, ['0@1', '1@2', '2@4', '3@5', '2@6', '3@7']);
  });

  it('folds a case-insensitive keyword written in capitals, `Z` included', () => {
    const automaton = new KeywordAutomaton([{ text: 'AZ', caseSensitive: false }]);
    const found: number[] = [];
    automaton.scan('az AZ aZ a! ax', (_index, start) => found.push(start));
    assert.deepEqual(found, [0, 3, 6]);
  });

  it('numbers the reporting states last, so exactly the rows from firstReportingRow on report', () => {
    // States: root, a (reports), b, bc (reports); classes: none, a, b, c. Reporting last: root, b, a, bc.
    const { classOf, nextRow, firstReportingRow } = new KeywordAutomaton(['a', 'bc'].map((text) => ({ text, caseSensitive: true })), { foldCase: false }).tables;
    const classCount = 4;
    assert.equal(nextRow.length, 4 * classCount);
    assert.equal(firstReportingRow, 2 * classCount);
    const rowAfter = (text: string) => [...text].reduce((row, c) => nextRow[row + classOf[c.charCodeAt(0)]], 0);
    assert.deepEqual(['b', 'a', 'bc', 'x'].map(rowAfter), [1 * classCount, 2 * classCount, 3 * classCount, 0]);
  });

  it('a state on the way to a keyword does not report, even when its failure link is the root', () => {
    const { firstReportingRow } = new KeywordAutomaton([{ text: 'ab', caseSensitive: true }], { foldCase: false }).tables;
    // root, a, ab: only ab reports; three classes (none, a, b).
    assert.equal(firstReportingRow, 2 * 3);
  });

  it('confirms a case-sensitive keyword with letters by an exact compare, and one without letters needs none', () => {
    const automaton = new KeywordAutomaton([
      { text: 'Key', caseSensitive: true },
      { text: 'kEY', caseSensitive: false },
      { text: '12', caseSensitive: true },
    ]);
    const found: string[] = [];
    automaton.scan('KEY Key 12', (index, start) => found.push(`${index}@${start}`));
    assert.deepEqual(found, ['1@0', '0@4', '1@4', '2@8']);
  });

  it('skips empty keywords and still finds the others', () => {
    const automaton = new KeywordAutomaton([
      { text: '', caseSensitive: true },
      { text: 'ab', caseSensitive: true },
    ]);
    const found: string[] = [];
    automaton.scan('xab', (index, start, end) => found.push(`${index}@${start}-${end}`));
    assert.deepEqual(found, ['1@1-3']);
  });

  it('counts its states (the root and one per distinct prefix) and knows its longest keyword', () => {
    const automaton = new KeywordAutomaton(['abc', 'abd', 'b', 'ABX'].map((text) => ({ text, caseSensitive: false })));
    // root, a, ab, abc, abd, b, abx
    assert.equal(automaton.stateCount, 7);
    assert.equal(automaton.longestKeyword, 3);
    assert.equal(automaton.keywordLength(2), 1);
    assert.equal(new KeywordAutomaton([]).longestKeyword, 0);
    assert.equal(new KeywordAutomaton([]).stateCount, 1);
  });

  it('with no reporting state, puts the first reporting row beyond every row', () => {
    const { nextRow, firstReportingRow } = new KeywordAutomaton([{ text: '', caseSensitive: true }]).tables;
    assert.ok(firstReportingRow > nextRow.length, `${firstReportingRow} should exceed ${nextRow.length}`);
    const some = new KeywordAutomaton([{ text: 'a', caseSensitive: true }]).tables;
    assert.ok(some.firstReportingRow > 0 && some.firstReportingRow < some.nextRow.length);
  });

  it('reportMatchesAt reports against the text it is given, confirming case-sensitive keywords there', () => {
    const automaton = new KeywordAutomaton([{ text: 'Ab', caseSensitive: true }]);
    const { classOf, nextRow } = automaton.tables;
    let row = 0;
    for (const c of 'ab') row = nextRow[row + classOf[c.charCodeAt(0)]];
    const found: string[] = [];
    automaton.reportMatchesAt('ab', row, 2, (index, start, end) => found.push(`${index}@${start}-${end}`));
    assert.equal(found.length, 0, `a case-sensitive keyword matched with the wrong case: ${found.join(", ")}`);
    automaton.reportMatchesAt('Ab', row, 2, (index, start, end) => found.push(`${index}@${start}-${end}`));
    assert.deepEqual(found, ['0@0-2']);
  });
});
