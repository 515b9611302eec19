import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { TextEdit } from '../findings';
import type { WorkflowModel, WorkflowStep } from '../model/workflow';

/** An edit that changed one literal value inside one step, and nothing else. */
export interface LeafEdit {
  /** The string, number, boolean or null node of the previous tree whose text changed. */
  leaf: Node;
  /** The previous model's step that holds it. */
  step: WorkflowStep;
  /** The property the leaf is the value of (undefined for a list item): what the secret scan reads. */
  key: string | undefined;
  /** Change in length of the leaf's text, and so of every offset after it. */
  delta: number;
  newValue: unknown;
}

const LEAVES = new Set(['string', 'number', 'boolean', 'null']);

function contains(node: Node, start: number, end: number): boolean {
  return node.offset <= start && end <= node.offset + node.length;
}

/** The step (index) whose text holds [start, end]: steps are in document order, so a binary search. */
function stepIndexAt(steps: Node[], start: number, end: number): number {
  let low = 0;
  let high = steps.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const node = steps[middle];
    if (node.offset + node.length < start) low = middle + 1;
    else if (node.offset > end) high = middle - 1;
    else return contains(node, start, end) ? middle : -1;
  }
  return -1;
}

/** The value node (never a key) under `node` that holds [start, end], descending to a leaf. */
function leafAt(node: Node, start: number, end: number): Node | undefined {
  let current = node;
  while (!LEAVES.has(current.type)) {
    let next: Node | undefined;
    for (const child of current.children ?? []) {
      const value = current.type === 'object' ? child.children?.[1] : child;
      if (value && contains(value, start, end)) {
        next = value;
        break;
      }
    }
    if (!next) return undefined;
    current = next;
  }
  return current;
}

/**
 * The literal `edit` changed, when the edit is confined to one literal value of one step (not its
 * `name` or `type`), the value keeps its JSON type and parses cleanly, and neither the old nor the
 * new text holds a `$` (so no selector appears or disappears, and the text scan for selectors reads
 * the same). Undefined whenever anything else may have changed: the caller then lints in full.
 */
export function leafEditIn(model: WorkflowModel, previousText: string, text: string, edit: TextEdit): LeafEdit | undefined {
  const steps = model.stepsNode?.type === 'array' ? (model.stepsNode.children ?? []) : [];
  const start = edit.offset;
  const end = edit.offset + edit.length;
  const index = stepIndexAt(steps, start, end);
  const step = model.steps[index];
  if (!step) return undefined;
  const leaf = leafAt(step.node, start, end);
  if (!leaf) return undefined;
  const property = leaf.parent?.type === 'property' ? leaf.parent : undefined;
  const key = property ? (property.children?.[0]?.value as string) : undefined;
  if (property?.parent === step.node && (key === 'name' || key === 'type')) return undefined;

  const delta = edit.newText.length - edit.length;
  const before = previousText.slice(leaf.offset, leaf.offset + leaf.length);
  const after = text.slice(leaf.offset, leaf.offset + leaf.length + delta);
  if (before.includes('$') || after.includes('$')) return undefined;
  const errors: ParseError[] = [];
  const parsed = parseTree(after, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length || !parsed || parsed.offset !== 0 || parsed.length !== after.length || parsed.type !== leaf.type) return undefined;
  return { leaf, step, key, delta, newValue: parsed.value };
}
