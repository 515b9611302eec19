/**
 * An Aho–Corasick automaton: finds every occurrence of many keywords in one left-to-right pass,
 * whatever their number. The redactor feeds it every secret variant and every credential-pattern
 * trigger, so a 20 MB response is read once instead of once per keyword.
 *
 * ASCII letters are folded to one case inside the automaton so that case-insensitive triggers
 * (`Bearer`, `BEARER`) share states; case-sensitive keywords are confirmed with an exact compare
 * when they are found, which is rare and cheap.
 */

export interface Keyword {
  text: string;
  caseSensitive: boolean;
}

/** Called for each occurrence; `start` is inclusive, `end` exclusive. */
export type KeywordHandler = (keywordIndex: number, start: number, end: number) => void;

const CHAR_CODE_COUNT = 0x10000;
const ROOT = 0;
/** Larger than any row, and still a small integer so the scan loop compares integers only. */
const NO_REPORTING_ROW = 0x7fffffff;

function foldAsciiCase(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** Character class of every UTF-16 code unit; 0 means "appears in no keyword". */
function characterClasses(keywords: readonly Keyword[], foldCase: boolean): { classOf: Uint16Array; classCount: number } {
  const classOf = new Uint16Array(CHAR_CODE_COUNT);
  let classCount = 1;
  for (const keyword of keywords) {
    for (let i = 0; i < keyword.text.length; i++) {
      const code = keyword.text.charCodeAt(i);
      const folded = foldCase ? foldAsciiCase(code) : code;
      if (classOf[folded] === 0) classOf[folded] = classCount++;
    }
  }
  if (foldCase) for (let upper = 65; upper <= 90; upper++) classOf[upper] = classOf[upper + 32];
  return { classOf, classCount };
}

interface Trie {
  children: Map<number, number>[];
  /** Keywords ending exactly at each state. */
  endingHere: number[][];
}

function buildTrie(keywords: readonly Keyword[], classOf: Uint16Array): Trie {
  const children: Map<number, number>[] = [new Map()];
  const endingHere: number[][] = [[]];
  keywords.forEach((keyword, index) => {
    if (keyword.text.length === 0) return;
    let state = ROOT;
    for (let i = 0; i < keyword.text.length; i++) {
      const cls = classOf[keyword.text.charCodeAt(i)];
      let child = children[state].get(cls);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        endingHere.push([]);
        children[state].set(cls, child);
      }
      state = child;
    }
    endingHere[state].push(index);
  });
  return { children, endingHere };
}

interface Transitions {
  /** `dense[state * classCount + class]` is the next state, failure links already applied. */
  dense: Int32Array;
  /** Nearest state on the failure chain that ends a keyword, or -1. */
  outputLink: Int32Array;
  /** 1 when the state, or a state on its failure chain, ends a keyword. */
  reports: Uint8Array;
}

function buildTransitions({ children, endingHere }: Trie, classCount: number): Transitions {
  const stateCount = children.length;
  const dense = new Int32Array(stateCount * classCount);
  const failure = new Int32Array(stateCount);
  const outputLink = new Int32Array(stateCount).fill(-1);
  const reports = new Uint8Array(stateCount);
  // Breadth-first, so a state's failure target is complete before the state itself.
  const queue: number[] = [];
  for (const [cls, child] of children[ROOT]) {
    dense[cls] = child;
    queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    const fail = failure[state];
    outputLink[state] = endingHere[fail].length > 0 ? fail : outputLink[fail];
    reports[state] = endingHere[state].length > 0 || outputLink[state] !== -1 ? 1 : 0;
    for (let cls = 0; cls < classCount; cls++) {
      const child = children[state].get(cls);
      const viaFailure = dense[fail * classCount + cls];
      if (child === undefined) {
        dense[state * classCount + cls] = viaFailure;
      } else {
        dense[state * classCount + cls] = child;
        failure[child] = viaFailure;
        queue.push(child);
      }
    }
  }
  return { dense, outputLink, reports };
}

export interface AutomatonOptions {
  /** Fold ASCII letters to one case inside the automaton (the default). Without folding every
   * keyword is matched exactly, with no confirming compare, so the caller may feed the automaton
   * characters that are not the text's own (a decoded view of it). */
  foldCase?: boolean;
}

/** The tables a caller needs to drive the automaton itself, one character at a time:
 * `row = nextRow[row + classOf[code]]`, starting at row 0; a row at or above `firstReportingRow`
 * ends at least one keyword (see `keywordsEndingAt`). */
export interface AutomatonTables {
  readonly classOf: Uint16Array;
  readonly nextRow: Int32Array;
  readonly firstReportingRow: number;
}

export class KeywordAutomaton {
  private readonly keywords: readonly Keyword[];
  private readonly classOf: Uint16Array;
  private readonly classCount: number;
  /** Transitions between rows (a row is `state position * classCount`), so no multiplication is needed. */
  private readonly nextRow: Int32Array;
  /** States are renumbered so that exactly the rows from here on report matches. */
  private readonly firstReportingRow: number;
  private readonly endingHereByRow = new Map<number, number[]>();
  private readonly outputLinkByRow = new Map<number, number>();
  private readonly needsExactCheck: boolean[];

  constructor(keywords: readonly Keyword[], options: AutomatonOptions = {}) {
    this.keywords = keywords;
    const foldCase = options.foldCase ?? true;
    const { classOf, classCount } = characterClasses(keywords, foldCase);
    this.classOf = classOf;
    this.classCount = classCount;
    this.needsExactCheck = keywords.map((keyword) => foldCase && keyword.caseSensitive && /[A-Za-z]/.test(keyword.text));

    const trie = buildTrie(keywords, classOf);
    const { dense, outputLink, reports } = buildTransitions(trie, classCount);
    const stateCount = trie.children.length;

    // Reporting states last: the scan loop then learns "stop here" from one comparison instead
    // of another table lookup. The sort is stable, so the root (never reporting) stays row 0.
    const order = Array.from({ length: stateCount }, (_, state) => state).sort((a, b) => reports[a] - reports[b]);
    const rowOf = new Int32Array(stateCount);
    order.forEach((state, position) => (rowOf[state] = position * classCount));
    this.nextRow = new Int32Array(stateCount * classCount);
    for (let state = 0; state < stateCount; state++) {
      for (let cls = 0; cls < classCount; cls++) {
        this.nextRow[rowOf[state] + cls] = rowOf[dense[state * classCount + cls]];
      }
    }
    const firstReporting = order.findIndex((state) => reports[state] === 1);
    this.firstReportingRow = firstReporting === -1 ? NO_REPORTING_ROW : firstReporting * classCount;
    for (let state = 0; state < stateCount; state++) {
      if (reports[state] === 0) continue;
      this.endingHereByRow.set(rowOf[state], trie.endingHere[state]);
      this.outputLinkByRow.set(rowOf[state], outputLink[state] === -1 ? -1 : rowOf[outputLink[state]]);
    }
  }

  get stateCount(): number {
    return this.nextRow.length / this.classCount;
  }

  get tables(): AutomatonTables {
    return { classOf: this.classOf, nextRow: this.nextRow, firstReportingRow: this.firstReportingRow };
  }

  /** The longest keyword's length. */
  get longestKeyword(): number {
    return this.keywords.reduce((longest, keyword) => Math.max(longest, keyword.text.length), 0);
  }

  keywordLength(index: number): number {
    return this.keywords[index].text.length;
  }

  /** Every keyword that ends when the automaton is in `row` (a reporting row), shortest last. */
  keywordsEndingAt(row: number, onKeyword: (keywordIndex: number) => void): void {
    for (let current = row; current !== -1; current = this.outputLinkByRow.get(current) ?? -1) {
      for (const index of this.endingHereByRow.get(current) ?? []) onKeyword(index);
    }
  }

  /** Reports every occurrence of every keyword, in order of their end offsets. */
  scan(text: string, onMatch: KeywordHandler): void {
    const { classOf, nextRow, firstReportingRow } = this;
    const length = text.length;
    // The hot loop only notes where matches end; they are rare, and handling them later keeps
    // the loop small enough for the JIT to keep everything in registers.
    let matchEnds: number[] | undefined;
    let row = 0;
    for (let i = 0; i < length; i++) {
      row = nextRow[row + classOf[text.charCodeAt(i)]];
      if (row >= firstReportingRow) (matchEnds ??= []).push(row, i + 1);
    }
    if (matchEnds === undefined) return;
    for (let k = 0; k < matchEnds.length; k += 2) this.reportMatchesAt(text, matchEnds[k], matchEnds[k + 1], onMatch);
  }

  /** Reports the keywords ending at `end` when the automaton reached `row` there, in the text itself. */
  reportMatchesAt(text: string, row: number, end: number, onMatch: KeywordHandler): void {
    this.keywordsEndingAt(row, (index) => {
      const start = end - this.keywords[index].text.length;
      if (this.needsExactCheck[index] && !text.startsWith(this.keywords[index].text, start)) return;
      onMatch(index, start, end);
    });
  }
}
