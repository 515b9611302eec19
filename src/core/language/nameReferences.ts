import type { Node } from 'jsonc-parser';
import type { OffsetRange } from '../findings';
import type { WorkflowModel } from '../model/workflow';

/** Steps and inputs live in separate namespaces: `$steps.x` and `$inputs.x` never name the same thing. */
export type Section = 'steps' | 'inputs';

/** One selector naming a step or input: where the name sits inside the selector's string. */
export interface NameReference {
  section: Section;
  name: string;
  /** The name inside the selector (`det` in `$steps.det.predictions`), in document offsets. */
  range: OffsetRange;
  /** The selector's string node. */
  node: Node;
}

const PREFIX: Record<Section, string> = { steps: '$steps.', inputs: '$inputs.' };

/**
 * The name a `$steps.…`/`$inputs.…` string names, located in the document. Read by its dots, as
 * the compiler reads selectors in properties that also take text. A string written with escapes
 * before the end of its name is skipped: its offsets do not map onto the value.
 */
export function referenceIn(node: Node, text: string): NameReference | undefined {
  if (typeof node.value !== 'string') return undefined;
  const value = node.value;
  const section: Section | undefined = value.startsWith(PREFIX.steps) ? 'steps' : value.startsWith(PREFIX.inputs) ? 'inputs' : undefined;
  if (!section) return undefined;
  const start = PREFIX[section].length;
  const name = value.slice(start).split('.', 1)[0];
  if (!name) return undefined;
  const raw = text.slice(node.offset + 1, node.offset + 1 + start + name.length);
  if (raw !== value.slice(0, start + name.length)) return undefined;
  return { section, name, range: { offset: node.offset + 1 + start, length: name.length }, node };
}

function collect(node: Node | undefined, text: string, into: NameReference[]): void {
  if (!node) return;
  if (node.type === 'property') collect(node.children?.[1], text, into); // keys are never selectors
  else if (node.children) for (const child of node.children) collect(child, text, into);
  else {
    const reference = referenceIn(node, text);
    if (reference) into.push(reference);
  }
}

// The editor asks for references, rename and definitions on the same analysed tree: scan it once.
const cache = new WeakMap<Node, NameReference[]>();

/**
 * Every selector in the steps (at any depth: lists, dicts, flow-control targets) and in the
 * outputs' `selector`, in document order.
 */
export function nameReferences(model: WorkflowModel, text: string): readonly NameReference[] {
  let found = cache.get(model.root);
  if (!found) {
    found = [];
    for (const step of model.steps) collect(step.node, text, found);
    for (const output of model.outputs) collect(output.selectorNode, text, found);
    cache.set(model.root, found);
  }
  return found;
}
