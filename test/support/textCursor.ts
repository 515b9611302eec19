// Places in a workflow's text, as the language tests name them: an offset found by a marker, the text a
// range covers, and the text after edits.
import assert from 'node:assert/strict';
import type { TextEdit } from '../../src/core/findings';

/** Offset just after the `n`th (from 0) occurrence of `marker`, minus `back` characters. */
export function after(text: string, marker: string, n = 0, back = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(marker, at + 1);
  assert.ok(at >= 0, `no ${marker}`);
  return at + marker.length - back;
}

/** The text `range` covers. */
export const slice = (text: string, range: { offset: number; length: number }) => text.slice(range.offset, range.offset + range.length);

/** The text with `edits` applied (non-overlapping, as an editor applies them). */
export const applyEdits = (text: string, edits: readonly TextEdit[]) =>
  [...edits].sort((a, b) => b.offset - a.offset).reduce((t, e) => t.slice(0, e.offset) + e.newText + t.slice(e.offset + e.length), text);
