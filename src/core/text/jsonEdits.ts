import { applyEdits, findNodeAtLocation, modify, parseTree, type JSONPath } from 'jsonc-parser';
import type { TextEdit } from '../findings';
import { inferFormatting } from './formatting';

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
