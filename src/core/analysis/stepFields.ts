import type { Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { FieldSpec } from '../catalog/types';
import { firstByName, type WorkflowInput, type WorkflowModel, type WorkflowStep } from '../model/workflow';
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

export function inputsByName(model: WorkflowModel): Map<string, WorkflowInput> {
  return firstByName(model.inputs);
}

export function stepsByName(model: WorkflowModel): Map<string, WorkflowStep> {
  return firstByName(model.steps);
}

/** How a step is named in messages: its `name`, or its position when it has none. */
export function stepLabel(step: WorkflowStep): string {
  return step.name ?? `#${step.index + 1}`;
}
