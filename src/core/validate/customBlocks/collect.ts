import type { Node } from 'jsonc-parser';
import { properties, stringValue, type PropertyEntry } from '../../parse/tree';

/**
 * A definition as the engine reads it: Python's json keeps the last of a key written twice (the
 * linter warns of the copy, duplicate-key), so every check of a definition reads that one.
 */
export function lastValue(object: Node | undefined, key: string): Node | undefined {
  return lastEntries(object).find((p) => p.key === key)?.value;
}

/** Each key of an object once, with its last value, where it is first written (a Python dict's order). */
export function lastEntries(object: Node | undefined): PropertyEntry[] {
  const byKey = new Map<string, PropertyEntry>();
  for (const entry of properties(object)) byKey.set(entry.key, entry);
  return [...byKey.values()];
}

/** The `block_type` a definition declares, when it is a non-empty string. */
export function declaredType(definition: Node): string | undefined {
  const type = stringValue(lastValue(lastValue(definition, 'manifest'), 'block_type'));
  return type ? type : undefined;
}

/** Python's truthiness of a JSON node (`if not definitions:` in the engine). */
function truthy(node: Node): boolean {
  if (node.type === 'array' || node.type === 'object') return (node.children?.length ?? 0) > 0;
  return Boolean(node.value);
}

/**
 * The custom Python block definitions the engine compiles (dynamic_blocks_collection.py): the
 * items of `dynamic_blocks_definitions`, or the value itself when it is not a list; for a
 * `block_type` declared twice only the first, the others skipped without a word.
 */
export function customBlockDefinitions(root: Node): Node[] {
  const section = lastValue(root, 'dynamic_blocks_definitions');
  if (!section || !truthy(section)) return [];
  const candidates = section.type === 'array' ? (section.children ?? []) : [section];
  const seen = new Set<string>();
  return candidates.filter((definition) => {
    const type = declaredType(definition);
    if (type === undefined) return true;
    if (seen.has(type)) return false;
    seen.add(type);
    return true;
  });
}
