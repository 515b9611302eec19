import type { OffsetRange } from '../findings';

export type CompletionKind = 'block' | 'property' | 'value' | 'inputType' | 'kind' | 'version' | 'inputSelector' | 'stepSelector';

/** One completion, in plain data: the editor adapter turns it into a `vscode.CompletionItem`. */
export interface LanguageCompletion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Items sort by this (the editor then re-ranks by what is typed). */
  sortText: string;
  /** Text to insert: a snippet (`$1`, `${1|a,b|}`) when `snippet`. */
  insertText: string;
  snippet: boolean;
  /** What the editor matches the typed text against, when not the label. */
  filterText?: string;
  /** What the insertion replaces (the word being typed, or nothing at the cursor). */
  range: OffsetRange;
  /** Shown struck through: a legacy name or a deprecated input type, or a kind that does not fit. */
  deprecated?: boolean;
}

/** `0007`: sort keys that keep a computed order. */
export function rank(index: number): string {
  return String(index).padStart(5, '0');
}
