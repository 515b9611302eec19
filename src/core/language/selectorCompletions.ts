import { findNodeAtOffset, type Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { FieldSpec, SelectorTarget } from '../catalog/types';
import type { OffsetRange } from '../findings';
import { buildWorkflowModel, type WorkflowModel, type WorkflowStep } from '../model/workflow';
import { parseJson } from '../parse/parseJson';
import { kindsCompatible } from '../validate/kinds';

/** A selector the cursor's field can take: `$inputs.x`, `$steps.s.o`, `$steps.s`. */
export interface SelectorCompletion {
  label: string;
  /** What it points at, e.g. `object_detection_prediction` or `WorkflowImage`. */
  detail: string;
  /** Fits the field's kinds (incompatible ones are still listed, after the others). */
  compatible: boolean;
  /** The string's content, which the completion replaces. */
  range: OffsetRange;
}

interface Site {
  targets: readonly SelectorTarget[];
  kinds: readonly string[];
  /** The step being edited: it cannot reference itself. */
  step?: WorkflowStep;
  /** Workflow outputs may take all of a step's outputs at once. */
  output: boolean;
}

/** Which selectors the string at `node` may hold: a selector-capable step property, or an output's selector. */
function siteOf(node: Node, model: WorkflowModel, catalog: Catalog): Site | undefined {
  let property = node.parent;
  // Inside a list or dict of selectors, climb to the step property that holds it.
  if (property?.type === 'array') property = property.parent;
  else if (property?.type === 'property' && property.parent?.type === 'object' && property.parent.parent?.type === 'property') property = property.parent.parent;
  if (property?.type !== 'property' || property.children?.[1] === undefined) return undefined;
  const key = property.children[0].value as string;
  const owner = property.parent;
  const output = model.outputs.find((o) => o.node === owner);
  if (output) return key === 'selector' ? { targets: ['any_data'], kinds: [], output: true } : undefined;
  const step = model.steps.find((s) => s.node === owner);
  const field: FieldSpec | undefined = step?.block && catalog.field(step.block, key);
  if (!field?.selectorTargets.length) return undefined;
  return { targets: field.selectorTargets, kinds: field.selectorKinds, step, output: false };
}

/** Completions for the selector string under `offset`, or none when the cursor is elsewhere. */
export function selectorCompletions(text: string, offset: number, catalog: Catalog, model?: WorkflowModel): SelectorCompletion[] {
  const root = model?.root ?? parseJson(text).root;
  if (root?.type !== 'object') return [];
  const node = findNodeAtOffset(root, offset);
  // The node found holds the offset, so the cursor is inside the string unless it is before the opening quote.
  if (node?.type !== 'string' || offset === node.offset) return [];
  const workflow = model ?? buildWorkflowModel(root, catalog);
  const site = siteOf(node, workflow, catalog);
  if (!site) return [];
  const range = { offset: node.offset + 1, length: Math.max(0, node.length - 2) };
  const items: SelectorCompletion[] = [];
  const wantsInputs = site.targets.some((t) => t !== 'step_output' && t !== 'step');
  const wantsOutputs = site.targets.some((t) => t === 'any_data' || t === 'step_output');
  const wantsSteps = site.targets.includes('step');

  if (wantsInputs) {
    for (const input of workflow.inputs) {
      if (!input.name) continue;
      items.push({ label: `$inputs.${input.name}`, detail: `${input.type ?? 'input'} · ${input.kinds.join(', ')}`, compatible: kindsCompatible(site.kinds, input.kinds), range });
    }
  }
  for (const step of workflow.steps) {
    if (!step.name || step === site.step) continue;
    if (wantsSteps) items.push({ label: `$steps.${step.name}`, detail: step.block?.humanName ?? step.type ?? 'step', compatible: true, range });
    if (!wantsOutputs || !step.block) continue;
    if (site.output) items.push({ label: `$steps.${step.name}.*`, detail: `all outputs of ${step.block.humanName}`, compatible: true, range });
    for (const output of step.block.outputs) {
      if (output.name === '*') continue;
      items.push({ label: `$steps.${step.name}.${output.name}`, detail: `${step.block.humanName} · ${output.kinds.join(', ')}`, compatible: kindsCompatible(site.kinds, output.kinds), range });
    }
  }
  return items.sort((a, b) => Number(b.compatible) - Number(a.compatible));
}
