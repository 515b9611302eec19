import { format } from 'jsonc-parser';
import { getLanguageService, TextDocument, type FoldingRange, type SelectionRange } from 'vscode-json-languageservice';
import type { OffsetRange, TextEdit } from '../findings';

// A workflow file has its own language id, so VS Code's JSON server no longer folds, selects or
// formats it (nor duplicates our outline and hovers). These come from the same library it uses.
let service: ReturnType<typeof getLanguageService> | undefined;
const jsonService = () => (service ??= getLanguageService({}));
// The uri and language id matter to neither folding nor selection ranges.
const documentOf = (text: string) => TextDocument.create('file:///workflow.json', 'json', 0, text);

export interface FoldingRegion {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

/** Foldable objects, arrays, block comments and `// #region` markers, at most `limit` of them (outermost kept). */
export function foldingRegions(text: string, limit: number): FoldingRegion[] {
  const document = documentOf(text);
  return jsonService()
    .getFoldingRanges(document, { rangeLimit: limit })
    .map((r: FoldingRange) => ({ startLine: r.startLine, endLine: r.endLine, ...(r.kind === 'comment' || r.kind === 'region' ? { kind: r.kind } : {}) }));
}

/** For each offset, the ranges Expand Selection steps through, innermost first (string content, value, property, object…). */
export function selectionRanges(text: string, offsets: number[]): OffsetRange[][] {
  const document = documentOf(text);
  const parsed = jsonService().parseJSONDocument(document);
  return jsonService()
    .getSelectionRanges(document, offsets.map((o) => document.positionAt(o)), parsed)
    .map((innermost: SelectionRange) => {
      const chain: OffsetRange[] = [];
      for (let at: SelectionRange | undefined = innermost; at; at = at.parent) {
        const offset = document.offsetAt(at.range.start);
        chain.push({ offset, length: document.offsetAt(at.range.end) - offset });
      }
      return chain;
    });
}

export interface JsonFormatOptions {
  tabSize: number;
  insertSpaces: boolean;
  insertFinalNewline?: boolean;
}

/** Edits that format the document, or only `range` of it, the way VS Code's JSON formatter does. */
export function formatEdits(text: string, range: OffsetRange | undefined, options: JsonFormatOptions): TextEdit[] {
  // The line ends are the document's own: the formatter reads them from its first line break.
  return format(text, range, options).map((e) => ({ offset: e.offset, length: e.length, newText: e.content }));
}
