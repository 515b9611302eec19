import type { Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { FieldSpec } from '../catalog/types';
import type { WorkflowInput, WorkflowModel, WorkflowStep } from '../model/workflow';
import { properties } from '../parse/tree';

/** A step property matched to its catalog field (through field aliases such as `image`/`images`). */
export interface StepProperty {
  /** The name as written in the document. */
  key: string;
  field: FieldSpec;
  keyNode: Node;
  value: Node | undefined;
  property: Node;
}

/** The step's properties by canonical field name; the first spelling wins, as in the engine. */
export function stepProperties(step: WorkflowStep, catalog: Catalog): Map<string, StepProperty> {
  const byField = new Map<string, StepProperty>();
  if (!step.block) return byField;
  for (const { key, keyNode, value, property } of properties(step.node)) {
    const field = catalog.field(step.block, key);
    if (field && !byField.has(field.name)) byField.set(field.name, { key, field, keyNode, value, property });
  }
  return byField;
}

/** First declaration of each input name (duplicates are the validator's business). */
export function inputsByName(model: WorkflowModel): Map<string, WorkflowInput> {
  const byName = new Map<string, WorkflowInput>();
  for (const input of model.inputs) if (input.name !== undefined && !byName.has(input.name)) byName.set(input.name, input);
  return byName;
}

/** First declaration of each step name. */
export function stepsByName(model: WorkflowModel): Map<string, WorkflowStep> {
  const byName = new Map<string, WorkflowStep>();
  for (const step of model.steps) if (step.name !== undefined && !byName.has(step.name)) byName.set(step.name, step);
  return byName;
}

/** How a step is named in messages: its `name`, or its position when it has none. */
export function stepLabel(step: WorkflowStep): string {
  return step.name ?? `#${step.index + 1}`;
}
