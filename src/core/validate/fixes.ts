import type { Fix, OffsetRange } from '../findings';

/** "Change to X" fixes for nearest-name suggestions; the first one is preferred. */
export function suggestionFixes(range: OffsetRange, suggestions: readonly string[], quote = true): Fix[] {
  return suggestions.map((s, i) => ({
    title: `Change to ${s}`,
    edits: [{ offset: range.offset, length: range.length, newText: quote ? JSON.stringify(s) : s }],
    preferred: i === 0,
  }));
}
