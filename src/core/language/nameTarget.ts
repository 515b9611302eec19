import { findNodeAtOffset, type Node } from 'jsonc-parser';
import type { OffsetRange } from '../findings';
import type { WorkflowInput, WorkflowModel, WorkflowStep } from '../model/workflow';
import { firstByName } from '../model/workflow';
import { nameReferences, type Section } from './nameReferences';

/** A step or input name under the cursor: on its declaration (`"name": "det"`) or in a selector. */
export interface NameTarget {
  section: Section;
  name: string;
  /** The name's characters under the cursor (inside the quotes, or the selector's name part). */
  range: OffsetRange;
  /** The declaration selectors resolve to (the first of that name), when there is one. */
  declaration?: WorkflowStep | WorkflowInput;
  /** The cursor is on a declaration's `name` value; `declaration` is that step or input. */
  onDeclaration: boolean;
}

/** The characters of a string node, without its quotes. */
export function contentRange(node: Node): OffsetRange {
  return { offset: node.offset + 1, length: Math.max(0, node.length - 2) };
}

function declarations(model: WorkflowModel, section: Section): readonly (WorkflowStep | WorkflowInput)[] {
  return section === 'steps' ? model.steps : model.inputs;
}

export function declarationOf(model: WorkflowModel, section: Section, name: string): WorkflowStep | WorkflowInput | undefined {
  return firstByName(declarations(model, section)).get(name);
}

/** What step or input the cursor at `offset` names, if any. */
export function nameTargetAt(model: WorkflowModel, text: string, offset: number): NameTarget | undefined {
  const node = findNodeAtOffset(model.root, offset);
  if (typeof node?.value !== 'string') return undefined;
  for (const section of ['steps', 'inputs'] as const) {
    const declared = declarations(model, section).find((d) => d.nameNode === node);
    if (declared) return { section, name: node.value, range: contentRange(node), declaration: declared, onDeclaration: true };
  }
  // Only selectors where the model reads them (steps, outputs), not look-alike text elsewhere.
  const reference = nameReferences(model, text).find((r) => r.node === node);
  if (!reference) return undefined;
  return { section: reference.section, name: reference.name, range: reference.range, declaration: declarationOf(model, reference.section, reference.name), onDeclaration: false };
}
