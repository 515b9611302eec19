import type { Node } from 'jsonc-parser';
import type { OffsetRange } from '../findings';
import type { WorkflowModel } from '../model/workflow';
import { parseVersionedType } from '../catalog/versions';
import { keyNode, propertyNode, rangeOf } from '../parse/tree';

export type SymbolKind = 'section' | 'input' | 'step' | 'output';

/** One entry of the Outline and the breadcrumbs. */
export interface WorkflowSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  /** The whole entry. */
  range: OffsetRange;
  /** What to select on a click: its name (inside `range`). */
  selectionRange: OffsetRange;
  children: WorkflowSymbol[];
}

function entry(node: Node, nameNode: Node | undefined, name: string | undefined, fallback: string, detail: string, kind: SymbolKind): WorkflowSymbol {
  const selection = nameNode?.type === 'string' ? rangeOf(nameNode) : { offset: node.offset, length: 0 };
  return { name: name || fallback, detail, kind, range: rangeOf(node), selectionRange: selection, children: [] };
}

function section(model: WorkflowModel, key: 'inputs' | 'steps' | 'outputs', name: string, children: WorkflowSymbol[]): WorkflowSymbol[] {
  const property = propertyNode(model.root, key);
  if (!property) return [];
  return [{ name, detail: '', kind: 'section', range: rangeOf(property), selectionRange: rangeOf(keyNode(property)), children }];
}

/** `Object Detection Model · v2`; an unknown block shows its type as written. */
function stepDetail(block: { humanName: string; type: string } | undefined, type: string | undefined): string {
  if (!block) return type ?? '';
  const version = parseVersionedType(block.type)?.version;
  return version ? `${block.humanName} · v${version}` : block.humanName;
}

/** Inputs, Steps and Outputs as the workflow reads: each input with its type and kinds, each step with its block's name and version, each output with its selector. */
export function documentSymbols(model: WorkflowModel): WorkflowSymbol[] {
  const inputs = model.inputs.map((input) => {
    const kinds = input.kindNode ? ` · ${input.kinds.join(', ')}` : '';
    return entry(input.node, input.nameNode, input.name, `input ${input.index + 1}`, `${input.type ?? 'input'}${kinds}`, 'input');
  });
  const steps = model.steps.map((step) => entry(step.node, step.nameNode, step.name, `step ${step.index + 1}`, stepDetail(step.block, step.type), 'step'));
  const outputs = model.outputs.map((output) => entry(output.node, output.nameNode, output.name, `output ${output.index + 1}`, output.selector ?? '', 'output'));
  return [...section(model, 'inputs', 'Inputs', inputs), ...section(model, 'steps', 'Steps', steps), ...section(model, 'outputs', 'Outputs', outputs)];
}
