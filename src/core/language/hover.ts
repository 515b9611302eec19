import { findNodeAtOffset, type Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { BlockSpec, FieldSpec } from '../catalog/types';
import type { Finding, OffsetRange } from '../findings';
import type { WorkflowModel } from '../model/workflow';
import { firstByName } from '../model/workflow';
import { parseSelector, type ParsedSelector } from '../selectors';
import { showUserString } from '../text/secretText';
import { describeAccepted } from '../validate/messages';
import { nestedKeyMarkdown } from './nestedHover';

/** Markdown shown when the pointer rests on a step's type, one of its property names, or a selector. */
export interface HoverInfo {
  markdown: string;
  range: OffsetRange;
}

/** A step property: which block's, whether required, what it takes, its default. Also shown by completion. */
export function fieldMarkdown(block: BlockSpec, field: FieldSpec): string {
  const lines = [`**${field.name}**${field.required ? ' (required)' : ''} of ${block.humanName}`, `Takes ${describeAccepted(field)}.`];
  if ('default' in field) lines.push(`Default: \`${JSON.stringify(field.default)}\``);
  return lines.join('\n\n');
}

/** A block: its name and type, description and outputs. Also shown by completion. */
export function blockSummary(block: BlockSpec): string {
  const outputs = block.outputs.filter((o) => o.name !== '*').map((o) => `\`${o.name}\` (${o.kinds.join(', ')})`);
  return [
    `**${block.humanName}** · \`${block.type}\``,
    block.description,
    outputs.length ? `Outputs: ${outputs.join(', ')}${block.dynamicOutputs ? ', and outputs that depend on its configuration' : ''}` : block.dynamicOutputs ? 'Outputs depend on its configuration.' : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Findings on the selector string at `node`, except those under the pointer: the editor shows
 * those itself, so saying them again would print the same sentence twice. */
function problemsOf(node: Node, offset: number, findings: readonly Finding[]): string[] {
  const end = node.offset + node.length;
  const inside = (f: Finding) => f.range.offset >= node.offset && f.range.offset + f.range.length <= end;
  const underPointer = (f: Finding) => offset >= f.range.offset && offset < f.range.offset + f.range.length;
  return findings.filter((f) => inside(f) && !underPointer(f)).map((f) => f.message);
}

function kindsText(kinds: readonly string[]): string {
  return kinds.length ? `kind ${kinds.map((k) => `\`${k}\``).join(', ')}` : 'no kind';
}

/** What a selector points at, when it points at something. */
function selectorTarget(model: WorkflowModel, selector: ParsedSelector): string | undefined {
  if (selector.kind === 'input') {
    const input = firstByName(model.inputs).get(selector.input);
    return input && `Input **${selector.input}**: ${input.type ?? 'input'}, ${kindsText(input.kinds.map(showUserString))}`;
  }
  const target = firstByName(model.steps).get(selector.step);
  if (!target?.block) return undefined;
  if (selector.kind === 'step_output') {
    const output = target.block.outputs.find((o) => o.name === selector.output);
    if (output) return `Output **${output.name}** of step \`${selector.step}\` (${target.block.humanName}): ${kindsText(output.kinds)}`;
  }
  return `Step \`${selector.step}\`: ${blockSummary(target.block)}`;
}

/**
 * The hover at `offset`. `findings` are the document's (the diagnostics): on a selector, what is
 * wrong with it is said in their words, with the nearest names they suggest, so a hover away from
 * the squiggle does not describe only what the field accepts.
 */
export function hoverAt(model: WorkflowModel, catalog: Catalog, offset: number, findings: readonly Finding[] = []): HoverInfo | undefined {
  const node = findNodeAtOffset(model.root, offset);
  if (!node) return undefined;
  const range = { offset: node.offset, length: node.length };
  const step = model.steps.find((s) => s.node.offset < offset && offset < s.node.offset + s.node.length);

  if (step?.block && node === step.typeNode) return { markdown: blockSummary(step.block), range };

  const property = node.parent;
  // A direct child of the step object is one of its properties.
  if (step?.block && property?.parent === step.node && property.children?.[0] === node) {
    const field = catalog.field(step.block, node.value as string);
    return field ? { markdown: fieldMarkdown(step.block, field), range } : undefined;
  }

  // A key inside a structure of the engine's own (a condition, an operation pipeline).
  if (step && property?.type === 'property' && property.children?.[0] === node) {
    const markdown = nestedKeyMarkdown(step, node);
    return markdown ? { markdown, range } : undefined;
  }

  // Only a string node has a string value.
  if (typeof node.value !== 'string' || !node.value.startsWith('$')) return undefined;
  const selector = parseSelector(node.value);
  const parts = [...problemsOf(node, offset, findings), selector && selectorTarget(model, selector)].filter((p): p is string => !!p);
  return parts.length ? { markdown: parts.join('\n\n---\n\n'), range } : undefined;
}
