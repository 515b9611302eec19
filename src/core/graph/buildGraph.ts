import type { Node } from 'jsonc-parser';
import type { LintResult } from '../lint';
import { firstByName, type WorkflowInput, type WorkflowModel, type WorkflowStep } from '../model/workflow';
import { properties } from '../parse/tree';
import { looksLikeSelector, parseLooseSelector, type ParsedSelector } from '../selectors';
import type { GraphEdge, GraphEdgeKind, GraphNode, WorkflowGraph } from '../../protocol/graph';
import { countFindings } from './nodeFindings';

/**
 * The picture of a workflow: its inputs, steps and outputs as nodes, and every selector between
 * them as an edge: data edges from what a selector reads to who reads it, flow edges from a
 * flow-control step to the steps it continues with (`next_steps`, `cases`…). Selectors are found
 * in every string of a step, not only in the fields the catalog marks, so a step of an unknown or
 * custom block still shows what it reads. Markers come from the security analysis, counts from the
 * findings.
 */
export function buildWorkflowGraph(result: LintResult): WorkflowGraph {
  const model = result.model;
  if (!model) return { nodes: [], edges: [] };
  const privateSteps = new Set(result.security.models.privateModels.map((m) => m.stepIndex));
  const credentialSteps = new Set(result.security.credentials.credentialedSteps.map((c) => c.stepIndex));
  const counts = countFindings(model, result.findings);
  const tally = (id: string) => counts.get(id) ?? { errors: 0, warnings: 0 };

  const nodes: GraphNode[] = [
    ...model.inputs.map((input): GraphNode => ({
      id: `input:${input.index}`,
      kind: 'input',
      name: input.name ?? '',
      title: input.name ?? '(unnamed input)',
      detail: input.type ?? '(no type)',
      privateModel: false,
      credential: false,
      ...tally(`input:${input.index}`),
    })),
    ...model.steps.map((step): GraphNode => ({
      id: `step:${step.index}`,
      kind: 'step',
      name: step.name ?? '',
      title: step.block?.humanName ?? step.name ?? '(unnamed step)',
      detail: step.type ?? '(no type)',
      privateModel: privateSteps.has(step.index),
      credential: credentialSteps.has(step.index),
      ...tally(`step:${step.index}`),
    })),
    ...model.outputs.map((output): GraphNode => ({
      id: `output:${output.index}`,
      kind: 'output',
      name: output.name ?? '',
      title: output.name ?? '(unnamed output)',
      detail: output.selector ?? '(no selector)',
      privateModel: false,
      credential: false,
      ...tally(`output:${output.index}`),
    })),
  ];
  return { nodes, edges: graphEdges(model) };
}

function graphEdges(model: WorkflowModel): GraphEdge[] {
  const inputs = firstByName<WorkflowInput>(model.inputs);
  const steps = firstByName<WorkflowStep>(model.steps);
  const edges = new Map<string, { edge: GraphEdge; labels: Set<string> }>();
  const add = (from: string, to: string, kind: GraphEdgeKind, label: string) => {
    if (from === to) return; // a step naming itself is reported as a cycle; a loop would hide the node
    const key = `${from}>${to}>${kind}`;
    const known = edges.get(key) ?? edges.set(key, { edge: { from, to, kind, label: '' }, labels: new Set() }).get(key)!;
    known.labels.add(label);
  };
  const source = (selector: ParsedSelector): string | undefined => {
    if (selector.kind === 'input') {
      const input = inputs.get(selector.input);
      return input && `input:${input.index}`;
    }
    const step = steps.get(selector.step);
    return step && `step:${step.index}`;
  };

  for (const step of model.steps) {
    const id = `step:${step.index}`;
    for (const property of properties(step.node)) {
      if (property.key === 'type' || property.key === 'name') continue;
      for (const text of selectorStrings(property.value)) {
        const selector = parseLooseSelector(text, 'step');
        const other = selector && source(selector);
        if (!selector || !other) continue;
        if (selector.kind === 'step') add(id, other, 'flow', property.key);
        else add(other, id, 'data', property.key);
      }
    }
  }
  for (const output of model.outputs) {
    const selector = output.selector !== undefined ? parseLooseSelector(output.selector, 'output') : undefined;
    const other = selector && selector.kind !== 'step' ? source(selector) : undefined;
    if (other) add(other, `output:${output.index}`, 'data', 'selector');
  }
  return [...edges.values()].map(({ edge, labels }) => ({ ...edge, label: [...labels].join(', ') }));
}

/** Every string in a value that starts with `$`, however deeply nested in lists and objects. */
function selectorStrings(node: Node | undefined): string[] {
  const found: string[] = [];
  const stack = node ? [node] : [];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type === 'string') {
      if (looksLikeSelector(current.value)) found.push(current.value);
    } else if (current.type === 'array') {
      for (let i = (current.children?.length ?? 0) - 1; i >= 0; i--) stack.push(current.children![i]);
    } else if (current.type === 'object') {
      for (let i = (current.children?.length ?? 0) - 1; i >= 0; i--) {
        const value = current.children![i].children?.[1];
        if (value) stack.push(value);
      }
    }
  }
  return found;
}
