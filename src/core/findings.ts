/** What the validator and analysers report. Offsets are UTF-16 code-unit offsets into the text,
 * as VS Code's `TextDocument.positionAt` and jsonc-parser use. */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface OffsetRange {
  offset: number;
  length: number;
}

export interface TextEdit extends OffsetRange {
  newText: string;
}

/** A one-click fix. `edits` apply to the same document, in any order (they do not overlap). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix the editor should offer first. */
  preferred?: boolean;
  /**
   * Work the host must do before the edits may be applied (`store-secret`: keep the literal's value
   * in SecretStorage, or the edit would lose it). Plain edit appliers must not offer such a fix.
   */
  hostAction?: 'store-secret';
}

export interface RelatedLocation {
  message: string;
  range: OffsetRange;
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  range: OffsetRange;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** Marks unused things so the editor can fade them. */
  unnecessary?: boolean;
}
