import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type FormattingOptions, type JSONPath, type Node } from 'jsonc-parser';
import type { TextEdit } from '../findings';
import { inferFormatting } from './formatting';
import { layoutOf, serializeInLayout } from './jsonLayout';

/** Small edit helpers over jsonc-parser that keep the document's own formatting. */

export function fromJsoncEdits(edits: Edit[]): TextEdit[] {
  return edits.map(({ offset, length, content }) => ({ offset, length, newText: content }));
}

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return applyEdits(
    text,
    edits.map(({ offset, length, newText }) => ({ offset, length, content: newText })),
  );
}

/** Conservative: edits that touch count as overlapping, since their order would matter. */
export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  return a.some((x) => b.some((y) => x.offset <= y.offset + y.length && y.offset <= x.offset + x.length));
}

/** One edit turning `before` into `after`: their differing middle. */
export function diffEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { offset: start, length: before.length - start - end, newText: after.slice(start, after.length - end) };
}

export function formattingOf(text: string): FormattingOptions {
  return text.trim() === '' ? { insertSpaces: true, tabSize: 2, eol: '\n' } : inferFormatting(text);
}

/** Replaces a value node's text with `value` (a JSON string literal for a string). */
export function replaceValueEdit(range: { offset: number; length: number }, value: unknown): TextEdit {
  return { offset: range.offset, length: range.length, newText: JSON.stringify(value) };
}

/** Appends `values` to the array at `path` of the root object, creating the array when absent
 * (placed after `version`, so the edit stays clear of the steps). Elements already in the array
 * are left exactly as written; new ones follow the layout of the last (see jsonLayout). Pass
 * `root` (the tree of `text`) to spare a parse. */
export function appendToArrayEdits(text: string, path: JSONPath, value: unknown, options: FormattingOptions = formattingOf(text), root: Node | undefined = parseTree(text)): TextEdit[] {
  return appendAllToArrayEdits(text, path, [value], options, root);
}

export function appendAllToArrayEdits(text: string, path: JSONPath, values: readonly unknown[], options: FormattingOptions = formattingOf(text), root: Node | undefined = parseTree(text)): TextEdit[] {
  if (values.length === 0) return [];
  const array = root ? findNodeAtLocation(root, path) : undefined;
  const last = array?.type === 'array' ? array.children?.[array.children.length - 1] : undefined;
  if (last) {
    // New elements look like the last one: on a line of their own or not, on one line or not.
    const lineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
    const leading = text.slice(lineStart, last.offset);
    const indent = /^[ \t]*/.exec(leading)![0];
    const end = last.offset + last.length;
    const layout = layoutOf(text.slice(last.offset, end));
    const separator = indent === leading ? `,${options.eol ?? '\n'}${indent}` : layout.comma;
    const newText = values.map((value) => separator + serializeInLayout(value, layout, indent, options)).join('');
    return [{ offset: end, length: 0, newText }];
  }
  // No element to follow: let jsonc-parser place the first, then follow it.
  const first =
    array?.type === 'array'
      ? modify(text, [...path, -1], values[0], { formattingOptions: options, isArrayInsertion: true })
      : modify(text, path, [values[0]], {
          formattingOptions: options,
          getInsertionIndex: (names) => (path.length === 1 ? names.indexOf('version') + 1 : names.length),
        });
  if (values.length === 1) return fromJsoncEdits(first);
  const withFirst = applyEdits(text, first);
  return [diffEdit(text, applyTextEdits(withFirst, appendAllToArrayEdits(withFirst, path, values.slice(1), options)))];
}

/** Removes the property at `path` (and its separating comma). */
export function removePropertyEdits(text: string, path: JSONPath, options: FormattingOptions = formattingOf(text)): TextEdit[] {
  return fromJsoncEdits(modify(text, path, undefined, { formattingOptions: options }));
}

/** Sets the value at `path`, creating properties as needed. */
export function setValueEdits(text: string, path: JSONPath, value: unknown, options: FormattingOptions = formattingOf(text)): TextEdit[] {
  return fromJsoncEdits(modify(text, path, value, { formattingOptions: options }));
}

/**
 * Sets several properties under `path` with jsonc-parser's `modify` (which keeps the rest of the
 * document byte for byte and formats the insertion like its surroundings), and returns the result
 * as one edit over the container, so a fix made of several insertions is a single undo step.
 */
export function setProperties(text: string, path: JSONPath, entries: [string, unknown][]): TextEdit | undefined {
  const root = parseTree(text);
  const container = root && findNodeAtLocation(root, path);
  if (!container) return undefined;
  const formattingOptions = inferFormatting(text);
  let updated = text;
  for (const [key, value] of entries) {
    updated = applyEdits(updated, modify(updated, [...path, key], value, { formattingOptions }));
  }
  const grown = updated.length - text.length;
  return { offset: container.offset, length: container.length, newText: updated.slice(container.offset, container.offset + container.length + grown) };
}
