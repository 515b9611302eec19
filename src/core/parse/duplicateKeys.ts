import type { JSONPath, Node } from 'jsonc-parser';
import { properties } from './tree';

/**
 * Keys written more than once in one JSON object. What reads the document then disagrees: the
 * server (and the preview, which sends `JSON.parse`'s result) keeps the last copy, while the
 * located tree every check walks finds the first. Each earlier copy is reported, with the one that
 * counts.
 */
export interface DuplicateKey {
  key: string;
  /** The object's path in the document. */
  path: JSONPath;
  /** An earlier copy, which is ignored. */
  ignored: Node;
  /** The last copy's key node, which counts. */
  kept: Node;
}

export function duplicateKeys(root: Node | undefined): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  if (!root) return found;
  // An explicit stack: documents may nest thousands of levels deep.
  const stack: { node: Node; path: JSONPath }[] = [{ node: root, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (node.type === 'object') {
      const entries = properties(node);
      const last = new Map<string, Node>();
      for (const entry of entries) last.set(entry.key, entry.keyNode);
      for (const entry of entries) {
        const kept = last.get(entry.key)!;
        if (kept !== entry.keyNode) found.push({ key: entry.key, path, ignored: entry.keyNode, kept });
      }
      for (let i = entries.length - 1; i >= 0; i--) if (entries[i].value) stack.push({ node: entries[i].value!, path: [...path, entries[i].key] });
    } else if (node.type === 'array') {
      // jsonc-parser gives every array node a children list, empty or not.
      const children = node.children!;
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], path: [...path, i] });
    }
  }
  return found;
}
