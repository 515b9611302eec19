import type { WorkflowStep } from '../model/workflow';
import { rangeOf } from '../parse/tree';
import type { SelectorReference, ValidationContext } from './context';

/** Data and control edges between steps: `from` must run before `to`. */
interface Edge {
  from: WorkflowStep;
  to: WorkflowStep;
  ref: SelectorReference;
}

function stepEdges(ctx: ValidationContext): Edge[] {
  const edges: Edge[] = [];
  for (const ref of ctx.references) {
    if (!ref.step || ref.selector.kind === 'input') continue;
    const other = ctx.stepsByName.get(ref.selector.step);
    if (!other) continue;
    // Flow-control targets run after the controlling step; data flows from the referenced step.
    edges.push(ref.selector.kind === 'step' ? { from: ref.step, to: other, ref } : { from: other, to: ref.step, ref });
  }
  return edges;
}

/** Cycles in the execution graph (Tarjan's strongly connected components, iterative). */
export function checkCycles(ctx: ValidationContext): void {
  const edges = stepEdges(ctx);
  const successors = new Map<WorkflowStep, Edge[]>();
  for (const edge of edges) {
    const list = successors.get(edge.from);
    if (list) list.push(edge);
    else successors.set(edge.from, [edge]);
  }
  const index = new Map<WorkflowStep, number>();
  const low = new Map<WorkflowStep, number>();
  const onStack = new Set<WorkflowStep>();
  const stack: WorkflowStep[] = [];
  let counter = 0;

  for (const start of ctx.stepsByName.values()) {
    if (index.has(start)) continue;
    const work: { step: WorkflowStep; next: number }[] = [{ step: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const out = successors.get(frame.step) ?? [];
      if (frame.next < out.length) {
        const target = out[frame.next++].to;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ step: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.step, Math.min(low.get(frame.step)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].step;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.step)!));
      }
      if (low.get(frame.step) === index.get(frame.step)) {
        const component: WorkflowStep[] = [];
        let member: WorkflowStep;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.step);
        // A step alone is a cycle only when it depends on itself.
        if (component.length > 1 || out.some((e) => e.to === frame.step)) reportCycle(ctx, component, edges);
      }
    }
  }
}

function reportCycle(ctx: ValidationContext, component: WorkflowStep[], edges: Edge[]): void {
  const members = new Set(component);
  const inner = edges.filter((e) => members.has(e.from) && members.has(e.to));
  const ordered = [...component].sort((a, b) => a.index - b.index);
  const names = ordered.map((s) => `\`${s.name}\``).join(' → ');
  const first = inner.find((e) => e.to === ordered[0]) ?? inner[0];
  ctx.findings.push({
    code: 'cycle',
    severity: 'error',
    message: `Steps ${names} depend on each other in a cycle, so none of them can run first. Remove one of the references that close the loop.`,
    range: rangeOf(first.ref.node),
    related: inner.filter((e) => e !== first).map((e) => ({ message: `\`${e.to.name}\` depends on \`${e.from.name}\` here`, range: rangeOf(e.ref.node) })),
  });
}

/** Block categories whose steps are worth running even when nothing reads their outputs. */
const SIDE_EFFECT_BLOCK_TYPES = new Set(['sink', 'flow_control', 'video']);

/** Hints: inputs nobody references, and steps whose results nobody uses. */
export function checkUnused(ctx: ValidationContext): void {
  const usedInputs = new Set<string>();
  const usedSteps = new Set<string>();
  for (const ref of ctx.references) {
    if (ref.selector.kind === 'input') usedInputs.add(ref.selector.input);
    else usedSteps.add(ref.selector.step);
  }
  // Also count selectors in places the catalog does not mark as selector fields (templates, dynamic blocks).
  for (const match of ctx.text.matchAll(/"\$(inputs|steps)\.([A-Za-z_0-9-]+)/g)) {
    (match[1] === 'inputs' ? usedInputs : usedSteps).add(match[2]);
  }
  for (const input of ctx.inputsByName.values()) {
    if (usedInputs.has(input.name!)) continue;
    ctx.findings.push({
      code: 'unused-input',
      severity: 'hint',
      message: `Input \`${input.name}\` is never used. Reference it as \`$inputs.${input.name}\` or remove it.`,
      range: rangeOf(input.nameNode!),
      unnecessary: true,
    });
  }
  for (const step of ctx.stepsByName.values()) {
    if (usedSteps.has(step.name!) || !step.block || SIDE_EFFECT_BLOCK_TYPES.has(step.block.blockType)) continue;
    ctx.findings.push({
      code: 'unused-step',
      severity: 'hint',
      message: `Nothing uses the results of step \`${step.name}\`: no output or other step references \`$steps.${step.name}.…\`. Add an output for it, or remove the step.`,
      range: rangeOf(step.nameNode!),
    });
  }
}
