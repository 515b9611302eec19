import type { OffsetRange } from '../findings';
import type { WorkflowModel } from '../model/workflow';
import { rangeOf } from '../parse/tree';
import { nameReferences } from './nameReferences';
import { contentRange, nameTargetAt } from './nameTarget';

/** Where a selector leads: the step or input it names, with its `name` value to select. */
export interface DefinitionTarget {
  /** The selector's name part, which the editor underlines on Ctrl+hover. */
  origin: OffsetRange;
  /** The whole step or input object. */
  range: OffsetRange;
  /** Its `name` value, without the quotes. */
  selectionRange: OffsetRange;
}

/** Go to definition from a selector (in a step, at any depth, or an output) to the step or input it names. */
export function definitionAt(model: WorkflowModel, text: string, offset: number): DefinitionTarget | undefined {
  const target = nameTargetAt(model, text, offset);
  if (!target || target.onDeclaration || !target.declaration?.nameNode) return undefined;
  return { origin: target.range, range: rangeOf(target.declaration.node), selectionRange: contentRange(target.declaration.nameNode) };
}

/**
 * Every place naming the step or input under the cursor (on its name or in a selector): its
 * declaration's name (when `includeDeclaration`) and the name part of every selector, in document order.
 */
export function referencesAt(model: WorkflowModel, text: string, offset: number, includeDeclaration = true): OffsetRange[] | undefined {
  const target = nameTargetAt(model, text, offset);
  if (!target) return undefined;
  // A later duplicate is named by no selector (the engine resolves names to the first one). A
  // selector's target is always the first of its name, so only a declaration can fail this.
  if (!isFirst(model, target)) return includeDeclaration ? [target.range] : [];
  const uses = nameReferences(model, text).filter((r) => r.section === target.section && r.name === target.name).map((r) => r.range);
  const declared = target.declaration?.nameNode && includeDeclaration ? [contentRange(target.declaration.nameNode)] : [];
  return [...declared, ...uses].sort((a, b) => a.offset - b.offset);
}

function isFirst(model: WorkflowModel, target: ReturnType<typeof nameTargetAt> & object): boolean {
  const list = target.section === 'steps' ? model.steps : model.inputs;
  return list.find((d) => d.name === target.name) === target.declaration;
}
