import { findNodeAtOffset } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { BlockSpec } from '../catalog/types';
import type { OffsetRange } from '../findings';
import type { WorkflowModel } from '../model/workflow';
import { firstByName } from '../model/workflow';
import { parseSelector } from '../selectors';
import { showUserString } from '../text/secretText';
import { describeAccepted } from '../validate/messages';

/** Markdown shown when the pointer rests on a step's type, one of its property names, or a selector. */
export interface HoverInfo {
  markdown: string;
  range: OffsetRange;
}

function blockSummary(block: BlockSpec): string {
  const outputs = block.outputs.filter((o) => o.name !== '*').map((o) => `\`${o.name}\` (${o.kinds.join(', ')})`);
  return [
    `**${block.humanName}** · \`${block.type}\``,
    block.description,
    outputs.length ? `Outputs: ${outputs.join(', ')}${block.dynamicOutputs ? ', and outputs that depend on its configuration' : ''}` : block.dynamicOutputs ? 'Outputs depend on its configuration.' : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function hoverAt(model: WorkflowModel, catalog: Catalog, offset: number): HoverInfo | undefined {
  const node = findNodeAtOffset(model.root, offset);
  if (!node) return undefined;
  const range = { offset: node.offset, length: node.length };
  const step = model.steps.find((s) => s.node.offset < offset && offset < s.node.offset + s.node.length);

  if (step?.block && node === step.typeNode) return { markdown: blockSummary(step.block), range };

  const property = node.parent;
  if (step?.block && property?.type === 'property' && property.parent === step.node && property.children?.[0] === node) {
    const field = catalog.field(step.block, node.value as string);
    if (!field) return undefined;
    const lines = [`**${field.name}**${field.required ? ' (required)' : ''} of ${step.block.humanName}`, `Takes ${describeAccepted(field)}.`];
    if ('default' in field) lines.push(`Default: \`${JSON.stringify(field.default)}\``);
    return { markdown: lines.join('\n\n'), range };
  }

  if (node.type !== 'string' || typeof node.value !== 'string' || !node.value.startsWith('$')) return undefined;
  const selector = parseSelector(node.value);
  if (!selector) return undefined;
  if (selector.kind === 'input') {
    const input = firstByName(model.inputs).get(selector.input);
    return input ? { markdown: `Input **${selector.input}**: ${input.type ?? 'input'}, kind ${input.kinds.map((k) => `\`${showUserString(k)}\``).join(', ')}`, range } : undefined;
  }
  const target = firstByName(model.steps).get(selector.step);
  if (!target?.block) return undefined;
  if (selector.kind === 'step_output') {
    const output = target.block.outputs.find((o) => o.name === selector.output);
    if (output) return { markdown: `Output **${output.name}** of step \`${selector.step}\` (${target.block.humanName}): kind ${output.kinds.map((k) => `\`${k}\``).join(', ')}`, range };
  }
  return { markdown: `Step \`${selector.step}\`: ${blockSummary(target.block)}`, range };
}
