import type { Node } from 'jsonc-parser';
import { properties, stringValue, valueNode } from '../parse/tree';
import type { DynamicBlock } from './context';

/** Custom Python blocks declared under `dynamic_blocks_definitions`: their types and outputs. */
export function collectDynamicBlocks(root: Node): Map<string, DynamicBlock> {
  const blocks = new Map<string, DynamicBlock>();
  const definitions = valueNode(root, 'dynamic_blocks_definitions');
  for (const definition of definitions?.type === 'array' ? (definitions.children ?? []) : []) {
    const manifest = valueNode(definition, 'manifest');
    const type = stringValue(valueNode(manifest, 'block_type'));
    if (!type) continue;
    blocks.set(type, { type, outputs: properties(valueNode(manifest, 'outputs')).map((p) => p.key) });
  }
  return blocks;
}
