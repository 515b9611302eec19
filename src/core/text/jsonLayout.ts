import type { FormattingOptions } from 'jsonc-parser';

/** How a document lays out its objects and lists, read from one of its values, so a value we add
 * beside it looks the same: `{ "type": "WorkflowImage", "name": "image" }` on one line gets a
 * one-line neighbour, a multi-line object a multi-line one. */

export interface JsonLayout {
  /** Objects and lists on one line. */
  oneLine: boolean;
  /** In a multi-line layout, lists of plain values kept on one line: `"kind": ["image"]`. */
  inlineLists: boolean;
  /** `{ "a": 1 }` rather than `{"a": 1}`. */
  spaceInBraces: boolean;
  /** `[ "a" ]` rather than `["a"]`. */
  spaceInBrackets: boolean;
  /** `": "` or `":"`. */
  colon: string;
  /** Between items on one line: `", "` or `","`. */
  comma: string;
}

/** The layout of `sample`, the text of one JSON value (string contents are not looked at). */
export function layoutOf(sample: string): JsonLayout {
  const bare = sample.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return {
    oneLine: !/[\r\n]/.test(bare),
    inlineLists: /\[[ \t]*[^\s\]][^\r\n\]]*\]/.test(bare),
    spaceInBraces: !/\{[^\s}]/.test(bare),
    spaceInBrackets: /\[[ \t]+[^\s\]]/.test(bare),
    colon: /:[^\s]/.test(bare) ? ':' : ': ',
    comma: /,[^\s]/.test(bare) ? ',' : ', ',
  };
}

const isPlain = (value: unknown) => value === null || typeof value !== 'object';

/** `value` as JSON in `layout`; a multi-line result continues at `indent` with the document's
 * indent unit and line ends. */
export function serializeInLayout(value: unknown, layout: JsonLayout, indent: string, options: FormattingOptions): string {
  const unit = options.insertSpaces ? ' '.repeat(options.tabSize ?? 2) : '\t';
  const eol = options.eol ?? '\n';
  const write = (v: unknown, at: string, oneLine: boolean): string => {
    if (isPlain(v)) return JSON.stringify(v);
    const list = Array.isArray(v);
    const entries = list ? (v as unknown[]).map((item) => ['', item] as const) : Object.entries(v as object).map(([k, item]) => [`${JSON.stringify(k)}${layout.colon}`, item] as const);
    const [open, close] = list ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) return open + close;
    if (oneLine || (list && layout.inlineLists && entries.every(([, item]) => isPlain(item)))) {
      const pad = (list ? layout.spaceInBrackets : layout.spaceInBraces) ? ' ' : '';
      return `${open}${pad}${entries.map(([key, item]) => key + write(item, at, true)).join(layout.comma)}${pad}${close}`;
    }
    const inner = at + unit;
    return `${open}${eol}${entries.map(([key, item]) => inner + key + write(item, inner, false)).join(`,${eol}`)}${eol}${at}${close}`;
  };
  return write(value, indent, layout.oneLine);
}
