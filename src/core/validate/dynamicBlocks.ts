import type { Node } from 'jsonc-parser';
import { rangeOf } from '../parse/tree';
import type { ValidationContext } from './context';
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

/** What the engine checks when it compiles a custom Python block: its run function must exist. */
export function checkDynamicBlocks(ctx: ValidationContext): void {
  const definitions = valueNode(ctx.model.root, 'dynamic_blocks_definitions');
  for (const definition of definitions?.type === 'array' ? (definitions.children ?? []) : []) {
    const blockType = stringValue(valueNode(valueNode(definition, 'manifest'), 'block_type')) ?? 'custom block';
    const code = valueNode(definition, 'code');
    const sourceNode = valueNode(code, 'run_function_code');
    const source = stringValue(sourceNode);
    if (!code || source === undefined) continue;
    const functionName = stringValue(valueNode(code, 'run_function_name')) ?? 'run';
    if (new RegExp(`(^|\\n)\\s*(async\\s+)?def\\s+${functionName.replace(/[^\w]/g, '')}\\s*\\(`).test(source)) continue;
    ctx.findings.push({
      code: 'dynamic-block-invalid',
      severity: 'error',
      message: `Custom Python block \`${blockType}\` has no function \`${functionName}\` in \`run_function_code\`: the server refuses to compile it. Define \`def ${functionName}(self, …)\` there, or set \`run_function_name\` to the function you wrote.`,
      range: rangeOf(sourceNode!),
    });
  }
}
