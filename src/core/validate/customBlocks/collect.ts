import type { Node } from 'jsonc-parser';
import { stringValue, valueNode } from '../../parse/tree';

/** The `block_type` a definition declares, when it is a non-empty string. */
export function declaredType(definition: Node): string | undefined {
  const type = stringValue(valueNode(valueNode(definition, 'manifest'), 'block_type'));
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
  const section = valueNode(root, 'dynamic_blocks_definitions');
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
