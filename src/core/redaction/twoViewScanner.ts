import type { KeywordAutomaton, KeywordHandler } from './keywordAutomaton';
import { decodeEscape, ESCAPE, packedCharacterTable, SKIP, type DecodedEscape } from './packedView';

const BACKSLASH = 0x5c;

/**
 * Runs two automata over a text in one left-to-right pass: one over the text as it is (secret
 * spellings, credential triggers), one over its packed view (base64 and hex, see `packedView`),
 * where line breaks, separators and escapes do not interrupt a match.
 */
export class TwoViewScanner {
  private readonly packedTable: Int32Array;
  /** Where each of the last symbols of the packed view starts in the text; a power of two at
   * least as long as the longest packed keyword, indexed by symbol count. */
  private readonly ringSize: number;

  constructor(
    private readonly textAutomaton: KeywordAutomaton,
    private readonly packedAutomaton: KeywordAutomaton | undefined,
  ) {
    this.packedTable = packedCharacterTable(packedAutomaton?.tables.classOf ?? new Uint16Array(0x10000));
    let ringSize = 1;
    while (ringSize < (packedAutomaton?.longestKeyword ?? 0)) ringSize *= 2;
    this.ringSize = ringSize;
  }

  /** Reports every keyword of either automaton; `start`/`end` are offsets in `text` itself. */
  scan(text: string, onText: KeywordHandler, onPacked: KeywordHandler): void {
    if (!this.packedAutomaton) {
      this.textAutomaton.scan(text, onText);
      return;
    }
    const { classOf, nextRow, firstReportingRow } = this.textAutomaton.tables;
    const packed = this.packedAutomaton.tables;
    const packedNextRow = packed.nextRow;
    const packedFirstReportingRow = packed.firstReportingRow;
    const table = this.packedTable;
    const ring = new Int32Array(this.ringSize);
    const ringMask = this.ringSize - 1;
    const escape: DecodedEscape = { code: 0, end: 0 };
    const length = text.length;
    let textMatchEnds: number[] | undefined;
    let row = 0;
    let packedRow = 0;
    let symbols = 0;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      row = nextRow[row + classOf[code]];
      if (row >= firstReportingRow) (textMatchEnds ??= []).push(row, i + 1);
      let cls = table[code];
      if (cls < 0) {
        if (cls === SKIP) continue;
        decodeEscape(text, i, escape);
        cls = escape.code < 0 ? 0 : table[escape.code];
        if (cls === ESCAPE) cls = 0;
        // An escape that stands for nothing base64 or hex uses may not be one (`%` before base64
        // that starts `c0`): only its first character ends the run. Backslash runs are passed
        // whole, so a long run is not read once per backslash.
        const end = cls === 0 && code !== BACKSLASH ? i + 1 : escape.end;
        // The rest of the escape still goes through the text automaton.
        for (let k = i + 1; k < end; k++) {
          row = nextRow[row + classOf[text.charCodeAt(k)]];
          if (row >= firstReportingRow) (textMatchEnds ??= []).push(row, k + 1);
        }
        if (cls !== SKIP) {
          packedRow = packedNextRow[packedRow + cls];
          ring[symbols & ringMask] = i;
          symbols++;
          if (packedRow >= packedFirstReportingRow) this.reportPacked(packedRow, symbols, end, ring, onPacked);
        }
        i = end - 1;
        continue;
      }
      packedRow = packedNextRow[packedRow + cls];
      ring[symbols & ringMask] = i;
      symbols++;
      if (packedRow >= packedFirstReportingRow) this.reportPacked(packedRow, symbols, i + 1, ring, onPacked);
    }
    if (textMatchEnds === undefined) return;
    for (let k = 0; k < textMatchEnds.length; k += 2) this.textAutomaton.reportMatchesAt(text, textMatchEnds[k], textMatchEnds[k + 1], onText);
  }

  private reportPacked(row: number, symbols: number, end: number, ring: Int32Array, onPacked: KeywordHandler): void {
    const automaton = this.packedAutomaton!;
    automaton.keywordsEndingAt(row, (index) => {
      const start = ring[(symbols - automaton.keywordLength(index)) & (this.ringSize - 1)];
      onPacked(index, start, end);
    });
  }
}
